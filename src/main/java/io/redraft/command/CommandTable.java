package io.redraft.command;

import static io.redraft.command.AclCategory.CONNECTION;
import static io.redraft.command.AclCategory.DANGEROUS;
import static io.redraft.command.AclCategory.KEYSPACE;
import static io.redraft.command.AclCategory.STRING;
import static io.redraft.command.CommandFlag.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every command Redraft knows, one row each, with Redis 7's metadata. Adding a command means
 * adding a row here and a handler next to its family; nothing else dispatches on names.
 *
 * <p>Container commands (CLIENT, COMMAND) carry a nested table of subcommands whose rows are
 * named {@code container|sub}, as Redis 7 names them; {@link #lookup} finds them by the part
 * after the bar.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> byName;
    private final Map<String, CommandInfo> infos;

    private CommandTable(Map<String, CommandSpec> byName, Map<String, CommandInfo> infos) {
        this.byName = Collections.unmodifiableMap(byName);
        this.infos = Collections.unmodifiableMap(infos);
    }

    /** The table with every built-in command. */
    public static CommandTable standard() {
        return Standard.TABLE;
    }

    private static final class Standard {
        static final CommandTable TABLE = build();

        private static CommandTable build() {
            Builder t = new Builder();
            // name, arity, flags, first key, last key, step, handler; then docs and Redis 7 metadata

            // ---- strings
            t.read("get", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, StringCommands::get)
                    .doc("string", "1.0.0", "Returns the string value of a key.").acl(STRING)
                    .keys(KeySpec.single("RO", "access")).args("key:key");
            t.write("set", -3, EnumSet.of(WRITE, DENYOOM), 1, 1, 1, StringCommands::set)
                    .doc("string", "1.0.0",
                            "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.")
                    .acl(STRING)
                    .keys(KeySpec.single("RW", "access", "update", "variable_flags")
                            .withNotes("RW and ACCESS due to the optional `GET` argument"))
                    .args("key:key value:string ?condition:(NX|XX) ?GET ?expiration:(EX=seconds:integer"
                            + "|PX=milliseconds:integer|EXAT=unix-time-seconds:unix-time"
                            + "|PXAT=unix-time-milliseconds:unix-time|KEEPTTL)");
            t.read("mget", -2, EnumSet.of(READONLY, FAST), 1, -1, 1, StringCommands::mget)
                    .doc("string", "1.0.0", "Atomically returns the string values of one or more keys.")
                    .complexity("O(N) where N is the number of keys to retrieve.").acl(STRING)
                    .tips("request_policy:multi_shard").keys(KeySpec.all("RO", "access")).args("+key:key");
            t.write("mset", -3, EnumSet.of(WRITE, DENYOOM), 1, -1, 2, StringCommands::mset)
                    .doc("string", "1.0.1", "Atomically creates or modifies the string values of one or more keys.")
                    .complexity("O(N) where N is the number of keys to set.").acl(STRING)
                    .tips("request_policy:multi_shard", "response_policy:all_succeeded")
                    .keys(KeySpec.of(1, -1, 2, "OW", "update")).args("+data:{key:key value:string}");
            t.write("setnx", 3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::setnx)
                    .doc("string", "1.0.0", "Set the string value of a key only when the key doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("OW", "insert")).args("key:key value:string")
                    .deprecated("2.6.12", "`SET` with the `NX` argument");
            t.write("getset", 3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::getset)
                    .doc("string", "1.0.0",
                            "Returns the previous string value of a key after setting it to a new value.")
                    .acl(STRING).keys(KeySpec.single("RW", "access", "update")).args("key:key value:string")
                    .deprecated("6.2.0", "`SET` with the `!GET` argument");
            t.write("getdel", 2, EnumSet.of(WRITE, FAST), 1, 1, 1, StringCommands::getdel)
                    .doc("string", "6.2.0", "Returns the string value of a key after deleting the key.")
                    .acl(STRING).keys(KeySpec.single("RW", "access", "delete")).args("key:key");
            t.write("incr", 2, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::incr)
                    .doc("string", "1.0.0",
                            "Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("RW", "access", "update")).args("key:key");
            t.write("decr", 2, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::decr)
                    .doc("string", "1.0.0",
                            "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("RW", "access", "update")).args("key:key");
            t.write("incrby", 3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::incrby)
                    .doc("string", "1.0.0",
                            "Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("RW", "access", "update")).args("key:key increment:integer");
            t.write("decrby", 3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::decrby)
                    .doc("string", "1.0.0",
                            "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("RW", "access", "update")).args("key:key decrement:integer");
            t.write("append", 3, EnumSet.of(WRITE, DENYOOM, FAST), 1, 1, 1, StringCommands::append)
                    .doc("string", "2.0.0",
                            "Appends a string to the value of a key. Creates the key if it doesn't exist.")
                    .acl(STRING).keys(KeySpec.single("RW", "insert")).args("key:key value:string");
            t.read("strlen", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, StringCommands::strlen)
                    .doc("string", "2.2.0", "Returns the length of a string value.")
                    .acl(STRING).keys(KeySpec.single("RO")).args("key:key");

            // ---- keys
            t.write("del", -2, EnumSet.of(WRITE), 1, -1, 1, KeyCommands::del)
                    .doc("generic", "1.0.0", "Deletes one or more keys.")
                    .complexity("O(N) where N is the number of keys that will be removed. When a key to remove "
                            + "holds a value other than a string, the individual complexity for this key is O(M) "
                            + "where M is the number of elements in the list, set, sorted set or hash. Removing a "
                            + "single key that holds a string value is O(1).")
                    .acl(KEYSPACE).tips("request_policy:multi_shard", "response_policy:agg_sum")
                    .keys(KeySpec.all("RM", "delete")).args("+key:key");
            t.alias("delete", "del");
            t.read("exists", -2, EnumSet.of(READONLY, FAST), 1, -1, 1, KeyCommands::exists)
                    .doc("generic", "1.0.0", "Determines whether one or more keys exist.")
                    .complexity("O(N) where N is the number of keys to check.")
                    .acl(KEYSPACE).tips("request_policy:multi_shard", "response_policy:agg_sum")
                    .keys(KeySpec.all("RO")).args("+key:key");
            t.read("dbsize", 1, EnumSet.of(READONLY, FAST), 0, 0, 0, KeyCommands::dbsize)
                    .doc("server", "1.0.0", "Returns the number of keys in the database.").acl(KEYSPACE)
                    .tips("request_policy:all_shards", "response_policy:agg_sum");
            t.write("flushall", -1, EnumSet.of(WRITE), 0, 0, 0, KeyCommands::flushall)
                    .doc("server", "1.0.0", "Removes all keys from all databases.")
                    .complexity("O(N) where N is the total number of keys in all databases")
                    .acl(KEYSPACE, DANGEROUS).tips("request_policy:all_shards", "response_policy:all_succeeded")
                    .args("?flush-type:(ASYNC|SYNC)");
            t.write("flushdb", -1, EnumSet.of(WRITE), 0, 0, 0, KeyCommands::flushdb)
                    .doc("server", "1.0.0", "Remove all keys from the current database.")
                    .complexity("O(N) where N is the number of keys in the selected database")
                    .acl(KEYSPACE, DANGEROUS).tips("request_policy:all_shards", "response_policy:all_succeeded")
                    .args("?flush-type:(ASYNC|SYNC)");
            t.write("expire", -3, EnumSet.of(WRITE, FAST), 1, 1, 1, KeyCommands::expire)
                    .doc("generic", "1.0.0", "Sets the expiration time of a key in seconds.").acl(KEYSPACE)
                    .keys(KeySpec.single("RW", "update")).args("key:key seconds:integer ?condition:(NX|XX|GT|LT)");
            t.write("pexpire", -3, EnumSet.of(WRITE, FAST), 1, 1, 1, KeyCommands::pexpire)
                    .doc("generic", "2.6.0", "Sets the expiration time of a key in milliseconds.").acl(KEYSPACE)
                    .keys(KeySpec.single("RW", "update"))
                    .args("key:key milliseconds:integer ?condition:(NX|XX|GT|LT)");
            t.write("expireat", -3, EnumSet.of(WRITE, FAST), 1, 1, 1, KeyCommands::expireat)
                    .doc("generic", "1.2.0", "Sets the expiration time of a key to a Unix timestamp.").acl(KEYSPACE)
                    .keys(KeySpec.single("RW", "update"))
                    .args("key:key unix-time-seconds:unix-time ?condition:(NX|XX|GT|LT)");
            t.write("pexpireat", -3, EnumSet.of(WRITE, FAST), 1, 1, 1, KeyCommands::pexpireat)
                    .doc("generic", "2.6.0", "Sets the expiration time of a key to a Unix milliseconds timestamp.")
                    .acl(KEYSPACE).keys(KeySpec.single("RW", "update"))
                    .args("key:key unix-time-milliseconds:unix-time ?condition:(NX|XX|GT|LT)");
            t.read("ttl", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, KeyCommands::ttl)
                    .doc("generic", "1.0.0", "Returns the expiration time in seconds of a key.").acl(KEYSPACE)
                    .tips("nondeterministic_output").keys(KeySpec.single("RO", "access")).args("key:key");
            t.read("pttl", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, KeyCommands::pttl)
                    .doc("generic", "2.6.0", "Returns the expiration time in milliseconds of a key.").acl(KEYSPACE)
                    .tips("nondeterministic_output").keys(KeySpec.single("RO", "access")).args("key:key");
            t.write("persist", 2, EnumSet.of(WRITE, FAST), 1, 1, 1, KeyCommands::persist)
                    .doc("generic", "2.2.0", "Removes the expiration time of a key.").acl(KEYSPACE)
                    .keys(KeySpec.single("RW", "update")).args("key:key");
            t.read("type", 2, EnumSet.of(READONLY, FAST), 1, 1, 1, KeyCommands::type)
                    .doc("generic", "1.0.0", "Determines the type of value stored at a key.").acl(KEYSPACE)
                    .keys(KeySpec.single("RO")).args("key:key");

            // ---- connection
            t.local("ping", -1, EnumSet.of(FAST), 0, 0, 0, ConnectionCommands::ping)
                    .doc("connection", "1.0.0", "Returns the server's liveliness response.").acl(CONNECTION)
                    .tips("request_policy:all_shards", "response_policy:all_succeeded").args("?message:string");
            t.local("echo", 2, EnumSet.of(FAST), 0, 0, 0, ConnectionCommands::echo)
                    .doc("connection", "1.0.0", "Returns the given string.").acl(CONNECTION).args("message:string");
            t.local("hello", -1, EnumSet.of(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY), 0, 0, 0,
                            ConnectionCommands::hello)
                    .doc("connection", "6.0.0", "Handshakes with the Redis server.").acl(CONNECTION)
                    .args("?arguments:{protover:integer ?AUTH=auth:{username:string password:string} "
                            + "?SETNAME=clientname:string}");
            t.local("auth", -2, EnumSet.of(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY), 0, 0, 0,
                            ConnectionCommands::auth)
                    .doc("connection", "1.0.0", "Authenticates the connection.")
                    .complexity("O(N) where N is the number of passwords defined for the user").acl(CONNECTION)
                    .args("?username:string password:string");
            t.local("select", 2, EnumSet.of(LOADING, STALE, FAST), 0, 0, 0, ConnectionCommands::select)
                    .doc("connection", "1.0.0", "Changes the selected database.").acl(CONNECTION)
                    .args("index:integer");
            t.local("client", -2, EnumSet.noneOf(CommandFlag.class), 0, 0, 0, ConnectionCommands::client)
                    .doc("connection", "2.4.0", "A container for client connection commands.")
                    .complexity("Depends on subcommand.").subcommands(ConnectionCommands.CLIENT);
            t.local("quit", -1, EnumSet.of(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY), 0, 0, 0,
                            ConnectionCommands::quit)
                    .doc("connection", "1.0.0", "Closes the connection.").acl(CONNECTION)
                    .deprecated("7.2.0", "just closing the connection");
            t.local("reset", 1, EnumSet.of(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY), 0, 0, 0,
                            ConnectionCommands::reset)
                    .doc("connection", "6.2.0", "Resets the connection.").acl(CONNECTION);
            t.local("readonly", 1, EnumSet.of(LOADING, STALE, FAST), 0, 0, 0, ConnectionCommands::readonly)
                    .doc("cluster", "3.0.0",
                            "Enables read-only queries for a connection to a Redis Cluster replica node.")
                    .acl(CONNECTION);
            t.local("readwrite", 1, EnumSet.of(LOADING, STALE, FAST), 0, 0, 0, ConnectionCommands::readwrite)
                    .doc("cluster", "3.0.0",
                            "Enables read-write queries for a connection to a Redis Cluster replica node.")
                    .acl(CONNECTION);

            // ---- server
            t.local("command", -1, EnumSet.of(LOADING, STALE), 0, 0, 0, ServerCommands::command)
                    .doc("server", "2.8.13", "Returns detailed information about all commands.")
                    .complexity("O(N) where N is the total number of Redis commands").acl(CONNECTION)
                    .tips("nondeterministic_output_order").subcommands(ServerCommands.COMMAND);
            t.local("info", -1, EnumSet.of(LOADING, STALE), 0, 0, 0, ServerCommands::info)
                    .doc("server", "1.0.0", "Returns information and statistics about the server.")
                    .acl(DANGEROUS)
                    .tips("nondeterministic_output", "request_policy:all_shards", "response_policy:special")
                    .args("?+section:string");
            t.local("config", -2, EnumSet.noneOf(CommandFlag.class), 0, 0, 0, ConfigCommands::config)
                    .doc("server", "2.0.0", "A container for server configuration commands.")
                    .complexity("Depends on subcommand.").subcommands(ConfigCommands.CONFIG);
            t.local("time", 1, EnumSet.of(LOADING, STALE, FAST), 0, 0, 0, ServerCommands::time)
                    .doc("server", "2.6.0", "Returns the server time.").tips("nondeterministic_output");

            // ---- cluster administration (Redraft's own)
            EnumSet<CommandFlag> admin = EnumSet.of(ADMIN, NOSCRIPT);
            t.local("bootstrap", 3, admin, 0, 0, 0, ClusterCommands::bootstrap)
                    .doc("cluster", "0.1.0", "Creates a new single-member Raft group on this node.")
                    .args("id:string raft-address:string");
            t.local("join", 3, admin, 0, 0, 0, ClusterCommands::join)
                    .doc("cluster", "0.1.0", "Adds a node to the Raft group.")
                    .args("id:string raft-address:string");
            t.local("remove", 2, admin, 0, 0, 0, ClusterCommands::remove)
                    .doc("cluster", "0.1.0", "Removes a node from the Raft group.").args("id:string");
            t.local("leader", 1, admin, 0, 0, 0, ClusterCommands::leader)
                    .doc("cluster", "0.1.0", "Returns the current Raft leader.");
            t.local("nodes", 1, admin, 0, 0, 0, ClusterCommands::nodes)
                    .doc("cluster", "0.1.0", "Lists the members of the Raft group.");
            t.local("snapshot", 1, admin, 0, 0, 0, ClusterCommands::snapshot)
                    .doc("cluster", "0.1.0", "Takes a Raft snapshot of this node's state now.");
            return t.build();
        }
    }

    /** Looks a command up by name, case-insensitively; null when unknown. */
    public CommandSpec lookup(byte[] name) {
        return byName.get(new String(name, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    }

    public CommandSpec lookup(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Looks a command up by its full name, "get" or "client|setname" (as COMMAND INFO/DOCS take
     * them); null when unknown.
     */
    public CommandSpec lookupFullName(String fullName) {
        int bar = fullName.indexOf('|');
        if (bar < 0) {
            return lookup(fullName);
        }
        CommandTable sub = subcommands(lookup(fullName.substring(0, bar)));
        String rest = fullName.substring(bar + 1);
        return sub == null || rest.indexOf('|') >= 0 ? null : sub.lookup(rest);
    }

    /**
     * Resolves a request the way Redis's lookupCommand does: a container with a second argument
     * resolves to the subcommand (null if unknown), otherwise to the command itself.
     */
    public CommandSpec lookupCommand(byte[][] argv, int from) {
        if (argv.length <= from) {
            return null;
        }
        CommandSpec base = lookup(argv[from]);
        CommandTable sub = subcommands(base);
        if (sub == null || argv.length - from < 2) {
            return base;
        }
        return sub.lookup(argv[from + 1]);
    }

    /** The metadata of a row of this table or of one of its containers' subcommands. */
    public CommandInfo info(CommandSpec spec) {
        String name = spec.name();
        int bar = name.indexOf('|');
        if (bar >= 0) {
            CommandTable sub = subcommands(lookup(name.substring(0, bar)));
            if (sub != null) {
                CommandInfo info = sub.infos.get(name.substring(bar + 1));
                if (info != null) {
                    return info;
                }
            }
            CommandInfo own = infos.get(name.substring(bar + 1));
            return own != null ? own : CommandInfo.EMPTY;
        }
        CommandInfo info = infos.get(name);
        return info != null ? info : CommandInfo.EMPTY;
    }

    /** A container command's subcommand table, or null. */
    public CommandTable subcommands(CommandSpec spec) {
        if (spec == null) {
            return null;
        }
        CommandInfo info = info(spec);
        return info.subcommands();
    }

    public Collection<CommandSpec> all() {
        return byName.values();
    }

    public int size() {
        return byName.size();
    }

    public static final class Builder {
        private final Map<String, Row> rows = new LinkedHashMap<>();
        private Row last;

        private static final class Row {
            CommandSpec spec;
            String group = "generic";
            String since = "0.0.0";
            String summary = "";
            String complexity = "O(1)";
            Set<AclCategory> acl = EnumSet.noneOf(AclCategory.class);
            List<String> tips = List.of();
            List<KeySpec> keySpecs = List.of();
            List<CommandArg> args = List.of();
            List<String> docFlags = List.of();
            String deprecatedSince;
            String replacedBy;
            CommandTable subcommands;

            CommandInfo info() {
                return new CommandInfo(group, since, summary, complexity, Collections.unmodifiableSet(acl), tips,
                        keySpecs, args, docFlags, deprecatedSince, replacedBy, subcommands);
            }
        }

        public Builder write(String name, int arity, EnumSet<CommandFlag> flags, int firstKey, int lastKey,
                             int step, Handler.Write handler) {
            return add(name, arity, flags, firstKey, lastKey, step, handler);
        }

        public Builder read(String name, int arity, EnumSet<CommandFlag> flags, int firstKey, int lastKey,
                            int step, Handler.Read handler) {
            return add(name, arity, flags, firstKey, lastKey, step, handler);
        }

        public Builder local(String name, int arity, EnumSet<CommandFlag> flags, int firstKey, int lastKey,
                             int step, Handler.Local handler) {
            return add(name, arity, flags, firstKey, lastKey, step, handler);
        }

        private Builder add(String name, int arity, EnumSet<CommandFlag> flags, int firstKey, int lastKey,
                            int step, Handler handler) {
            Row row = new Row();
            row.spec = new CommandSpec(name, arity, Collections.unmodifiableSet(EnumSet.copyOf(flags)), firstKey,
                    lastKey, step, handler);
            put(shortName(name), row);
            return this;
        }

        /** Adds {@code alias} as a row with exactly the same handler and metadata as {@code of}. */
        public Builder alias(String alias, String of) {
            Row target = rows.get(of);
            if (target == null) {
                throw new IllegalStateException("alias of unknown command " + of);
            }
            Row row = new Row();
            CommandSpec s = target.spec;
            row.spec = new CommandSpec(alias, s.arity(), s.flags(), s.firstKey(), s.lastKey(), s.step(), s.handler());
            row.group = target.group;
            row.since = target.since;
            row.summary = target.summary;
            row.complexity = target.complexity;
            row.acl = target.acl;
            row.tips = target.tips;
            row.keySpecs = target.keySpecs;
            row.args = target.args;
            row.docFlags = target.docFlags;
            row.deprecatedSince = target.deprecatedSince;
            row.replacedBy = target.replacedBy;
            row.subcommands = target.subcommands;
            put(shortName(alias), row);
            return this;
        }

        private void put(String key, Row row) {
            if (rows.put(key, row) != null) {
                throw new IllegalStateException("duplicate command " + row.spec.name());
            }
            last = row;
        }

        private static String shortName(String name) {
            return name.substring(name.lastIndexOf('|') + 1);
        }

        private Row last() {
            if (last == null) {
                throw new IllegalStateException("no row to describe yet");
            }
            return last;
        }

        /** COMMAND DOCS group ("string", "generic", "connection", "server", "cluster"...), since and summary. */
        public Builder doc(String group, String since, String summary) {
            Row r = last();
            r.group = group;
            r.since = since;
            r.summary = summary;
            return this;
        }

        public Builder complexity(String complexity) {
            last().complexity = complexity;
            return this;
        }

        /** Declared ACL categories; the flag-implied ones (@write, @read, @fast/@slow...) are added. */
        public Builder acl(AclCategory... categories) {
            Row r = last();
            r.acl = EnumSet.noneOf(AclCategory.class);
            Collections.addAll(r.acl, categories);
            return this;
        }

        /** Command tips as COMMAND INFO reports them, lowercase ("request_policy:all_shards"). */
        public Builder tips(String... tips) {
            last().tips = List.of(tips);
            return this;
        }

        public Builder keys(KeySpec... specs) {
            last().keySpecs = List.of(specs);
            return this;
        }

        /** Arguments in {@link CommandArg}'s notation. */
        public Builder args(String notation) {
            last().args = CommandArg.parse(notation);
            return this;
        }

        public Builder deprecated(String since, String replacedBy) {
            Row r = last();
            r.docFlags = List.of("deprecated");
            r.deprecatedSince = since;
            r.replacedBy = replacedBy;
            return this;
        }

        public Builder subcommands(CommandTable table) {
            last().subcommands = table;
            return this;
        }

        public CommandTable build() {
            Map<String, CommandSpec> specs = new LinkedHashMap<>();
            Map<String, CommandInfo> infos = new LinkedHashMap<>();
            for (Map.Entry<String, Row> e : rows.entrySet()) {
                specs.put(e.getKey(), e.getValue().spec);
                infos.put(e.getKey(), e.getValue().info());
            }
            return new CommandTable(specs, infos);
        }
    }

    /** Names of every row, subcommands as "container|sub", in table order (COMMAND LIST). */
    public List<String> fullNames() {
        List<String> names = new ArrayList<>();
        for (CommandSpec spec : byName.values()) {
            names.add(spec.name());
            CommandTable sub = subcommands(spec);
            if (sub != null) {
                names.addAll(sub.fullNames());
            }
        }
        return names;
    }
}
