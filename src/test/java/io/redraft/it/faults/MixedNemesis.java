package io.redraft.it.faults;

import java.util.List;

/** Each strike is one of the 3-node nemeses picked at random, healed by the same one. */
final class MixedNemesis implements Nemesis {
    private final List<Nemesis> choices = List.of(new LeaderKill(), new RandomKill(), new LeaderPause(),
            new LeaderIsolate(), new MajoritySplit(), new MembershipChurn());
    private Nemesis current;

    @Override
    public String name() {
        return "mixed";
    }

    @Override
    public void strike(FaultContext ctx) throws Exception {
        current = choices.get(ctx.random.nextInt(choices.size()));
        current.strike(ctx);
    }

    @Override
    public void heal(FaultContext ctx) throws Exception {
        current.heal(ctx);
    }
}
