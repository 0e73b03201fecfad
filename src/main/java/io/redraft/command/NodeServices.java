package io.redraft.command;

import io.redraft.resp.Reply;
import java.util.concurrent.CompletionStage;

/**
 * What connection-level commands need from the node. Implemented by the server layer, so the
 * command package never depends on Raft.
 */
public interface NodeServices {
    CommandTable commands();

    /** Where data commands go; EXEC sends its block through it. */
    ReplicatedPath replicated();

    /** The clients blocked on this node (CLIENT UNBLOCK). */
    BlockedClients blockedClients();

    CompletionStage<Reply> bootstrap(String id, String raftAddress);

    CompletionStage<Reply> join(String id, String raftAddress);

    CompletionStage<Reply> remove(String id);

    CompletionStage<Reply> leader();

    CompletionStage<Reply> nodes();

    CompletionStage<Reply> snapshot();

    /**
     * Stops this node gracefully (leadership handed over first), after a snapshot when
     * {@code save}. Completes with an error only if it cannot; on success the connection just
     * closes with the node, as with Redis's SHUTDOWN.
     */
    CompletionStage<Reply> shutdown(boolean save);

    /** The INFO text for the given section ("default", "all", "server", "raft", ...). */
    String info(String section);

    /** Connected clients right now. */
    int connectedClients();

    /** This node's pub/sub subscribers. */
    io.redraft.pubsub.PubSubHub pubsub();

    /** This node's maxmemory settings and used-memory view; null where there is none (tests). */
    default MemoryLimit memory() {
        return null;
    }

    /** The open client connections of this node (CLIENT LIST, CLIENT KILL). */
    default java.util.Collection<Session> clients() {
        return java.util.List.of();
    }

    /**
     * WAIT: completes with the number of replicas (followers) known to hold everything this node
     * has committed so far, once at least {@code replicas} do or after {@code timeoutMs} (0 = no
     * limit).
     */
    default CompletionStage<Reply> waitForReplicas(long replicas, long timeoutMs) {
        return java.util.concurrent.CompletableFuture.completedFuture(Reply.integer(0));
    }

    /** This node's maxclients and idle timeout; null where there is none (tests). */
    default ConnectionLimits connectionLimits() {
        return null;
    }

    /** This node's view of the replicated ACL users; null where there is none (tests: everyone is the default user). */
    default Acl acl() {
        return null;
    }

    /** This node's CLIENT PAUSE state; null where commands cannot be paused. */
    default ClientPause clientPause() {
        return null;
    }

    /**
     * This node's CONFIG GET/SET parameters (CONFIG adds the fixed facts such as appendonly). By default those of
     * {@link #memory()} and {@link #connectionLimits()}; the server derives its own from its settings table.
     */
    default java.util.List<ConfigParameter> configParameters() {
        return ConfigCommands.limitParameters(memory(), connectionLimits());
    }

    /**
     * The error this node answers a write command with instead of running it (a follower that does not forward
     * writes), or null to run it.
     */
    default Reply writeRefusal() {
        return null;
    }

    /** CONFIG RESETSTAT: zeroes this node's INFO stats, commandstats and errorstats. */
    default void resetStats() {
    }

    /** This node's SLOWLOG; null where there is none (tests). */
    default SlowLog slowLog() {
        return null;
    }

    /** This node's LATENCY monitor; null where there is none (tests). */
    default LatencyMonitor latencyMonitor() {
        return null;
    }
}
