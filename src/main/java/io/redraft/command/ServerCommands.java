package io.redraft.command;

import static io.redraft.command.AclCategory.CONNECTION;
import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.is;
import static io.redraft.command.CommandFlag.LOADING;
import static io.redraft.command.CommandFlag.NO_MANDATORY_KEYS;
import static io.redraft.command.CommandFlag.STALE;
import static io.redraft.command.Containers.done;

import io.redraft.resp.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** Server introspection: COMMAND, INFO, TIME. */
public final class ServerCommands {

    private ServerCommands() {
    }

    // ---------------------------------------------------------------- COMMAND

    /** COMMAND's subcommands. */
    public static final CommandTable COMMAND = commandTable();

    private static CommandTable commandTable() {
        CommandTable.Builder t = new CommandTable.Builder();
        EnumSet<CommandFlag> flags = EnumSet.of(LOADING, STALE);
        t.local("command|count", 2, flags, 0, 0, 0, ServerCommands::commandCount)
                .doc("server", "2.8.13", "Returns a count of commands.").acl(CONNECTION);
        t.local("command|docs", -2, flags, 0, 0, 0, ServerCommands::commandDocs)
                .doc("server", "7.0.0", "Returns documentary information about one, multiple or all commands.")
                .complexity("O(N) where N is the number of commands to look up").acl(CONNECTION)
                .tips("nondeterministic_output_order").args("?+command-name:string");
        t.local("command|getkeys", -3, flags, 0, 0, 0, ServerCommands::commandGetkeys)
                .doc("server", "2.8.13", "Extracts the key names from an arbitrary command.")
                .complexity("O(N) where N is the number of arguments to the command").acl(CONNECTION)
                .args("command:string ?+arg:string");
        t.local("command|help", 2, flags, 0, 0, 0, ServerCommands::commandHelp)
                .doc("server", "5.0.0", "Returns helpful text about the different subcommands.").acl(CONNECTION);
        t.local("command|info", -2, flags, 0, 0, 0, ServerCommands::commandInfo)
                .doc("server", "2.8.13", "Returns information about one, multiple or all commands.")
                .complexity("O(N) where N is the number of commands to look up").acl(CONNECTION)
                .tips("nondeterministic_output_order").args("?+command-name:string");
        t.local("command|list", -2, flags, 0, 0, 0, ServerCommands::commandList)
                .doc("server", "7.0.0", "Returns a list of command names.")
                .complexity("O(N) where N is the total number of Redis commands").acl(CONNECTION)
                .tips("nondeterministic_output_order")
                .args("?FILTERBY=filterby:(MODULE=module-name:string|ACLCAT=category:string"
                        + "|PATTERN=pattern:pattern)");
        return t.build();
    }

    public static CompletionStage<Reply> command(Session session, byte[][] argv) {
        if (argv.length == 1) {
            return done(allInfo(table(session)));
        }
        return Containers.dispatch(COMMAND, session, argv);
    }

    private static CommandTable table(Session session) {
        NodeServices node = session.node();
        CommandTable table = node == null ? null : node.commands();
        return table != null ? table : CommandTable.standard();
    }

    static CompletionStage<Reply> commandCount(Session session, byte[][] argv) {
        return done(Reply.integer(table(session).size()));
    }

    static CompletionStage<Reply> commandInfo(Session session, byte[][] argv) {
        CommandTable table = table(session);
        if (argv.length == 2) {
            return done(allInfo(table));
        }
        List<Reply> out = new ArrayList<>(argv.length - 2);
        for (int i = 2; i < argv.length; i++) {
            CommandSpec spec = table.lookupFullName(Args.str(argv[i]));
            out.add(spec == null ? Reply.NULL : info(table, spec));
        }
        return done(Reply.array(out));
    }

    static CompletionStage<Reply> commandDocs(Session session, byte[][] argv) {
        CommandTable table = table(session);
        List<Reply> map = new ArrayList<>();
        if (argv.length == 2) {
            for (CommandSpec spec : table.all()) {
                map.add(Reply.bulk(spec.name()));
                map.add(docs(table, spec));
            }
        } else {
            for (int i = 2; i < argv.length; i++) {
                CommandSpec spec = table.lookupFullName(Args.str(argv[i]));
                if (spec != null) {
                    map.add(Reply.bulk(spec.name()));
                    map.add(docs(table, spec));
                }
            }
        }
        return done(new Reply.MapReply(map));
    }

