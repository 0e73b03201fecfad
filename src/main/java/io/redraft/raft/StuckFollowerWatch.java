package io.redraft.raft;

import java.util.HashMap;
import java.util.Map;

/**
 * Notices, on the leader, a follower that keeps answering but never catches up. Ratis's log
 * appender can get stuck that way after a flapping network: in 3.2.x an appender that threw was
 * never restarted (TESTING.md bug 8), in 3.3.0 one kept sending heartbeats that the follower
 * answered with INCONSISTENCY while the leader believed it had more than it had (bug 10). Either
 * way the follower got nothing more until leadership moved, and a new leader built new appenders
 * and caught it up within a second; so the node hands leadership over when this watch says so.
 * A partitioned follower does not answer and a follower that is level does not lag: neither is
 * stuck. Pure bookkeeping, fed by the caller, so it is tested without Raft.
 */
final class StuckFollowerWatch {
    /** How long a lagging follower's match index may stand still while it answers. */
    static final long STUCK_AFTER_MS = 15_000;
    /** A follower that answered within this long is reachable. */
    static final long ANSWERED_WITHIN_MS = 3_000;

    /** Per follower: the match index last seen to change, and when. */
    private final Map<String, long[]> progress = new HashMap<>();

    /**
     * One look, with each follower's match index and milliseconds since it last answered;
     * returns a stuck follower's id, or null.
     */
    String check(long nowMs, long commitIndex, Map<String, Long> matchIndexes, Map<String, Long> lastAnsweredMs) {
        progress.keySet().retainAll(lastAnsweredMs.keySet());
        String stuck = null;
        for (Map.Entry<String, Long> f : lastAnsweredMs.entrySet()) {
            long match = matchIndexes.getOrDefault(f.getKey(), -1L);
            long[] seen = progress.get(f.getKey());
            if (seen == null || seen[0] != match || match >= commitIndex) {
                progress.put(f.getKey(), new long[] {match, nowMs});
            } else if (nowMs - seen[1] >= STUCK_AFTER_MS && f.getValue() <= ANSWERED_WITHIN_MS) {
                stuck = f.getKey();
            }
        }
        return stuck;
    }

    /** Forgets what was seen (this node is no longer the leader, or leadership was handed over). */
    void reset() {
        progress.clear();
    }
}
