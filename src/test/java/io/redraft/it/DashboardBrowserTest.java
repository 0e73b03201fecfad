package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.json.JSONObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The dashboard page as a browser renders it: headless Chromium loads a node's page, runs its
 * script (which fetches /api/status) and dumps the resulting DOM. Skipped only when no chromium
 * is installed (CI installs it).
 */
@Timeout(480)
class DashboardBrowserTest {
    private static final Pattern LEADER_ROW = Pattern.compile("data-id=\"([^\"]+)\" data-role=\"leader\"");

    @TempDir
    Path dir;

    @Test
    void pageShowsTheClusterAndFollowsALeaderChange() throws Exception {
        String chromium = findChromium();
        Assumptions.assumeTrue(chromium != null,
                "chromium is not installed (apt-get install -y chromium); .ci/run installs it");
        Dashboard dashboard = new Dashboard();
        try (TestCluster cluster = TestCluster.formWith(dir, 3, dashboard::flagsFor)) {
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(30));
            try (Jedis jedis = cluster.nodes.get(2).client()) {
                for (int i = 0; i < 10; i++) {
                    assertEquals("OK", jedis.set("k" + i, "v" + i));
                }
            }
            NodeProcess viewed = cluster.nodes.get(1);
            JSONObject settled = DashboardStatusTest.awaitStatus(dashboard, viewed,
                    s -> s.getJSONArray("members").length() == 3 && leader.id.equals(s.optString("leader"))
                            && s.getLong("applied_index") >= 10, "3 members and the writes applied");

            String dom = render(chromium, dashboard.url(viewed, "/"), "n1", leader.id);
            for (NodeProcess n : cluster.nodes) {
                assertTrue(dom.contains("data-id=\"" + n.id + "\""), n.id + " missing from the page:\n" + dom);
            }
            assertEquals(List.of(leader.id), leaderRows(dom), dom);
            assertEquals(leader.id, textOf(dom, "leader"), dom);
            assertEquals(settled.getLong("term"), Long.parseLong(textOf(dom, "term")), dom);
            assertTrue(Long.parseLong(textOf(dom, "applied-index")) >= 10, dom);
            assertTrue(textOf(dom, "banner").startsWith("Quorum OK"), dom);

            // the leader dies: a surviving follower's page names the new leader
            leader.kill9();
            NodeProcess survivor = cluster.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
            JSONObject after = DashboardStatusTest.awaitStatus(dashboard, survivor,
                    s -> !s.isNull("leader") && !leader.id.equals(s.getString("leader")) && s.getBoolean("available"),
                    "a new leader");
            String newLeader = after.getString("leader");
            assertNotEquals(leader.id, newLeader);
            String domAfter = render(chromium, dashboard.url(survivor, "/"), survivor.id, newLeader);
            assertEquals(List.of(newLeader), leaderRows(domAfter), domAfter);
            assertEquals(newLeader, textOf(domAfter, "leader"), domAfter);
            assertTrue(Long.parseLong(textOf(domAfter, "term")) > settled.getLong("term"), domAfter);
        }
    }

    /**
     * The page's DOM after its script ran, once it shows {@code expectLeader} (a page loaded in
     * the middle of a change may show the old state: load it again, within a deadline).
     */
    private String render(String chromium, String url, String mustShow, String expectLeader) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String dom = "";
        for (int attempt = 1; System.nanoTime() < deadline; attempt++) {
            dom = dumpDom(chromium, url, attempt);
            if (dom.contains("data-id=\"" + mustShow + "\"") && expectLeader.equals(textOf(dom, "leader"))) {
                return dom;
            }
            Thread.sleep(500);
        }
        return dom; // the caller's assertions say what is wrong with it
    }

    /** One headless Chromium run: load, let the script fetch and render (virtual time), dump the DOM. */
    private String dumpDom(String chromium, String url, int attempt) throws Exception {
        Path profile = Files.createDirectories(dir.resolve("chromium-profile-" + attempt));
        Path out = dir.resolve("dom-" + attempt + ".html");
        Path err = dir.resolve("chromium-" + attempt + ".log");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + profile, "--virtual-time-budget=3000", "--dump-dom", url)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        // generous: Chromium's startup is slow on a loaded machine
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within 90 s; see " + err);
        }
        String dom = Files.readString(out);
        if (dom.isBlank()) {
            throw new AssertionError("chromium exited " + p.exitValue() + " without a DOM: " + Files.readString(err));
        }
        return dom;
    }

    private static List<String> leaderRows(String dom) {
        Matcher m = LEADER_ROW.matcher(dom);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** The text of the element with this id (the page's values are plain text in their own element). */
    private static String textOf(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(dom);
        return m.find() ? m.group(1).trim() : "";
    }

    private static String findChromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                File f = new File(d, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }
}
