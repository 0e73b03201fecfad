package io.redraft.command;

import static io.redraft.command.AclCategory.KEYSPACE;
import static io.redraft.command.CommandFlag.LOADING;
import static io.redraft.command.CommandFlag.READONLY;
import static io.redraft.command.CommandFlag.STALE;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import java.util.EnumSet;

/**
 * OBJECT ENCODING/REFCOUNT/IDLETIME/FREQ/HELP. The key is looked up without marking it
 * accessed, as Redis's OBJECT does.
 *
 * <p>IDLETIME is per node, like Redis's LRU clock on a replica: the seconds since a command
 * last looked the key up on this node (every replica sees every write; reads count only where
 * they run). A key not looked up since this node loaded it from a snapshot reports 0.
 * FREQ needs an LFU maxmemory policy, which Redraft never has (maxmemory-policy noeviction), so
 * it always answers Redis's error for that case.
 */
public final class ObjectCommands {
    static final int SHARED_REFCOUNT = Integer.MAX_VALUE;

    private ObjectCommands() {
    }

    /** OBJECT's subcommands. */
    public static final CommandTable OBJECT = objectTable();

    private static CommandTable objectTable() {
        CommandTable.Builder t = new CommandTable.Builder();
        EnumSet<CommandFlag> ro = EnumSet.of(READONLY);
        t.read("object|encoding", 3, ro, 2, 2, 1, ObjectCommands::encoding)
                .doc("generic", "2.2.3", "Returns the internal encoding of a Redis object.").acl(KEYSPACE)
                .tips("nondeterministic_output").keys(KeySpec.of(2, 0, 1, "RO")).args("key:key");
        t.read("object|freq", 3, ro, 2, 2, 1, ObjectCommands::freq)
                .doc("generic", "4.0.0", "Returns the logarithmic access frequency counter of a Redis object.")
                .acl(KEYSPACE).tips("nondeterministic_output").keys(KeySpec.of(2, 0, 1, "RO")).args("key:key");
        t.read("object|help", 2, EnumSet.of(LOADING, STALE), 0, 0, 0, ObjectCommands::help)
                .doc("generic", "6.2.0", "Returns helpful text about the different subcommands.").acl(KEYSPACE);
        t.read("object|idletime", 3, ro, 2, 2, 1, ObjectCommands::idletime)
                .doc("generic", "2.2.3", "Returns the time since the last access to a Redis object.").acl(KEYSPACE)
                .tips("nondeterministic_output").keys(KeySpec.of(2, 0, 1, "RO")).args("key:key");
        t.read("object|refcount", 3, ro, 2, 2, 1, ObjectCommands::refcount)
                .doc("generic", "2.2.3", "Returns the reference count of a value of a key.").acl(KEYSPACE)
                .tips("nondeterministic_output").keys(KeySpec.of(2, 0, 1, "RO")).args("key:key");
        return t.build();
    }

    /** The OBJECT container: runs the subcommand, with Redis's unknown-subcommand and arity errors. */
    public static Reply object(ExecContext ctx, byte[][] argv) {
        CommandSpec sub = OBJECT.lookup(argv[1]);
        if (sub == null) {
            return Containers.unknownSubcommand(argv);
        }
        if (!sub.arityOk(argv.length)) {
            return CommandExecutor.wrongArity(sub.name());
        }
        return ((Handler.Read) sub.handler()).read(ctx, argv);
    }

    private static Entry lookup(ExecContext ctx, byte[][] argv) {
        return ctx.db().peek(new Key(argv[2]), ctx.now());
    }

    static Reply encoding(ExecContext ctx, byte[][] argv) {
        Entry e = lookup(ctx, argv);
        return e == null ? Reply.NULL : Reply.bulk(Args.bytes(ObjectEncoding.of(e.value())));
    }

    static Reply refcount(ExecContext ctx, byte[][] argv) {
        Entry e = lookup(ctx, argv);
        if (e == null) {
            return Reply.NULL;
        }
        return Reply.integer(ObjectEncoding.sharedInteger(e.value()) ? SHARED_REFCOUNT : 1);
    }

    static Reply idletime(ExecContext ctx, byte[][] argv) {
        Entry e = lookup(ctx, argv);
        if (e == null) {
            return Reply.NULL;
        }
        long accessed = e.accessedAt();
        return Reply.integer(accessed == 0 ? 0 : Math.max(0, ctx.now() - accessed) / 1000);
    }

    static final Reply NO_LFU = Reply.error("ERR An LFU maxmemory policy is not selected, access frequency not "
            + "tracked. Please note that when switching between policies at runtime LRU and LFU data will take some "
            + "time to adjust.");

    static Reply freq(ExecContext ctx, byte[][] argv) {
        return lookup(ctx, argv) == null ? Reply.NULL : NO_LFU;
    }

    static Reply help(ExecContext ctx, byte[][] argv) {
        return Containers.help(argv[0],
                "ENCODING <key>",
                "    Return the kind of internal representation used in order to store the value",
                "    associated with a <key>.",
                "FREQ <key>",
                "    Return the access frequency index of the <key>. The returned integer is",
                "    proportional to the logarithm of the recent access frequency of the key.",
                "IDLETIME <key>",
                "    Return the idle time of the <key>, that is the approximated number of",
                "    seconds elapsed since the last access to the key.",
                "REFCOUNT <key>",
                "    Return the number of references of the value associated with the specified",
                "    <key>.");
    }
}
