package io.redraft.it.faults;

import io.redraft.it.NodeProcess;
import io.redraft.it.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** What a nemesis works with: the cluster, a seeded random source, and a timeline to log to. */
final class FaultContext {
    final TestCluster cluster;
    final SplittableRandom random;
    private final long start = System.nanoTime();
    private final List<String> timeline = new ArrayList<>();

    FaultContext(TestCluster cluster, long seed) {
        this.cluster = cluster;
        this.random = new SplittableRandom(seed);
    }

    /** A timestamped line in the run's timeline (printed with the summary). */
    synchronized void log(String event) {
        String line = String.format("%7.1fs %s", (System.nanoTime() - start) / 1e9, event);
        timeline.add(line);
        System.out.println(line);
    }

    synchronized List<String> timeline() {
        return List.copyOf(timeline);
    }

    NodeProcess randomNode() {
        return cluster.nodes.get(random.nextInt(cluster.nodes.size()));
    }

    List<NodeProcess> others(NodeProcess node) {
        return cluster.nodes.stream().filter(n -> n != node).toList();
    }

    /** The nodes in a random order. */
    List<NodeProcess> shuffled() {
        List<NodeProcess> nodes = new ArrayList<>(cluster.nodes);
        for (int i = nodes.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            NodeProcess t = nodes.get(i);
            nodes.set(i, nodes.get(j));
            nodes.set(j, t);
        }
        return nodes;
    }
}
