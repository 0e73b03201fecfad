package io.redraft.it;

import java.util.List;

/**
 * Polls LEADER on some nodes from the moment it is made, and notes when one of them first names
 * a leader other than {@code old}: how long a leadership change took, as clients see it.
 */
final class LeaderChangeTimer implements AutoCloseable {
    private final long startedAt = System.nanoTime();
    private final Thread thread;
    private volatile String newLeader;
    private volatile long tookMs = -1;
    private volatile boolean closed;

    LeaderChangeTimer(List<NodeProcess> nodes, String old) {
        thread = new Thread(() -> {
            while (!closed && newLeader == null) {
                for (NodeProcess n : nodes) {
                    try {
                        String id = String.valueOf(n.call("LEADER")).split(" ")[0];
                        if (!id.equals(old) && !id.isBlank()) {
                            tookMs = (System.nanoTime() - startedAt) / 1_000_000;
                            newLeader = id;
                            return;
                        }
                    } catch (RuntimeException e) {
                        // no leader right now, or the node is down
                    }
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "leader-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Milliseconds from this watch's start until a new leader was named; waits up to {@code timeoutMs}. */
    long awaitMs(long timeoutMs) throws InterruptedException {
        thread.join(timeoutMs);
        if (newLeader == null) {
            throw new AssertionError("no new leader named within " + timeoutMs + " ms");
        }
        return tookMs;
    }

    String newLeader() {
        return newLeader;
    }

    @Override
    public void close() {
        closed = true;
    }
}
