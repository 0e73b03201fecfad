package io.redraft.server;

import io.redraft.command.CommandSpec;
import io.redraft.resp.Reply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's INFO stats, commandstats and errorstats: counted by the connections, sampled
 * every 100 ms for instantaneous_ops_per_sec (Redis averages its last 16 samples the same way).
 */
final class ServerStats {
    private static final int SAMPLES = 16;

    /** Calls, microseconds and error replies of one command (full name, e.g. client|list). */
    static final class CommandStat {
        final LongAdder calls = new LongAdder();
        final LongAdder micros = new LongAdder();
        final LongAdder failed = new LongAdder();
    }

    final LongAdder connectionsReceived = new LongAdder();
    /** Connections refused because maxclients was reached. */
    final LongAdder rejectedConnections = new LongAdder();
    final LongAdder commandsProcessed = new LongAdder();
    final LongAdder errorReplies = new LongAdder();
    final Map<String, CommandStat> commands = new ConcurrentHashMap<>();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    final AtomicLong peakMemory = new AtomicLong();

    private final long[] opsSamples = new long[SAMPLES];
    private int sampleIndex;
    private long lastSampleTime;
    private long lastSampleCount;

    /** Also told of every finished command (SLOWLOG, LATENCY, Prometheus); null: nobody. */
    private volatile NodeMonitor monitor;

    void monitorWith(NodeMonitor monitor) {
        this.monitor = monitor;
    }

    /** One finished command of {@code session}: the command (null if unknown), its arguments, run time and reply. */
    void record(ClientSession session, byte[][] argv, CommandSpec spec, long nanos, Reply reply) {
        record(spec == null ? null : spec.name(), nanos, reply);
        NodeMonitor m = monitor;
        if (m != null) {
            m.commandDone(session, argv, spec, nanos, reply instanceof Reply.Error);
        }
    }

    /** One finished command: its full name (null if unknown), run time, and reply. */
    void record(String command, long nanos, Reply reply) {
        commandsProcessed.increment();
        boolean error = reply instanceof Reply.Error;
        if (command != null) {
            CommandStat s = commands.computeIfAbsent(command, c -> new CommandStat());
            s.calls.increment();
            s.micros.add(nanos / 1000);
            if (error) {
                s.failed.increment();
            }
        }
        if (error) {
            errorReplies.increment();
            String text = ((Reply.Error) reply).text();
            int space = text.indexOf(' ');
            String code = space < 0 ? text : text.substring(0, space);
            errors.computeIfAbsent(code, c -> new LongAdder()).increment();
        }
    }

    /** Called every 100 ms. */
    synchronized void sample(long nowMillis, long usedMemory) {
        long count = commandsProcessed.sum();
        if (lastSampleTime > 0 && nowMillis > lastSampleTime) {
            opsSamples[sampleIndex] = (count - lastSampleCount) * 1000 / (nowMillis - lastSampleTime);
            sampleIndex = (sampleIndex + 1) % SAMPLES;
        }
        lastSampleTime = nowMillis;
        lastSampleCount = count;
        peakMemory.accumulateAndGet(usedMemory, Math::max);
    }

    synchronized long instantaneousOpsPerSec() {
        long sum = 0;
        for (long s : opsSamples) {
            sum += s;
        }
        return sum / SAMPLES;
    }
}
