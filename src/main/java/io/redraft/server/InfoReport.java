package io.redraft.server;

import io.redraft.command.MemoryLimit;
import io.redraft.raft.BatchStats;
import io.redraft.raft.RaftNode;
import io.redraft.raft.RedraftStateMachine;
import io.redraft.store.Keyspace;
import io.redraft.store.Store;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;

/** Builds INFO's text: Redis's sections and field names where they mean the same, plus a raft section. */
final class InfoReport {
    private static final String[] DEFAULT_SECTIONS = {"server", "clients", "memory", "persistence", "stats",
            "replication", "cpu", "errorstats", "cluster", "raft", "keyspace"};
    /** "all" and "everything" add these to the default sections, as Redis does. */
    private static final String[] ALL_ONLY_SECTIONS = {"commandstats"};

    private final ServerConfig config;
    private final RaftNode raft;
    private final BatchStats batches;
    private final IntSupplier connectedClients;
    private final long startedAt;
    private final Map<String, BiConsumer<StringBuilder, Long>> sections = new LinkedHashMap<>();
    private ServerStats stats = new ServerStats();
    private MemoryLimit memoryLimit;

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
        sections.put("persistence", this::persistence);
        sections.put("stats", this::stats);
        sections.put("cpu", this::cpu);
        sections.put("errorstats", this::errorstats);
        sections.put("commandstats", this::commandstats);
        sections.put("cluster", (sb, now) -> field(sb, "cluster_enabled", 0));
    }

    /** The counters and the memory limit this report shows (set once by the node at wiring). */
    InfoReport with(ServerStats stats, MemoryLimit memoryLimit) {
        this.stats = stats;
        this.memoryLimit = memoryLimit;
        return this;
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
            if (!s.equals("default")) {
                for (String name : ALL_ONLY_SECTIONS) {
                    append(sb, name, now);
                }
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
        String title = name.equals("cpu") ? "CPU" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
        sb.append("# ").append(title).append("\r\n");
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
        long heapUsed = rt.totalMemory() - rt.freeMemory();
        // used_memory is the store's per-key estimate: the figure maxmemory is compared with
        long used = memoryLimit == null ? heapUsed : memoryLimit.usedBytes();
        long peak = Math.max(used, stats.peakMemory.get());
        long max = memoryLimit == null ? 0 : memoryLimit.maxBytes();
        long rss = residentBytes(rt.totalMemory());
        field(sb, "used_memory", used);
        field(sb, "used_memory_human", MemoryLimit.human(used));
        field(sb, "used_memory_rss", rss);
        field(sb, "used_memory_rss_human", MemoryLimit.human(rss));
        field(sb, "used_memory_peak", peak);
        field(sb, "used_memory_peak_human", MemoryLimit.human(peak));
        field(sb, "used_memory_dataset", used);
        long total = totalSystemMemory();
        if (total > 0) {
            field(sb, "total_system_memory", total);
            field(sb, "total_system_memory_human", MemoryLimit.human(total));
        }
        field(sb, "maxmemory", max);
        field(sb, "maxmemory_human", MemoryLimit.human(max));
        field(sb, "maxmemory_policy", memoryLimit == null ? "noeviction" : memoryLimit.policy().redisName());
        field(sb, "mem_allocator", "jvm");
        field(sb, "jvm_heap_used", heapUsed);
        field(sb, "jvm_heap_committed", rt.totalMemory());
        field(sb, "jvm_heap_max", rt.maxMemory());
        field(sb, "jvm_uptime_ms", ManagementFactory.getRuntimeMXBean().getUptime());
    }

    /** Resident set size from /proc (Linux); the committed heap elsewhere. */
    private static long residentBytes(long fallback) {
        try {
            String[] statm = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/statm")).trim().split(" ");
            return Long.parseLong(statm[1]) * 4096;
        } catch (java.io.IOException | RuntimeException e) {
            return fallback;
        }
    }

    private static long totalSystemMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    /**
     * The Raft log is the append-only file (fsynced before every reply, hence aof_enabled:1) and
     * Raft snapshots play the part of RDB saves: rdb_last_save_time is the newest snapshot's time
     * (the start time when there is none, as in Redis), rdb_changes_since_last_save the entries
     * applied since it.
     */
    private void persistence(StringBuilder sb, long now) {
        RedraftStateMachine sm = raft.stateMachine();
        long snapIndex = sm == null ? -1 : sm.latestSnapshotIndex();
        long snapTime = sm == null ? 0 : sm.latestSnapshotTimeMillis();
        field(sb, "loading", 0);
        field(sb, "async_loading", 0);
        field(sb, "rdb_changes_since_last_save", Math.max(0, raft.lastAppliedIndex() - Math.max(0, snapIndex)));
        field(sb, "rdb_bgsave_in_progress", 0);
        field(sb, "rdb_last_save_time", (snapTime > 0 ? snapTime : startedAt) / 1000);
        field(sb, "rdb_last_bgsave_status", sm != null && sm.lastSnapshotFailed() ? "err" : "ok");
        field(sb, "aof_enabled", 1);
        field(sb, "aof_rewrite_in_progress", 0);
        field(sb, "aof_rewrite_scheduled", 0);
        field(sb, "aof_last_write_status", raft.logFailure() == null ? "ok" : "err");
        field(sb, "raft_snapshot_index", snapIndex);
    }

    private void stats(StringBuilder sb, long now) {
        RedraftStateMachine sm = raft.stateMachine();
        field(sb, "total_connections_received", stats.connectionsReceived.sum());
        field(sb, "total_commands_processed", stats.commandsProcessed.sum());
        field(sb, "instantaneous_ops_per_sec", stats.instantaneousOpsPerSec());
        field(sb, "rejected_connections", stats.rejectedConnections.sum());
        field(sb, "expired_keys", sm == null ? 0 : sm.expiredKeys());
        field(sb, "evicted_keys", sm == null ? 0 : sm.evictedKeys());
        long hits = 0;
        long misses = 0;
        for (int i = 0; sm != null && i < Store.DATABASES; i++) {
            hits += sm.store().db(i).hits();
            misses += sm.store().db(i).misses();
        }
        // read lookups on this node, including those a logged command makes on every replica
        field(sb, "keyspace_hits", hits);
        field(sb, "keyspace_misses", misses);
        field(sb, "total_error_replies", stats.errorReplies.sum());
    }

    /** Process CPU seconds from /proc/self/stat (Linux); the JVM's total CPU time as user time elsewhere. */
    private void cpu(StringBuilder sb, long now) {
        double user;
        double sys;
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            user = Long.parseLong(f[11]) / 100.0; // utime, in clock ticks (100 Hz)
            sys = Long.parseLong(f[12]) / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            user = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
            sys = 0;
        }
        field(sb, "used_cpu_sys", String.format(Locale.ROOT, "%.6f", sys));
        field(sb, "used_cpu_user", String.format(Locale.ROOT, "%.6f", user));
        field(sb, "used_cpu_sys_children", "0.000000");
        field(sb, "used_cpu_user_children", "0.000000");
    }

    private void errorstats(StringBuilder sb, long now) {
        new java.util.TreeMap<>(stats.errors).forEach((code, n) ->
                sb.append("errorstat_").append(code).append(":count=").append(n.sum()).append("\r\n"));
    }

    private void commandstats(StringBuilder sb, long now) {
        new java.util.TreeMap<>(stats.commands).forEach((name, s) -> {
            long calls = s.calls.sum();
            long usec = s.micros.sum();
            sb.append("cmdstat_").append(name).append(":calls=").append(calls).append(",usec=").append(usec)
                    .append(",usec_per_call=").append(String.format(Locale.ROOT, "%.2f", calls == 0 ? 0.0 : (double) usec / calls))
                    .append(",rejected_calls=0,failed_calls=").append(s.failed.sum()).append("\r\n");
        });
    }

    /**
     * The leader is Redis's master and followers its replicas: a follower names the leader's
     * Redis address as master_host/master_port; offsets are Raft log indexes, and a replica's
     * lag is the seconds since it last answered the leader.
     */
    private void replication(StringBuilder sb, long now) {
        boolean leader = raft.isLeader();
        RedraftStateMachine sm = raft.stateMachine();
        Map<String, String> addresses = sm == null ? Map.of() : sm.nodeAddresses();
        Map<String, Long> contact = raft.lastContactMs();
        field(sb, "role", leader || sm == null ? "master" : "slave");
        if (!leader && sm != null) {
            String leaderId = raft.leaderId();
            String addr = leaderId == null ? null : addresses.get(leaderId);
            int colon = addr == null ? -1 : addr.lastIndexOf(':');
            field(sb, "master_host", colon < 0 ? "" : addr.substring(0, colon));
            field(sb, "master_port", colon < 0 ? 0 : Integer.parseInt(addr.substring(colon + 1)));
            field(sb, "master_link_status", raft.unavailableReason() == null ? "up" : "down");
            Long last = leaderId == null ? null : contact.get(leaderId);
            field(sb, "master_last_io_seconds_ago", last == null ? -1 : last / 1000);
            field(sb, "master_sync_in_progress", 0);
            field(sb, "slave_read_repl_offset", raft.lastLogIndex());
            field(sb, "slave_repl_offset", raft.lastAppliedIndex());
            field(sb, "slave_priority", 100);
            field(sb, "slave_read_only", 0); // writes sent to a follower are forwarded to the leader
            field(sb, "replica_announced", 1);
            field(sb, "connected_slaves", 0);
        } else if (leader) {
            Map<String, Long> match = raft.matchIndexes();
            List<String> followers = new ArrayList<>();
            for (var peer : raft.members()) {
                String id = peer.getId().toString();
                if (!id.equals(raft.id())) {
                    followers.add(id);
                }
            }
            field(sb, "connected_slaves", followers.size());
            int i = 0;
            for (String id : followers) {
                String addr = addresses.getOrDefault(id, "");
                int colon = addr.lastIndexOf(':');
                Long last = contact.get(id);
                sb.append("slave").append(i++).append(":ip=").append(colon < 0 ? "" : addr.substring(0, colon))
                        .append(",port=").append(colon < 0 ? "0" : addr.substring(colon + 1))
                        .append(",state=online")
                        .append(",offset=").append(match.getOrDefault(id, 0L))
                        .append(",lag=").append(last == null ? -1 : last / 1000).append("\r\n");
            }
        } else {
            field(sb, "connected_slaves", 0);
        }
        field(sb, "master_failover_state", "no-failover");
        field(sb, "master_replid", "0000000000000000000000000000000000000000");
        field(sb, "master_repl_offset", raft.commitIndex());
        field(sb, "second_repl_offset", -1);
        field(sb, "repl_backlog_active", 0);
    }

    private void raftSection(StringBuilder sb, long now) {
        field(sb, "raft_node_id", config.id());
        String clusterId = raft.clusterId();
        field(sb, "cluster_id", clusterId == null ? "" : clusterId);
        field(sb, "raft_address", config.raftAddr());
        field(sb, "raft_role", raft.role());
        field(sb, "raft_leader_id", raft.leaderId() == null ? "" : raft.leaderId());
        field(sb, "raft_term", raft.term());
        field(sb, "raft_commit_index", raft.commitIndex());
        field(sb, "raft_last_log_index", raft.lastLogIndex());
        field(sb, "raft_last_applied_index", raft.lastAppliedIndex());
        RedraftStateMachine sm = raft.stateMachine();
        field(sb, "raft_last_snapshot_index", sm == null ? -1 : sm.latestSnapshotIndex());
        long start = raft.logStartIndex();
        field(sb, "raft_log_start_index", start);
        field(sb, "raft_log_entries", Math.max(0, raft.lastLogIndex() - start + 1));
        field(sb, "raft_log_size_bytes", raft.logSizeBytes());
        field(sb, "raft_members", raft.members().size());
        peers(sb);
        String down = raft.unavailableReason();
        field(sb, "raft_available", down == null ? "yes" : "no");
        field(sb, "raft_write_entries", batches.writeEntries());
        field(sb, "raft_write_commands", batches.writeCommands());
        field(sb, "raft_write_entry_avg_us", batches.writeEntryMicros());
        field(sb, "raft_read_barriers", batches.readBarriers());
        field(sb, "raft_read_commands", batches.readCommands());
        field(sb, "raft_read_barrier_avg_us", batches.readBarrierMicros());
    }

    /**
     * One line per member: its Raft address, role, match index (exact on the leader; elsewhere the
     * commit index last heard from it), lag in entries behind this node's log, and the milliseconds
     * since it was last heard from (leader: each follower; follower: the leader; -1 unknown).
     */
    private void peers(StringBuilder sb) {
        Map<String, Long> match = raft.matchIndexes();
        Map<String, Long> contact = raft.lastContactMs();
        String leader = raft.leaderId();
        long last = raft.lastLogIndex();
        int i = 0;
        for (var peer : raft.members()) {
            String id = peer.getId().toString();
            long m = match.getOrDefault(id, 0L);
            sb.append("raft_peer").append(i++).append(":id=").append(id).append(",address=").append(peer.getAddress())
                    .append(",role=").append(id.equals(leader) ? "leader" : "follower")
                    .append(",match_index=").append(m).append(",lag=").append(Math.max(0, last - m))
                    .append(",last_contact_ms=").append(id.equals(raft.id()) ? 0 : contact.getOrDefault(id, -1L))
                    .append("\r\n");
        }
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
