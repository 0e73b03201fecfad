package io.redraft.raft;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SnapshotDueTest {

    @Test
    void dueAfterHalfTheLastSnapshotsSizeOfLogAndRetriedAfterAsMuchAgain() {
        SnapshotDue due = new SnapshotDue();
        assertFalse(due.applied(SnapshotDue.MIN_BYTES - 1));
        assertTrue(due.applied(1)); // the minimum before any snapshot
        assertFalse(due.applied(1)); // requested: not again at once
        due.snapshotAt(100L << 20); // a 100 MB snapshot: due after 50 MB of log
        assertFalse(due.applied((50L << 20) - 1));
        assertTrue(due.applied(1));
        assertFalse(due.applied((50L << 20) - 1)); // the request failed: retried 50 MB later
        assertTrue(due.applied(1));
        due.snapshotAt(1); // a tiny snapshot: the minimum applies
        assertFalse(due.applied(SnapshotDue.MIN_BYTES - 1));
        assertTrue(due.applied(1));
    }
}
