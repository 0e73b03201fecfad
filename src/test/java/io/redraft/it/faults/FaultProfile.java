package io.redraft.it.faults;

import java.time.Duration;

/**
 * How hard a fault run pushes: cluster size (a nemesis may need more), clients per workload,
 * how long the nemesis schedule runs, and how long each strike and each healed interval last.
 */
record FaultProfile(String name, int nodes, int clientsPerWorkload, Duration duration,
                    Duration strike, Duration healed, Duration checkerBudget) {

    /** Runs in {@code mvn verify}: about 15 s of faults per nemesis on 3 nodes, 12 clients. */
    static FaultProfile quick() {
        return new FaultProfile("quick", 3, 3, Duration.ofSeconds(seconds(15)),
                Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofSeconds(60));
    }

    /** Run on demand: minutes per nemesis on 5 nodes, 20 clients. */
    static FaultProfile long_() {
        return new FaultProfile("long", 5, 5, Duration.ofSeconds(seconds(120)),
                Duration.ofSeconds(8), Duration.ofSeconds(6), Duration.ofSeconds(180));
    }

    /** {@code -Dredraft.faults.seconds=N} overrides the duration of every nemesis. */
    private static long seconds(long byDefault) {
        return Long.getLong("redraft.faults.seconds", byDefault);
    }

    FaultProfile withNodes(int atLeast) {
        return new FaultProfile(name, Math.max(nodes, atLeast), clientsPerWorkload, duration, strike, healed,
                checkerBudget);
    }
}
