package io.redraft.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ratis settings whose Ratis defaults hurt the node; each test fails with Ratis's default. */
class RaftSettingsTest {
    @TempDir
    Path dir;

    @Test
    void readsNeverTrustTheLeaderLease() {
        // Ratis renews the lease from NOT_LEADER replies: a resumed deposed leader read stale data (bug 14).
        var properties = RaftSettings.server(dir, "127.0.0.1", 0, 1000, 500, 1000);
        assertFalse(RaftServerConfigKeys.Read.leaderLeaseEnabled(properties));
        assertTrue(RaftServerConfigKeys.Read.leaderHeartbeatCheckEnabled(properties));
        assertEquals(RaftServerConfigKeys.Read.Option.LINEARIZABLE, RaftServerConfigKeys.Read.option(properties));
    }

    @Test
    void followersNeverCommitPastAQueuedAppend() {
        // Compose on: a deposed leader's replaced entries were committed and applied (bugs 15, 16;
        // StaleTailCommitTest replays it).
        var properties = RaftSettings.server(dir, "127.0.0.1", 0, 1000, 500, 1000);
        assertFalse(RaftServerConfigKeys.Log.appendEntriesComposeEnabled(properties));
    }

    @Test
    void aFollowerWithManyErrorsIsStillProbedWithinAnElectionTimeout() {
        // Ratis's default waits 5 s from the 31st error: a restarted follower caught up in minutes (bug 12).
        var properties = RaftSettings.server(dir, "127.0.0.1", 0, 1000, 500, 1000);
        RetryPolicy policy = RetryPolicy.parse(RaftServerConfigKeys.Log.Appender.retryPolicy(properties));
        for (int errors : new int[] {1, 10, 11, 31, 1_000, 100_000}) {
            RetryPolicy.Action action = policy.handleAttemptFailure(() -> errors);
            assertTrue(action.shouldRetry(), "retries after " + errors + " errors");
            long sleptMs = action.getSleepTime().toLong(TimeUnit.MILLISECONDS);
            assertTrue(sleptMs < 250, errors + " errors: sleeps " + sleptMs + " ms, half an election timeout or more");
        }
    }
}
