package io.redraft.it.faults;

import io.redraft.it.NodeProcess;

/**
 * Cuts the leader off from every other node (clients still reach it): the majority elects a new
 * leader while the old one runs on until its lease and election timers depose it.
 */
final class LeaderIsolate implements Nemesis {
    @Override
    public String name() {
        return "leader-isolate";
    }

    @Override
    public void strike(FaultContext ctx) throws Exception {
        NodeProcess leader = Leaders.current(ctx.cluster);
        ctx.log("isolate leader " + leader.id);
        ctx.cluster.network.isolate(leader);
        ctx.log("new leader " + Leaders.awaitOtherThan(ctx.cluster, leader, ctx.others(leader)).id);
    }

    @Override
    public void heal(FaultContext ctx) {
        ctx.log("heal network");
        ctx.cluster.network.heal();
    }
}
