package io.redraft.it.faults;

import io.redraft.it.NodeProcess;

/** SIGKILL the leader; the others must elect a new one. Heal: restart it on its data dir. */
final class LeaderKill implements Nemesis {
    private NodeProcess victim;

    @Override
    public String name() {
        return "leader-kill";
    }

    @Override
    public void strike(FaultContext ctx) throws Exception {
        victim = Leaders.current(ctx.cluster);
        ctx.log("kill -9 leader " + victim.id);
        victim.kill9();
        ctx.log("new leader " + Leaders.awaitOtherThan(ctx.cluster, victim, ctx.others(victim)).id);
    }

    @Override
    public void heal(FaultContext ctx) throws Exception {
        ctx.log("restart " + victim.id);
        victim.start();
    }
}
