package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

/** WATCH across nodes of a real cluster, driven by Jedis's transaction API. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WatchClusterTest {
    @TempDir
    Path dir;

    @Test
    void aConflictingWriteThroughAnotherNodeAbortsExec() throws Exception {
        try (TestCluster cluster = TestCluster.form(dir, 3);
                Jedis n1 = cluster.nodes.get(0).client();
                Jedis n2 = cluster.nodes.get(1).client()) {
            assertEquals("OK", n1.set("balance", "100"));

            assertEquals("OK", n2.watch("balance"));
            assertEquals("100", n2.get("balance"));
            assertEquals("OK", n1.set("balance", "50")); // through another node, after the WATCH
            Transaction tx = n2.multi();
            tx.set("balance", "90");
            assertNull(tx.exec(), "EXEC aborts: the watched key changed");
            assertEquals("50", n2.get("balance"));
            assertEquals("50", cluster.nodes.get(2).call("GET", "balance"));

            assertEquals("OK", n2.watch("balance"));
            assertEquals("50", n2.get("balance"));
            assertEquals("OK", n1.set("unrelated", "x"));
            assertEquals("50", n1.get("balance"));
            Transaction retry = n2.multi();
            retry.set("balance", "40");
            retry.get("balance");
            assertEquals(List.of("OK", "40"), retry.exec(), "no conflict: EXEC runs");
            assertEquals("40", n1.get("balance"));
            assertEquals("40", cluster.nodes.get(2).call("GET", "balance"));
        }
    }
}
