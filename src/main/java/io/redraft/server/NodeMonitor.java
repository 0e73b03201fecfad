package io.redraft.server;

import io.redraft.command.CommandFlag;
import io.redraft.command.CommandSpec;
import io.redraft.command.LatencyMonitor;
import io.redraft.command.SlowLog;
import io.redraft.raft.RaftObserver;

/**
 * Where this node's timings go: every finished client command and every Raft event reaches the
 * SLOWLOG, the LATENCY monitor and, with {@code metrics_addr} set, the Prometheus metrics.
 * Commands are tested against the thresholds first, so an ordinary command costs two compares.
 */
final class NodeMonitor implements RaftObserver {
    private final SlowLog slowLog;
    private final LatencyMonitor latency;
    private volatile PrometheusMetrics metrics;

    NodeMonitor(SlowLog slowLog, LatencyMonitor latency) {
        this.slowLog = slowLog;
        this.latency = latency;
    }

    SlowLog slowLog() {
        return slowLog;
    }

    LatencyMonitor latency() {
        return latency;
    }

    void export(PrometheusMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * A client command was answered after {@code nanos}. Blocking commands are left out of the
     * slowlog and latency monitor: their time is mostly waiting for data, which Redis does not count.
     */
    void commandDone(ClientSession session, byte[][] argv, CommandSpec spec, long nanos, boolean error) {
        PrometheusMetrics m = metrics;
        if (spec == null) {
            return; // unknown command: counted in INFO's error stats only, as Redis does
        }
        if (m != null) {
            m.command(spec.name(), nanos, error);
        }
        if (spec.flags().contains(CommandFlag.BLOCKING) || spec.flags().contains(CommandFlag.SKIP_SLOWLOG)
                && !spec.name().equals("exec")) {
            return;
        }
        long micros = nanos / 1000;
        if (slowLog.isSlow(micros)) {
            slowLog.record(argv, micros, System.currentTimeMillis(), session.remoteAddress(), session.name());
        }
        if (latency.thresholdMillis() > 0) {
            latency.record(spec.flags().contains(CommandFlag.FAST) ? "fast-command" : "command", micros / 1000,
                    System.currentTimeMillis());
        }
    }

    @Override
    public void entryCommitted(int commands, long nanos) {
        PrometheusMetrics m = metrics;
        if (m != null) {
            m.entryCommitted(commands, nanos);
        }
        timed("raft-commit", nanos);
    }

    @Override
    public void logFlushed(long nanos) {
        PrometheusMetrics m = metrics;
        if (m != null) {
            m.logFlushed(nanos);
        }
        timed("fsync", nanos);
    }

    @Override
    public void snapshotTaken(long nanos) {
        PrometheusMetrics m = metrics;
        if (m != null) {
            m.snapshot(false, nanos);
        }
        timed("snapshot-take", nanos);
    }

    @Override
    public void snapshotInstalled(long nanos) {
        PrometheusMetrics m = metrics;
        if (m != null) {
            m.snapshot(true, nanos);
        }
        timed("snapshot-install", nanos);
    }

    @Override
    public void leaderChanged(long term, String leaderId) {
        PrometheusMetrics m = metrics;
        if (m != null && leaderId != null) {
            m.leaderChanged();
        }
    }

    private void timed(String event, long nanos) {
        if (latency.thresholdMillis() > 0) {
            latency.record(event, nanos / 1_000_000, System.currentTimeMillis());
        }
    }
}
