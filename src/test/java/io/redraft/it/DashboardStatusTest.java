package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** --http-addr over plain HTTP: /api/status on the leader and a follower, bad paths and methods, no quorum. */
@Timeout(240)
class DashboardStatusTest {
    @TempDir
    Path dir;

    @Test
    void statusReportsTheClusterAndItsLossOfQuorum() throws Exception {
        Dashboard dashboard = new Dashboard();
        try (TestCluster cluster = TestCluster.formWith(dir, 3, dashboard::flagsFor)) {
            NodeProcess leader = cluster.awaitLeader(Duration.ofSeconds(30));
            try (Jedis jedis = leader.client()) {
                for (int i = 0; i < 10; i++) {
                    assertEquals("OK", jedis.set("k" + i, "v" + i));
                }
            }

            // every node sees three members with their addresses, one leader, and the writes applied
            for (NodeProcess n : cluster.nodes) {
                JSONObject s = awaitStatus(dashboard, n, st -> st.getJSONArray("members").length() == 3
                        && leader.id.equals(st.optString("leader")) && st.getLong("applied_index") >= 10
                        && st.getBoolean("available"), "a settled status with 3 members");
                assertEquals(n.id, s.getJSONObject("node").getString("id"));
                assertEquals(n.id.equals(leader.id) ? "leader" : "follower", s.getJSONObject("node").getString("role"));
                assertEquals(n.id.equals(leader.id), s.getBoolean("match_exact"));
                assertTrue(s.getLong("term") >= 1);
                JSONArray members = s.getJSONArray("members");
                Map<String, String> roles = new HashMap<>();
                for (int i = 0; i < members.length(); i++) {
                    JSONObject m = members.getJSONObject(i);
                    NodeProcess member = cluster.node(m.getString("id"));
                    assertEquals(member.redisAddr(), m.getString("redis_addr"));
                    assertEquals(member.raftAddr(), m.getString("raft_addr"));
                    assertEquals(member.id.equals(n.id), m.getBoolean("self"));
                    assertTrue(m.getLong("lag") >= 0);
                    roles.put(m.getString("id"), m.getString("role"));
                }
                assertEquals(java.util.Set.of("n1", "n2", "n3"), roles.keySet());
                assertEquals(1, roles.values().stream().filter("leader"::equals).count(), roles.toString());
                assertEquals("leader", roles.get(leader.id));
                assertNotNull(s.getJSONObject("throughput").get("ops_per_sec"));
            }

            // the leader's match indexes catch up with its log: lag 0 everywhere once writes stop
            awaitStatus(dashboard, leader, st -> {
                JSONArray ms = st.getJSONArray("members");
                for (int i = 0; i < ms.length(); i++) {
                    if (ms.getJSONObject(i).getLong("lag") != 0) {
                        return false;
                    }
                }
                return true;
            }, "zero lag on the leader");

            // the page and its assets; anything else is 404, anything but GET is 405
            NodeProcess any = cluster.nodes.get(1);
            HttpResponse<String> page = dashboard.request(any, "GET", "/");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("/dashboard.js"), page.body());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertEquals(200, dashboard.request(any, "GET", "/dashboard.js").statusCode());
            assertEquals(200, dashboard.request(any, "GET", "/dashboard.css").statusCode());
            assertEquals("application/json",
                    dashboard.request(any, "GET", "/api/status").headers().firstValue("Content-Type").orElse(""));
            assertEquals(404, dashboard.request(any, "GET", "/api/nothing").statusCode());
            assertEquals(404, dashboard.request(any, "GET", "/index.html/..").statusCode());
            assertEquals(405, dashboard.request(any, "POST", "/api/status").statusCode());
            assertEquals(405, dashboard.request(any, "DELETE", "/").statusCode());

            // two of three gone: the survivor still answers, and says it has no quorum
            NodeProcess survivor = cluster.nodes.stream().filter(n -> !n.id.equals(leader.id)).findFirst().orElseThrow();
            for (NodeProcess n : cluster.nodes) {
                if (n != survivor) {
                    n.kill9();
                }
            }
            JSONObject down = awaitStatus(dashboard, survivor, st -> !st.getBoolean("available"), "no quorum");
            assertFalse(down.getString("unavailable_reason").isEmpty());
            assertEquals(3, down.getJSONArray("members").length());
        }
    }

    static JSONObject awaitStatus(Dashboard dashboard, NodeProcess n, java.util.function.Predicate<JSONObject> ok,
                                  String what) throws InterruptedException {
        AtomicReference<JSONObject> last = new AtomicReference<>();
        try {
            TestCluster.await(Duration.ofSeconds(60), () -> {
                JSONObject s = dashboard.status(n);
                last.set(s);
                return s != null && ok.test(s);
            }, what + " on " + n.id);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last status: " + last.get(), e);
        }
        return last.get();
    }
}
