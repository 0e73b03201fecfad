package io.redraft.command;

import static io.redraft.command.AclCategory.DANGEROUS;
import static io.redraft.command.CommandFlag.ADMIN;
import static io.redraft.command.CommandFlag.LOADING;
import static io.redraft.command.CommandFlag.NOSCRIPT;
import static io.redraft.command.CommandFlag.STALE;
import static io.redraft.command.Containers.done;

import io.redraft.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * LATENCY LATEST/HISTORY/RESET/DOCTOR/HELP over this node's {@link LatencyMonitor}, as Redis 7
 * (GRAPH and HISTOGRAM are not implemented).
 */
public final class LatencyCommands {
    private LatencyCommands() {
    }

    /** LATENCY's subcommands. */
    public static final CommandTable LATENCY = latencyTable();

    private static CommandTable latencyTable() {
        CommandTable.Builder t = new CommandTable.Builder();
        EnumSet<CommandFlag> flags = EnumSet.of(ADMIN, NOSCRIPT, LOADING, STALE);
        t.local("latency|latest", 2, flags, 0, 0, 0, LatencyCommands::latest)
                .doc("server", "2.8.13", "Returns the latest latency samples for all events.")
                .complexity("O(1)").acl(DANGEROUS)
                .tips("nondeterministic_output", "request_policy:all_nodes", "response_policy:special");
        t.local("latency|history", 3, flags, 0, 0, 0, LatencyCommands::history)
                .doc("server", "2.8.13", "Returns timestamp-latency samples for an event.")
                .complexity("O(1)").acl(DANGEROUS)
                .tips("nondeterministic_output", "request_policy:all_nodes", "response_policy:special")
                .args("event:string");
        t.local("latency|reset", -2, flags, 0, 0, 0, LatencyCommands::reset)
                .doc("server", "2.8.13", "Resets the latency data for one or more events.")
                .complexity("O(1)").acl(DANGEROUS)
                .tips("request_policy:all_nodes", "response_policy:agg_sum").args("?+event:string");
        t.local("latency|doctor", 2, flags, 0, 0, 0, LatencyCommands::doctor)
                .doc("server", "2.8.13", "Returns a human-readable latency analysis report.")
                .complexity("O(1)").acl(DANGEROUS)
                .tips("nondeterministic_output", "request_policy:all_nodes", "response_policy:special");
        t.local("latency|help", 2, EnumSet.of(LOADING, STALE), 0, 0, 0, LatencyCommands::help)
                .doc("server", "2.8.13", "Returns helpful text about the different subcommands.").complexity("O(1)");
        return t.build();
    }

    public static CompletionStage<Reply> latency(Session session, byte[][] argv) {
        return Containers.dispatch(LATENCY, session, argv);
    }

    private static LatencyMonitor monitor(Session session) {
        LatencyMonitor m = session.node() == null ? null : session.node().latencyMonitor();
        return m != null ? m : new LatencyMonitor(0);
    }

    /** One row per event: name, time of the latest spike, its latency and the all-time maximum (ms). */
    static CompletionStage<Reply> latest(Session session, byte[][] argv) {
        List<Reply> rows = new ArrayList<>();
        for (LatencyMonitor.Latest l : monitor(session).latest()) {
            rows.add(Reply.array(Reply.bulk(l.event()), Reply.integer(l.timeSeconds()), Reply.integer(l.millis()),
                    Reply.integer(l.maxMillis())));
        }
        return done(Reply.array(rows));
    }

    static CompletionStage<Reply> history(Session session, byte[][] argv) {
        List<Reply> rows = new ArrayList<>();
        for (LatencyMonitor.Sample s : monitor(session).history(Args.str(argv[2]))) {
            rows.add(Reply.array(Reply.integer(s.timeSeconds()), Reply.integer(s.millis())));
        }
        return done(Reply.array(rows));
    }

    static CompletionStage<Reply> reset(Session session, byte[][] argv) {
        List<String> events = new ArrayList<>();
        for (int i = 2; i < argv.length; i++) {
            events.add(Args.str(argv[i]));
        }
        return done(Reply.integer(monitor(session).reset(events)));
    }

    /** A short report in Redis's words: per event, spikes, average, mean deviation, period and worst. */
    static CompletionStage<Reply> doctor(Session session, byte[][] argv) {
        LatencyMonitor monitor = monitor(session);
        List<LatencyMonitor.Latest> events = monitor.latest();
        StringBuilder sb = new StringBuilder();
        if (events.isEmpty() && monitor.thresholdMillis() <= 0) {
            sb.append("I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. "
                    + "You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. "
                    + "If we weren't in a deep space mission I'd suggest to take a look at "
                    + "https://redis.io/topics/latency-monitor.\n");
        } else if (events.isEmpty()) {
            sb.append("Dave, no latency spike was observed during the lifetime of this Redis instance, not in the "
                    + "slightest bit. I honestly think you ought to sleep tonight.\n");
        } else {
            sb.append("Dave, I have observed latency spikes in this Redis instance. "
                    + "You don't mind talking about it, do you Dave?\n\n");
            long now = System.currentTimeMillis() / 1000;
            int n = 0;
            for (LatencyMonitor.Latest l : events) {
                List<LatencyMonitor.Sample> samples = monitor.history(l.event());
                if (samples.isEmpty()) {
                    continue;
                }
                long sum = 0;
                for (LatencyMonitor.Sample s : samples) {
                    sum += s.millis();
                }
                long avg = sum / samples.size();
                long dev = 0;
                for (LatencyMonitor.Sample s : samples) {
                    dev += Math.abs(s.millis() - avg);
                }
                double period = (double) (now - samples.get(0).timeSeconds()) / samples.size();
                sb.append(++n).append(". ").append(l.event()).append(": ").append(samples.size())
                        .append(" latency spikes (average ").append(avg).append("ms, mean deviation ")
                        .append(dev / samples.size()).append("ms, period ")
                        .append(String.format(Locale.ROOT, "%.2f", period)).append(" sec). Worst all time event ")
                        .append(l.maxMillis()).append("ms.\n");
            }
            sb.append("\nI have a few advices for you:\n\n");
            sb.append("- raft-commit and fsync spikes come from the disk or the network between nodes: "
                    + "check the log disk's fsync latency and the nodes' round-trip times.\n");
            sb.append("- command spikes without raft-commit spikes come from the node itself: "
                    + "look at SLOWLOG GET and the JVM's garbage collection.\n");
        }
        return done(new Reply.Verbatim("txt", sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static CompletionStage<Reply> help(Session session, byte[][] argv) {
        return done(Containers.help(argv[0],
                "DOCTOR",
                "    Return a human readable latency analysis report.",
                "HISTORY <event>",
                "    Return time-latency samples for the <event> class.",
                "LATEST",
                "    Return the latest latency samples for all events.",
                "RESET [<event> ...]",
                "    Reset latency data of one or more <event> classes.",
                "    (default: reset all data for all event classes)"));
    }
}
