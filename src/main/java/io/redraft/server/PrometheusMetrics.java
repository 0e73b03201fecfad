package io.redraft.server;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.redraft.raft.RaftNode;
import io.redraft.raft.RedraftStateMachine;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * This node's Prometheus metrics, served as text on {@code http://metrics_addr/metrics}. Its own
 * registry (not the library's default one), so several nodes in one JVM never mix. Per-command
 * series are created once per command name and cached, so counting a command allocates nothing.
 */
final class PrometheusMetrics implements AutoCloseable {
    private static final double[] COMMAND_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
            0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final double[] DISK_BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
            0.05, 0.1, 0.25, 0.5, 1, 2.5};
    private static final double[] SNAPSHOT_BUCKETS = {0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300};
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    /** One command's series. */
    private record CommandSeries(CounterDataPoint calls, CounterDataPoint errors, DistributionDataPoint duration) {}

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter commands;
    private final Counter commandErrors;
    private final Histogram commandDuration;
    private final Map<String, CommandSeries> perCommand = new ConcurrentHashMap<>();
    private final DistributionDataPoint commitDuration;
    private final DistributionDataPoint batchSize;
    private final DistributionDataPoint fsyncDuration;
    private final DistributionDataPoint snapshotTake;
    private final DistributionDataPoint snapshotInstall;
    private final CounterDataPoint leaderChanges;
    private final HTTPServer http;

    PrometheusMetrics(HostPort address, RaftNode raft, IntSupplier connectedClients, LongSupplier usedMemory)
            throws IOException {
        commands = Counter.builder().name("redraft_commands_processed_total")
                .help("Commands answered by this node, per command").labelNames("command").register(registry);
        commandErrors = Counter.builder().name("redraft_command_errors_total")
                .help("Commands answered with an error by this node, per command").labelNames("command").register(registry);
        commandDuration = Histogram.builder().name("redraft_command_duration_seconds")
                .help("Time from a command's start to its reply being ready (includes Raft commit for writes)")
                .labelNames("command").classicOnly().classicUpperBounds(COMMAND_BUCKETS).register(registry);
        commitDuration = histogram("redraft_raft_commit_duration_seconds",
                "Time from submitting a write entry to having its applied replies", DISK_BUCKETS);
        batchSize = histogram("redraft_raft_write_batch_commands",
                "Client commands per write log entry", BATCH_BUCKETS);
        fsyncDuration = histogram("redraft_raft_log_fsync_duration_seconds",
                "Time of a Raft log flush (fsync) on this node", DISK_BUCKETS);
        Histogram snapshots = Histogram.builder().name("redraft_snapshot_duration_seconds")
                .help("Time to write a snapshot (kind=take) or load one installed from the leader (kind=install)")
                .labelNames("kind").classicOnly().classicUpperBounds(SNAPSHOT_BUCKETS).register(registry);
        snapshotTake = snapshots.labelValues("take");
        snapshotInstall = snapshots.labelValues("install");
        leaderChanges = Counter.builder().name("redraft_raft_leader_changes_total")
                .help("Leader changes this node has seen").register(registry).labelValues();
        gauge("redraft_raft_term", "Current Raft term", raft::term);
        gauge("redraft_raft_is_leader", "1 if this node is the Raft leader, else 0", () -> raft.isLeader() ? 1 : 0);
        GaugeWithCallback.builder().name("redraft_raft_role").help("1 for this node's current Raft role")
                .labelNames("role").callback(cb -> cb.call(1, raft.role())).register(registry);
        gauge("redraft_raft_commit_index", "Raft commit index", raft::commitIndex);
        gauge("redraft_raft_applied_index", "Last log index applied to the store", raft::lastAppliedIndex);
        gauge("redraft_raft_last_log_index", "Last index in this node's Raft log", raft::lastLogIndex);
        gauge("redraft_raft_snapshot_index", "Log index of the newest snapshot (-1: none)", () -> {
            RedraftStateMachine sm = raft.stateMachine();
            return sm == null ? -1 : sm.latestSnapshotIndex();
        });
        gauge("redraft_raft_log_size_bytes", "Bytes of Raft log segments on disk", raft::logSizeBytes);
        gauge("redraft_raft_members", "Members in the current Raft configuration", () -> raft.members().size());
        gauge("redraft_connected_clients", "Client connections open on this node", connectedClients::getAsInt);
        gauge("redraft_used_memory_bytes", "The store's estimate of its data (INFO used_memory)", usedMemory::getAsLong);
        Runtime rt = Runtime.getRuntime();
        gauge("redraft_jvm_heap_used_bytes", "JVM heap in use", () -> rt.totalMemory() - rt.freeMemory());
        gauge("redraft_jvm_heap_committed_bytes", "JVM heap committed", rt::totalMemory);
        gauge("redraft_jvm_heap_max_bytes", "JVM heap limit (-Xmx)", rt::maxMemory);
        http = HTTPServer.builder().hostname(address.host()).port(address.port()).registry(registry).buildAndStart();
    }

    private DistributionDataPoint histogram(String name, String help, double[] buckets) {
        return Histogram.builder().name(name).help(help).classicOnly().classicUpperBounds(buckets)
                .register(registry).labelValues();
    }

    private void gauge(String name, String help, LongSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsLong())).register(registry);
    }

    /** The port actually bound (the configured one, or the one picked for port 0). */
    int port() {
        return http.getPort();
    }

    void command(String name, long nanos, boolean error) {
        CommandSeries s = perCommand.get(name);
        if (s == null) {
            s = perCommand.computeIfAbsent(name, n -> new CommandSeries(commands.labelValues(n),
                    commandErrors.labelValues(n), commandDuration.labelValues(n)));
        }
        s.calls().inc();
        s.duration().observe(nanos / 1e9);
        if (error) {
            s.errors().inc();
        }
    }

    void entryCommitted(int commandCount, long nanos) {
        commitDuration.observe(nanos / 1e9);
        batchSize.observe(commandCount);
    }

    void logFlushed(long nanos) {
        fsyncDuration.observe(nanos / 1e9);
    }

    void snapshot(boolean installed, long nanos) {
        (installed ? snapshotInstall : snapshotTake).observe(nanos / 1e9);
    }

    void leaderChanged() {
        leaderChanges.inc();
    }

    @Override
    public void close() {
        http.close();
    }
}
