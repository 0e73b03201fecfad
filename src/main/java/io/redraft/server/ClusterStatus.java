package io.redraft.server;

import io.redraft.cluster.ClusterAdmin;
import io.redraft.raft.RaftNode;
import io.redraft.raft.RedraftStateMachine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The dashboard's {@code /api/status}: this node's view of the cluster as INFO's raft and
 * replication sections and NODES see it, as a JSON object. Reads only local state, so it answers
 * on followers and without a quorum too (then {@code available} is false with the reason).
 */
final class ClusterStatus {
    private final ServerConfig config;
    private final RaftNode raft;
    private final ClusterAdmin admin;
    private final ServerStats stats;
    private final IntSupplier connectedClients;
    private final long startedAt;

    ClusterStatus(ServerConfig config, RaftNode raft, ClusterAdmin admin, ServerStats stats,
                  IntSupplier connectedClients, long startedAt) {
        this.config = config;
        this.raft = raft;
        this.admin = admin;
        this.stats = stats;
        this.connectedClients = connectedClients;
        this.startedAt = startedAt;
    }

    String json() {
        return Json.write(snapshot());
    }

    Map<String, Object> snapshot() {
        long now = System.currentTimeMillis();
        boolean leader = raft.isLeader();
        long lastLogIndex = raft.lastLogIndex();
        long commitIndex = raft.commitIndex();
        String down = raft.unavailableReason();
        RedraftStateMachine sm = raft.stateMachine();

        Map<String, Object> self = new LinkedHashMap<>();
        self.put("id", config.id());
        self.put("raft_addr", config.raftAddr().toString());
        self.put("redis_addr", config.redisAddr().toString());
        self.put("role", raft.role());
        self.put("uptime_seconds", (now - startedAt) / 1000);
        self.put("connected_clients", connectedClients.getAsInt());

        // lag: how far each member's log is behind the leader's (exact on the leader; elsewhere
        // from the commit indexes last heard of, measured against this node's commit index)
        long reference = leader ? lastLogIndex : commitIndex;
        Map<String, Long> contact = raft.lastContactMs();
        List<Map<String, Object>> members = new ArrayList<>();
        for (ClusterAdmin.Member m : admin.members()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", m.id());
            row.put("raft_addr", m.raftAddress());
            row.put("redis_addr", m.redisAddress());
            row.put("role", m.leader() ? "leader" : "follower");
            row.put("self", m.id().equals(config.id()));
            row.put("match_index", m.matchIndex());
            row.put("lag", Math.max(0, reference - m.matchIndex()));
            row.put("last_contact_ms", contact.get(m.id()));
            members.add(row);
        }

        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("ops_per_sec", stats.ops.perSecond());
        throughput.put("writes_per_sec", stats.writes.perSecond());
        throughput.put("applied_entries_per_sec", stats.applied.perSecond());

        Map<String, Object> status = new LinkedHashMap<>();
        status.put("time_ms", now);
        status.put("node", self);
        status.put("in_cluster", sm != null);
        status.put("available", down == null);
        status.put("unavailable_reason", down);
        status.put("leader", raft.leaderId());
        status.put("term", raft.term());
        status.put("commit_index", commitIndex);
        status.put("last_log_index", lastLogIndex);
        status.put("applied_index", raft.lastAppliedIndex());
        status.put("snapshot_index", sm == null ? -1 : sm.latestSnapshotIndex());
        status.put("match_exact", leader);
        status.put("members", members);
        status.put("throughput", throughput);
        return status;
    }
}
