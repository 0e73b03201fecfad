package io.redraft.server;

import io.redraft.command.CommandSpec;
import io.redraft.resp.Reply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's INFO stats, commandstats and errorstats: counted by the connections, sampled
 * every 100 ms for instantaneous_ops_per_sec and the dashboard's rates.
 */
final class ServerStats {
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

    /** Commands per second (all of this node's clients). */
    final RateMeter ops = new RateMeter();
    /** Write commands per second that this node's clients sent to the log. */
    final RateMeter writes = new RateMeter();
    /** Log entries applied per second on this node: the whole cluster's write traffic. */
    final RateMeter applied = new RateMeter();

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

    /** CONFIG RESETSTAT: counters, commandstats, errorstats, rates and the memory peak start again from zero. */
    void reset() {
        connectionsReceived.reset();
        rejectedConnections.reset();
        commandsProcessed.reset();
        errorReplies.reset();
        commands.clear();
        errors.clear();
        peakMemory.set(0);
        ops.reset();
    }

    /** Called every 100 ms with the node's write-command count and applied index. */
    void sample(long nowMillis, long usedMemory, long writeCommands, long appliedIndex) {
        ops.sample(nowMillis, commandsProcessed.sum());
        writes.sample(nowMillis, writeCommands);
        applied.sample(nowMillis, appliedIndex);
        peakMemory.accumulateAndGet(usedMemory, Math::max);
    }

    long instantaneousOpsPerSec() {
        return ops.perSecond();
    }
}