    static CompletionStage<Reply> commandList(Session session, byte[][] argv) {
        CommandTable table = table(session);
        String filterType = null;
        byte[] filterArg = null;
        for (int i = 2; i < argv.length; i++) {
            int more = argv.length - 1 - i;
            if (is(argv[i], "filterby") && more == 2) {
                byte[] type = argv[i + 1];
                if (is(type, "module")) {
                    filterType = "module";
                } else if (is(type, "aclcat")) {
                    filterType = "aclcat";
                } else if (is(type, "pattern")) {
                    filterType = "pattern";
                } else {
                    return done(SYNTAX_ERROR);
                }
                filterArg = argv[i + 2];
                i += 2;
            } else {
                return done(SYNTAX_ERROR);
            }
        }
        AclCategory category = null;
        if ("aclcat".equals(filterType)) {
            category = categoryByName(Args.str(filterArg));
        }
        List<Reply> names = new ArrayList<>();
        for (String name : table.fullNames()) {
            boolean keep;
            if (filterType == null) {
                keep = true;
            } else if (filterType.equals("module")) {
                keep = false; // no modules
            } else if (filterType.equals("aclcat")) {
                CommandSpec spec = table.lookupFullName(name);
                keep = category != null && categories(table, spec).contains(category);
            } else {
                keep = Glob.matches(filterArg, Args.bytes(name), true);
            }
            if (keep) {
                names.add(Reply.bulk(name));
            }
        }
        return done(Reply.array(names));
    }

