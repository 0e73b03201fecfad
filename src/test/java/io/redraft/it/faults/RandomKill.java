package io.redraft.it.faults;

import io.redraft.it.NodeProcess;

/**
 * SIGKILL a random node, leader or not; when it was the leader the others must elect a new one.
 * Heal: restart it; it must catch up (checked when the replicas are compared at the end).
 */
final class RandomKill implements Nemesis {
    private NodeProcess victim;

    @Override
    public String name() {
        return "random-kill";
    }

    @Override
    public void strike(FaultContext ctx) throws Exception {
        NodeProcess leader = Leaders.current(ctx.cluster);
        victim = ctx.randomNode();
        ctx.log("kill -9 " + victim.id + (victim == leader ? " (leader)" : ""));
        victim.kill9();
        if (victim == leader) {
            ctx.log("new leader " + Leaders.awaitOtherThan(ctx.cluster, victim, ctx.others(victim)).id);
        }
    }

    @Override
    public void heal(FaultContext ctx) throws Exception {
        ctx.log("restart " + victim.id);
        victim.start();
    }
}
