package io.redraft.it.faults;

import io.redraft.it.NodeProcess;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * REMOVEs a random follower under load, then JOINs the same node back (its retired group is set
 * aside, so it rejoins empty and catches up from the leader). Asserts each change shows in NODES.
 */
final class MembershipChurn implements Nemesis {
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(60);
    private NodeProcess removed;

    @Override
    public String name() {
        return "membership";
    }

    @Override
    public void strike(FaultContext ctx) throws Exception {
        NodeProcess leader = Leaders.current(ctx.cluster);
        removed = ctx.others(leader).get(ctx.random.nextInt(ctx.cluster.nodes.size() - 1));
        ctx.log("REMOVE " + removed.id + " via " + leader.id);
        change(ctx, "REMOVE", () -> !members(ctx).contains(removed.id), removed.id);
        ctx.log("removed " + removed.id);
    }

    @Override
    public void heal(FaultContext ctx) throws Exception {
        ctx.log("JOIN " + removed.id);
        change(ctx, "JOIN", () -> members(ctx).contains(removed.id), removed.id, removed.raftAddr());
        ctx.log("joined " + removed.id);
    }

    /**
     * Sends the change to whoever leads until the membership shows it: a reply lost to a
     * leader change, or an error after the change already went through, is retried or accepted.
     */
    private void change(FaultContext ctx, String command, Check done, String... args) throws Exception {
        long deadline = System.nanoTime() + CHANGE_TIMEOUT.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            if (done.holds()) {
                return;
            }
            NodeProcess leader = Leaders.await(ctx.cluster, ctx.others(removed), id -> !id.equals(removed.id),
                    Duration.ofSeconds(30), "a leader to send " + command + " to");
            try (Jedis jedis = new Jedis("127.0.0.1", leader.redisPort, 30_000)) {
                last = NodeProcess.call(jedis, command, args);
            } catch (RuntimeException e) {
                last = e;
            }
            if (!done.holds()) {
                Thread.sleep(500);
            }
        }
        throw new AssertionError(command + " " + String.join(" ", args) + " did not take effect within "
                + CHANGE_TIMEOUT + "; last reply " + last);
    }

    /** Member ids as the current leader lists them in NODES (empty if none answers). */
    private Set<String> members(FaultContext ctx) {
        try {
            NodeProcess leader = Leaders.await(ctx.cluster, ctx.others(removed), id -> !id.equals(removed.id),
                    Duration.ofSeconds(30), "a leader to list members");
            try (Jedis jedis = new Jedis("127.0.0.1", leader.redisPort, 5000)) {
                String nodes = (String) NodeProcess.call(jedis, "NODES");
                return nodes.lines().filter(l -> !l.isBlank()).map(l -> l.split(" ")[0]).collect(Collectors.toSet());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    private interface Check {
        boolean holds();
    }
}
