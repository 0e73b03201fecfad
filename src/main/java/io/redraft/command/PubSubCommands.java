package io.redraft.command;

import static io.redraft.command.AclCategory.PUBSUB;
import static io.redraft.command.CommandFlag.LOADING;
import static io.redraft.command.CommandFlag.STALE;
import static io.redraft.command.Containers.done;

import io.redraft.pubsub.PubSubHub;
import io.redraft.pubsub.Subscriptions;
import io.redraft.resp.Reply;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Pub/Sub. Subscriptions are per connection and per node ({@link PubSubHub}); PUBLISH goes
 * through the Raft log, so every node's subscribers get every message, in log order.
 */
public final class PubSubCommands {
    private PubSubCommands() {
    }

    /** A node's hub, matching patterns with Redis's glob. */
    public static PubSubHub newHub() {
        return new PubSubHub((pattern, channel) -> Glob.matches(pattern, channel, false));
    }

    // ---- subscribing

    public static CompletionStage<Reply> subscribe(Session session, byte[][] argv) {
        Subscriptions subs = session.subscriptions();
        return subscribing(argv, "subscribe", subs::subscribe, subs::count);
    }

    public static CompletionStage<Reply> psubscribe(Session session, byte[][] argv) {
        Subscriptions subs = session.subscriptions();
        return subscribing(argv, "psubscribe", subs::psubscribe, subs::count);
    }

    public static CompletionStage<Reply> ssubscribe(Session session, byte[][] argv) {
        Subscriptions subs = session.subscriptions();
        return subscribing(argv, "ssubscribe", subs::ssubscribe, subs::shardCount);
    }

    public static CompletionStage<Reply> unsubscribe(Session session, byte[][] argv) {
        Subscriptions subs = session.subscriptions();
        return unsubscribing(argv, "unsubscribe", subs.channels(), subs::unsubscribe, subs::count);
    }

    public static CompletionStage<Reply> punsubscribe(Session session, byte[][] argv) {
        Subscriptions subs = session.subscriptions();
        return unsubscribing(argv, "punsubscribe", subs.patterns(), subs::punsubscribe, subs::count);
    }

    public static CompletionStage<Reply> sunsubscribe(Session session, byte[][] argv) {
        Subscriptions subs = session.subscriptions();
        return unsubscribing(argv, "sunsubscribe", subs.shardChannels(), subs::sunsubscribe, subs::shardCount);
    }

    /** One confirmation frame per name, each with the count after it, as Redis sends them. */
    private static CompletionStage<Reply> subscribing(byte[][] argv, String kind, Predicate<byte[]> add, IntSupplier count) {
        List<Reply> frames = new ArrayList<>(argv.length - 1);
        for (int i = 1; i < argv.length; i++) {
            add.test(argv[i]);
            frames.add(confirmation(kind, Reply.bulk(argv[i]), count.getAsInt()));
        }
        return done(frames(frames));
    }

    /** Without names: every current one; subscribed to none, a single frame with a nil name. */
    private static CompletionStage<Reply> unsubscribing(byte[][] argv, String kind, List<byte[]> current,
                                                        Predicate<byte[]> remove, IntSupplier count) {
        List<byte[]> names = new ArrayList<>();
        if (argv.length > 1) {
            for (int i = 1; i < argv.length; i++) {
                names.add(argv[i]);
            }
        } else {
            names = current;
        }
        if (names.isEmpty()) {
            return done(confirmation(kind, Reply.NULL, count.getAsInt()));
        }
        List<Reply> frames = new ArrayList<>(names.size());
        for (byte[] name : names) {
            remove.test(name);
            frames.add(confirmation(kind, Reply.bulk(name), count.getAsInt()));
        }
        return done(frames(frames));
    }

    private static Reply confirmation(String kind, Reply name, int count) {
        return new Reply.Push(List.of(Reply.bulk(kind), name, Reply.integer(count)));
    }

    private static Reply frames(List<Reply> frames) {
        return frames.size() == 1 ? frames.get(0) : new Reply.Frames(frames);
    }

    // ---- publishing

    /**
     * PUBLISH / SPUBLISH: a logged write that changes no data. Applying it records the message
     * for the node to deliver after the entry (the reply is the message's token); the client's
     * node then answers how many of its own clients received it.
     */
    static final class Publish implements Handler.Write, LocalReply {
        private final boolean sharded;

        Publish(boolean sharded) {
            this.sharded = sharded;
        }

        @Override
        public Reply apply(ExecContext ctx, byte[][] argv) {
            return Reply.integer(ctx.publications().publish(argv[1], argv[2], sharded));
        }

        @Override
        public CompletionStage<Reply> localReply(Session session, Reply applied) {
            if (!(applied instanceof Reply.Int token)) {
                return done(applied); // an error: the message was not published
            }
            return session.node().pubsub().receivers(token.value()).thenApply(Reply::integer);
        }
    }

    // ---- PUBSUB introspection (this node's subscribers, as a Redis Cluster node answers)

