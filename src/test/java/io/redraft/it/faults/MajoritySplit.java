package io.redraft.it.faults;

import io.redraft.it.NodeProcess;
import java.util.List;

/**
 * Splits the nodes at random into a majority and a minority that cannot talk to each other.
 * The majority must end up with a leader of its own, whether or not the old one was on its side.
 */
final class MajoritySplit implements Nemesis {
    @Override
    public String name() {
        return "majority-split";
    }

    @Override
    public void strike(FaultContext ctx) throws Exception {
        List<NodeProcess> nodes = ctx.shuffled();
        List<NodeProcess> minority = nodes.subList(0, nodes.size() / 2);
        List<NodeProcess> majority = nodes.subList(nodes.size() / 2, nodes.size());
        ctx.log("split " + ids(majority) + " | " + ids(minority));
        ctx.cluster.network.partition(List.of(majority, minority));
        NodeProcess leader = Leaders.await(ctx.cluster, majority,
                id -> majority.stream().anyMatch(n -> n.id.equals(id)), java.time.Duration.ofSeconds(30),
                "a leader on the majority side " + ids(majority));
        ctx.log("majority leader " + leader.id);
    }

    @Override
    public void heal(FaultContext ctx) {
        ctx.log("heal network");
        ctx.cluster.network.heal();
    }

    static List<String> ids(List<NodeProcess> nodes) {
        return nodes.stream().map(n -> n.id).toList();
    }
}
