package io.redraft.it.faults;

import io.redraft.it.NodeProcess;

/**
 * SIGSTOP the leader until the others elect a new one, then SIGCONT: the woken old leader still
 * believes it leads and must neither serve a stale read nor acknowledge a write.
 */
final class LeaderPause implements Nemesis {
    private NodeProcess victim;

    @Override
    public String name() {
        return "leader-pause";
    }

    @Override
    public void strike(FaultContext ctx) throws Exception {
        victim = Leaders.current(ctx.cluster);
        ctx.log("SIGSTOP leader " + victim.id);
        victim.pause();
        ctx.log("new leader " + Leaders.awaitOtherThan(ctx.cluster, victim, ctx.others(victim)).id);
    }

    @Override
    public void heal(FaultContext ctx) throws Exception {
        ctx.log("SIGCONT " + victim.id);
        victim.resume();
    }
}
