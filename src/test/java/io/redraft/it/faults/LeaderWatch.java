package io.redraft.it.faults;

import io.redraft.it.TestCluster;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** Polls who the majority says leads, and counts how often that changes during a run. */
final class LeaderWatch {
    private final TestCluster cluster;
    private final FaultContext ctx;
    private volatile int changes;

    LeaderWatch(TestCluster cluster, FaultContext ctx) {
        this.cluster = cluster;
        this.ctx = ctx;
    }

    void run(AtomicBoolean stop) {
        String last = null;
        while (!stop.get()) {
            Optional<String> now = Leaders.agreed(cluster.nodes, cluster.nodes.size());
            if (now.isPresent() && !now.get().equals(last)) {
                if (last != null) {
                    changes++;
                }
                ctx.log("leader " + now.get());
                last = now.get();
            }
            Pause.ms(300);
        }
    }

    int changes() {
        return changes;
    }
}
