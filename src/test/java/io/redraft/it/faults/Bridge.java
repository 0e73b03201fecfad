package io.redraft.it.faults;

import io.redraft.it.NodeProcess;
import java.time.Duration;
import java.util.List;

/**
 * Five nodes split into two pairs that cannot talk to each other, and one bridge node that
 * talks to both: each pair plus the bridge is a majority, so two leaders could try to coexist.
 * The cluster must still agree on one leader.
 */
final class Bridge implements Nemesis {
    @Override
    public String name() {
        return "bridge";
    }

    @Override
    public int minNodes() {
        return 5;
    }

    @Override
    public void strike(FaultContext ctx) throws Exception {
        List<NodeProcess> nodes = ctx.shuffled();
        List<NodeProcess> left = nodes.subList(0, 2);
        NodeProcess bridge = nodes.get(2);
        List<NodeProcess> right = nodes.subList(3, nodes.size());
        ctx.log("bridge " + MajoritySplit.ids(left) + " <- " + bridge.id + " -> " + MajoritySplit.ids(right));
        ctx.cluster.network.bridge(left, bridge, right);
        ctx.log("agreed leader " + Leaders.await(ctx.cluster, ctx.cluster.nodes, id -> true, Duration.ofSeconds(30),
                "a leader a majority agrees on across the bridge").id);
    }

    @Override
    public void heal(FaultContext ctx) {
        ctx.log("heal network");
        ctx.cluster.network.heal();
    }
}
