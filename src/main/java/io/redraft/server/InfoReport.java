package io.redraft.server;

import io.redraft.raft.BatchStats;
import io.redraft.raft.RaftNode;
import io.redraft.raft.RedraftStateMachine;
import io.redraft.store.Keyspace;
import io.redraft.store.Store;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;

/** Builds INFO's text: Redis's sections and field names where they mean the same, plus a raft section. */
final class InfoReport {
    private static final String[] DEFAULT_SECTIONS = {"server", "clients", "memory", "replication", "raft", "keyspace"};

    private final ServerConfig config;
    private final RaftNode raft;
    private final BatchStats batches;
    private final IntSupplier connectedClients;
    private final long startedAt;
    private final Map<String, BiConsumer<StringBuilder, Long>> sections = new LinkedHashMap<>();

    InfoReport(ServerConfig config, RaftNode raft, BatchStats batches, IntSupplier connectedClients, long startedAt) {
        this.config = config;
        this.raft = raft;
        this.batches = batches;
        this.connectedClients = connectedClients;
        this.startedAt = startedAt;
        sections.put("server", this::server);
        sections.put("clients", this::clients);
        sections.put("memory", this::memory);
        sections.put("replication", this::replication);
        sections.put("raft", this::raftSection);
        sections.put("keyspace", this::keyspace);
    }

    /** {@code section} is a section name, "default", "all" or "everything" (case-insensitive). */
    String render(String section) {
        String s = section == null ? "default" : section.toLowerCase(Locale.ROOT);
        long now = System.currentTimeMillis();
        StringBuilder sb = new StringBuilder();
        if (s.equals("default") || s.equals("all") || s.equals("everything")) {
            for (String name : DEFAULT_SECTIONS) {
                append(sb, name, now);
            }
        } else if (sections.containsKey(s)) {
            append(sb, s, now);
        }
        return sb.toString();
    }

    private void append(StringBuilder sb, String name, long now) {
        if (sb.length() > 0) {
            sb.append("\r\n");
        }
        sb.append("# ").append(Character.toUpperCase(name.charAt(0))).append(name.substring(1)).append("\r\n");
        sections.get(name).accept(sb, now);
    }

    private static void field(StringBuilder sb, String key, Object value) {
        sb.append(key).append(':').append(value).append("\r\n");
    }

    private void server(StringBuilder sb, long now) {
        long uptime = (now - startedAt) / 1000;
        field(sb, "redis_version", "7.2.0");
        field(sb, "redraft_version", "0.1.0");
        field(sb, "redis_mode", "standalone");
        field(sb, "os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        field(sb, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
        field(sb, "java_version", System.getProperty("java.version"));
        field(sb, "process_id", ProcessHandle.current().pid());
        field(sb, "run_id", config.id());
        field(sb, "tcp_port", config.redisAddr().port());
        field(sb, "uptime_in_seconds", uptime);
        field(sb, "uptime_in_days", uptime / 86400);
        field(sb, "executable", "redraft");
    }

    private void clients(StringBuilder sb, long now) {
        field(sb, "connected_clients", connectedClients.getAsInt());
        field(sb, "maxclients", 10000);
    }

    private void memory(StringBuilder sb, long now) {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        field(sb, "used_memory", used);
        field(sb, "used_memory_human", String.format(Locale.ROOT, "%.2fM", used / 1048576.0));
        field(sb, "maxmemory", 0);
        field(sb, "maxmemory_policy", "noeviction");
        field(sb, "jvm_heap_max", rt.maxMemory());
        field(sb, "jvm_uptime_ms", ManagementFactory.getRuntimeMXBean().getUptime());
    }

    private void replication(StringBuilder sb, long now) {
        boolean leader = raft.isLeader();
        field(sb, "role", leader ? "master" : "slave");
        field(sb, "connected_slaves", leader ? Math.max(0, raft.members().size() - 1) : 0);
    }

    private void raftSection(StringBuilder sb, long now) {
        field(sb, "raft_node_id", config.id());
        field(sb, "raft_address", config.raftAddr());
        field(sb, "raft_role", raft.role());
        field(sb, "raft_leader_id", raft.leaderId() == null ? "" : raft.leaderId());
        field(sb, "raft_term", raft.term());
        field(sb, "raft_commit_index", raft.commitIndex());
        field(sb, "raft_last_log_index", raft.lastLogIndex());
        field(sb, "raft_last_applied_index", raft.lastAppliedIndex());
        field(sb, "raft_members", raft.members().size());
        String down = raft.unavailableReason();
        field(sb, "raft_available", down == null ? "yes" : "no");
        field(sb, "raft_write_entries", batches.writeEntries());
        field(sb, "raft_write_commands", batches.writeCommands());
        field(sb, "raft_write_entry_avg_us", batches.writeEntryMicros());
        field(sb, "raft_read_barriers", batches.readBarriers());
        field(sb, "raft_read_commands", batches.readCommands());
        field(sb, "raft_read_barrier_avg_us", batches.readBarrierMicros());
    }

    private void keyspace(StringBuilder sb, long now) {
        RedraftStateMachine sm = raft.stateMachine();
        if (sm == null) {
            return;
        }
        Store store = sm.store();
        store.lock().readLock().lock();
        try {
            for (int i = 0; i < Store.DATABASES; i++) {
                Keyspace db = store.db(i);
                if (db.size() > 0) {
                    sb.append("db").append(i).append(":keys=").append(db.size()).append(",expires=")
                            .append(db.volatileCount()).append(",avg_ttl=0\r\n");
                }
            }
        } finally {
            store.lock().readLock().unlock();
        }
    }
}