    private static AclCategory categoryByName(String name) {
        for (AclCategory c : AclCategory.values()) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    /** COMMAND GETKEYS command arg...: the keys by the command's key positions, with Redis's errors. */
    static CompletionStage<Reply> commandGetkeys(Session session, byte[][] argv) {
        CommandTable table = table(session);
        CommandSpec spec = table.lookupCommand(argv, 2);
        if (spec == null) {
            return done(Reply.error("ERR Invalid command specified"));
        }
        if (spec.firstKey() == 0) {
            return done(Reply.error("ERR The command has no key arguments"));
        }
        int argc = argv.length - 2;
        if (!spec.arityOk(argc)) {
            return done(Reply.error("ERR Invalid number of arguments specified for command"));
        }
        int first = spec.firstKey();
        int last = spec.lastKey() >= 0 ? spec.lastKey() : argc + spec.lastKey();
        List<Reply> keys = new ArrayList<>();
        if (last < argc && last >= first) {
            for (int i = first; i <= last && i < argc; i += Math.max(1, spec.step())) {
                keys.add(Reply.bulk(argv[i + 2]));
            }
        }
        if (keys.isEmpty()) {
            return done(spec.flags().contains(NO_MANDATORY_KEYS) ? Reply.EMPTY_ARRAY
                    : Reply.error("ERR Invalid arguments specified for command"));
        }
        return done(Reply.array(keys));
    }

    static CompletionStage<Reply> commandHelp(Session session, byte[][] argv) {
        return done(Containers.help(argv[0],
                "(no subcommand)",
                "    Return details about all Redis commands.",
                "COUNT",
                "    Return the total number of commands in this Redis server.",
                "LIST",
                "    Return a list of all commands in this Redis server.",
                "INFO [<command-name> ...]",
                "    Return details about multiple Redis commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "DOCS [<command-name> ...]",
                "    Return documentation details about multiple Redis commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "GETKEYS <full-command>",
                "    Return the keys from a full Redis command."));
    }

    // ---------------------------------------------------------------- COMMAND INFO / DOCS replies

    static Reply allInfo(CommandTable table) {
        List<Reply> out = new ArrayList<>(table.size());
        for (CommandSpec spec : table.all()) {
            out.add(info(table, spec));
        }
        return Reply.array(out);
    }

    /**
     * One COMMAND INFO entry in Redis 7's shape: name, arity, flags, first key, last key, step,
     * ACL categories, tips, key specs, subcommands.
     */
    public static Reply info(CommandTable table, CommandSpec spec) {
        CommandInfo info = table.info(spec);
        List<Reply> flags = new ArrayList<>();
        for (CommandFlag f : spec.flags()) { // an EnumSet view: Redis's order
            flags.add(Reply.status(f.redisName()));
        }
        List<Reply> acl = new ArrayList<>();
        for (AclCategory c : categories(table, spec)) {
            acl.add(Reply.status(c.redisName()));
        }
        List<Reply> tips = new ArrayList<>();
        for (String tip : info.tips()) {
            tips.add(Reply.bulk(tip));
        }
        List<Reply> keySpecs = new ArrayList<>();
        for (KeySpec ks : info.keySpecs()) {
            keySpecs.add(keySpec(ks));
        }
        Reply subcommands;
        CommandTable sub = info.subcommands();
        if (sub == null) {
            subcommands = new Reply.SetReply(List.of());
        } else {
            List<Reply> subs = new ArrayList<>();
            for (CommandSpec s : sub.all()) {
                subs.add(info(table, s));
            }
            subcommands = Reply.array(subs);
        }
        return Reply.array(List.of(
                Reply.bulk(spec.name()),
                Reply.integer(spec.arity()),
                new Reply.SetReply(flags),
                Reply.integer(spec.firstKey()),
                Reply.integer(spec.lastKey()),
                Reply.integer(spec.step()),
                new Reply.SetReply(acl),
                new Reply.SetReply(tips),
                new Reply.SetReply(keySpecs),
                subcommands));
    }

    static Set<AclCategory> categories(CommandTable table, CommandSpec spec) {
        return AclCategory.effective(table.info(spec).acl(), spec.flags());
    }

    private static Reply keySpec(KeySpec ks) {
        List<Reply> map = new ArrayList<>();
        if (ks.notes() != null) {
            map.add(Reply.bulk("notes"));
            map.add(Reply.bulk(ks.notes()));
        }
        List<Reply> flags = new ArrayList<>();
        for (String f : ks.flags()) {
            flags.add(Reply.status(f));
        }
        map.add(Reply.bulk("flags"));
        map.add(new Reply.SetReply(flags));
        map.add(Reply.bulk("begin_search"));
        map.add(new Reply.MapReply(List.of(
                Reply.bulk("type"), Reply.bulk("index"),
                Reply.bulk("spec"), new Reply.MapReply(List.of(Reply.bulk("index"), Reply.integer(ks.index()))))));
        map.add(Reply.bulk("find_keys"));
        map.add(new Reply.MapReply(List.of(
                Reply.bulk("type"), Reply.bulk("range"),
                Reply.bulk("spec"), new Reply.MapReply(List.of(
                        Reply.bulk("lastkey"), Reply.integer(ks.lastKey()),
                        Reply.bulk("keystep"), Reply.integer(ks.keyStep()),
                        Reply.bulk("limit"), Reply.integer(ks.limit()))))));
        return new Reply.MapReply(map);
    }

    /** One COMMAND DOCS entry: summary, since, group, complexity, doc flags, arguments, subcommands. */
    public static Reply docs(CommandTable table, CommandSpec spec) {
        CommandInfo info = table.info(spec);
        List<Reply> map = new ArrayList<>();
        map.add(Reply.bulk("summary"));
        map.add(Reply.bulk(info.summary()));
        map.add(Reply.bulk("since"));
        map.add(Reply.bulk(info.since()));
        map.add(Reply.bulk("group"));
        map.add(Reply.bulk(info.group()));
        if (info.complexity() != null) {
            map.add(Reply.bulk("complexity"));
            map.add(Reply.bulk(info.complexity()));
        }
        if (!info.docFlags().isEmpty()) {
            List<Reply> flags = new ArrayList<>();
            for (String f : info.docFlags()) {
                flags.add(Reply.status(f));
            }
            map.add(Reply.bulk("doc_flags"));
            map.add(new Reply.SetReply(flags));
        }
        if (info.deprecatedSince() != null) {
            map.add(Reply.bulk("deprecated_since"));
            map.add(Reply.bulk(info.deprecatedSince()));
        }
        if (info.replacedBy() != null) {
            map.add(Reply.bulk("replaced_by"));
            map.add(Reply.bulk(info.replacedBy()));
        }
        if (!info.args().isEmpty()) {
            map.add(Reply.bulk("arguments"));
            map.add(args(info.args()));
        }
        if (info.subcommands() != null) {
            List<Reply> subs = new ArrayList<>();
            for (CommandSpec s : info.subcommands().all()) {
                subs.add(Reply.bulk(s.name()));
                subs.add(docs(table, s));
            }
            map.add(Reply.bulk("subcommands"));
            map.add(new Reply.MapReply(subs));
        }
        return new Reply.MapReply(map);
    }

    private static Reply args(List<CommandArg> args) {
        List<Reply> out = new ArrayList<>(args.size());
        for (CommandArg a : args) {
            boolean composite = a.type().equals("oneof") || a.type().equals("block");
            List<Reply> map = new ArrayList<>();
            map.add(Reply.bulk("name"));
            map.add(Reply.bulk(a.name()));
            map.add(Reply.bulk("type"));
            map.add(Reply.bulk(a.type()));
            if (!composite) {
                map.add(Reply.bulk("display_text"));
                map.add(Reply.bulk(a.name()));
            }
            if (a.type().equals("key")) {
                map.add(Reply.bulk("key_spec_index"));
                map.add(Reply.integer(0));
            }
            if (a.token() != null) {
                map.add(Reply.bulk("token"));
                map.add(Reply.bulk(a.token()));
            }
            if (a.optional() || a.multiple()) {
                List<Reply> flags = new ArrayList<>();
                if (a.optional()) {
                    flags.add(Reply.status("optional"));
                }
                if (a.multiple()) {
                    flags.add(Reply.status("multiple"));
                }
                map.add(Reply.bulk("flags"));
                map.add(new Reply.SetReply(flags));
            }
            if (composite) {
                map.add(Reply.bulk("arguments"));
                map.add(args(a.subargs()));
            }
            out.add(new Reply.MapReply(map));
        }
        return Reply.array(out);
    }

    // ---------------------------------------------------------------- INFO, TIME

    /** INFO [section ...]: the node's text for each section, as a verbatim "txt" string. */
    public static CompletionStage<Reply> info(Session session, byte[][] argv) {
        NodeServices node = session.node();
        StringBuilder text = new StringBuilder();
        if (argv.length == 1) {
            text.append(node.info("default"));
        } else {
            List<String> seen = new ArrayList<>();
            for (int i = 1; i < argv.length; i++) {
                String section = Args.str(argv[i]).toLowerCase(Locale.ROOT);
                if (seen.contains(section)) {
                    continue;
                }
                seen.add(section);
                String part = node.info(section);
                if (part == null || part.isEmpty()) {
                    continue;
                }
                if (text.length() > 0) {
                    text.append("\r\n");
                }
                text.append(part);
            }
        }
        return done(new Reply.Verbatim("txt", Args.bytes(text.toString())));
    }

    /**
     * WAIT numreplicas timeout: the number of followers holding this connection's earlier writes
     * (see {@link NodeServices#waitForReplicas}), once numreplicas do or after timeout ms (0 = forever).
     */
    public static CompletionStage<Reply> waitReplicas(Session session, byte[][] argv) {
        Long replicas = Args.toLong(argv[1]);
        if (replicas == null) {
            return done(Args.NOT_INTEGER);
        }
        Long timeout = Args.toLong(argv[2]);
        if (timeout == null) {
            return done(Reply.error("ERR timeout is not an integer or out of range"));
        }
        if (timeout < 0) {
            return done(Reply.error("ERR timeout is negative"));
        }
        return session.node().waitForReplicas(replicas, timeout);
    }

    /** TIME: the wall clock as [seconds, microseconds] bulk strings (a local command, so a clock is fine). */
    public static CompletionStage<Reply> time(Session session, byte[][] argv) {
        Instant now = Instant.now();
        return done(Reply.array(Reply.bulk(Long.toString(now.getEpochSecond())),
                Reply.bulk(Long.toString(now.getNano() / 1000))));
    }

    /**
     * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT], parsed as Redis 7's shutdownCommand. SAVE takes a
     * snapshot first; NOW and FORCE change nothing here (nothing waits for lagging replicas and
     * nothing can fail to save by default); ABORT has no shutdown to abort, since one never pauses.
     */
    public static CompletionStage<Reply> shutdown(Session session, byte[][] argv) {
        boolean save = false;
        boolean nosave = false;
        boolean other = false;
        boolean abort = false;
        for (int i = 1; i < argv.length; i++) {
            byte[] a = argv[i];
            if (Args.is(a, "nosave")) {
                nosave = true;
            } else if (Args.is(a, "save")) {
                save = true;
            } else if (Args.is(a, "now") || Args.is(a, "force")) {
                other = true;
            } else if (Args.is(a, "abort")) {
                abort = true;
            } else {
                return done(Args.SYNTAX_ERROR);
            }
        }
        if ((abort && (save || nosave || other)) || (save && nosave)) {
            return done(Args.SYNTAX_ERROR);
        }
        if (abort) {
            return done(Reply.error("ERR No shutdown in progress."));
        }
        return session.node().shutdown(save);
    }
}