    public static final CommandTable PUBSUB_TABLE = pubsubTable();

    private static CommandTable pubsubTable() {
        CommandTable.Builder t = new CommandTable.Builder();
        EnumSet<CommandFlag> flags = EnumSet.of(CommandFlag.PUBSUB, LOADING, STALE);
        t.local("pubsub|channels", -2, flags, 0, 0, 0, PubSubCommands::channels)
                .doc("pubsub", "2.8.0", "Returns the active channels.")
                .complexity("O(N) where N is the number of active channels, and assuming constant time pattern "
                        + "matching (relatively short channels and patterns)")
                .acl(PUBSUB).args("?pattern:pattern");
        t.local("pubsub|help", 2, EnumSet.of(LOADING, STALE), 0, 0, 0, PubSubCommands::help)
                .doc("pubsub", "6.2.0", "Returns helpful text about the different subcommands.");
        t.local("pubsub|numpat", 2, flags, 0, 0, 0, PubSubCommands::numpat)
                .doc("pubsub", "2.8.0", "Returns a count of unique pattern subscriptions.").acl(PUBSUB);
        t.local("pubsub|numsub", -2, flags, 0, 0, 0, PubSubCommands::numsub)
                .doc("pubsub", "2.8.0", "Returns a count of subscribers to channels.")
                .complexity("O(N) for the NUMSUB subcommand, where N is the number of requested channels")
                .acl(PUBSUB).args("?+channel:string");
        t.local("pubsub|shardchannels", -2, flags, 0, 0, 0, PubSubCommands::shardchannels)
                .doc("pubsub", "7.0.0", "Returns the active shard channels.")
                .complexity("O(N) where N is the number of active shard channels, and assuming constant time "
                        + "pattern matching (relatively short shard channels).")
                .acl(PUBSUB).args("?pattern:pattern");
        t.local("pubsub|shardnumsub", -2, flags, 0, 0, 0, PubSubCommands::shardnumsub)
                .doc("pubsub", "7.0.0", "Returns the count of subscribers of shard channels.")
                .complexity("O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels")
                .acl(PUBSUB).args("?+shardchannel:string");
        return t.build();
    }

    public static CompletionStage<Reply> pubsub(Session session, byte[][] argv) {
        return Containers.dispatch(PUBSUB_TABLE, session, argv);
    }

    static CompletionStage<Reply> channels(Session session, byte[][] argv) {
        return names(argv, session.node().pubsub()::channels);
    }

    static CompletionStage<Reply> shardchannels(Session session, byte[][] argv) {
        return names(argv, session.node().pubsub()::shardChannels);
    }

    private static CompletionStage<Reply> names(byte[][] argv, Function<byte[], List<byte[]>> list) {
        if (argv.length > 3) {
            // Redis checks this count in the handler, with its subcommand syntax error.
            return done(Reply.error("ERR unknown subcommand or wrong number of arguments for '"
                    + Args.truncated(argv[1], 128) + "'. Try PUBSUB HELP."));
        }
        List<Reply> out = new ArrayList<>();
        for (byte[] name : list.apply(argv.length == 3 ? argv[2] : null)) {
            out.add(Reply.bulk(name));
        }
        return done(Reply.array(out));
    }

    static CompletionStage<Reply> numsub(Session session, byte[][] argv) {
        PubSubHub hub = session.node().pubsub();
        return counts(argv, hub::numsub);
    }

    static CompletionStage<Reply> shardnumsub(Session session, byte[][] argv) {
        PubSubHub hub = session.node().pubsub();
        return counts(argv, hub::shardNumsub);
    }

    /** Channel, subscriber count, channel, count...: a flat array. */
    private static CompletionStage<Reply> counts(byte[][] argv, ToIntFunction<byte[]> count) {
        List<Reply> kv = new ArrayList<>();
        for (int i = 2; i < argv.length; i++) {
            kv.add(Reply.bulk(argv[i]));
            kv.add(Reply.integer(count.applyAsInt(argv[i])));
        }
        return done(Reply.array(kv)); // a flat array in RESP3 too, as Redis 7.0 answers
    }

    static CompletionStage<Reply> numpat(Session session, byte[][] argv) {
        return done(Reply.integer(session.node().pubsub().numpat()));
    }

    static CompletionStage<Reply> help(Session session, byte[][] argv) {
        return done(Containers.help(argv[0],
                "CHANNELS [<pattern>]",
                "    Return the currently active channels matching a <pattern> (default: '*').",
                "NUMPAT",
                "    Return number of subscriptions to patterns.",
                "NUMSUB [<channel> ...]",
                "    Return the number of subscribers for the specified channels, excluding",
                "    pattern subscriptions(default: no channels).",
                "SHARDCHANNELS [<pattern>]",
                "    Return the currently active shard level channels matching a <pattern> (default: '*').",
                "SHARDNUMSUB [<shardchannel> ...]",
                "    Return the number of subscribers for the specified shard level channel(s)"));
    }
}
