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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * CONFIG GET/SET for the parameters clients and tools probe. Every value reported is what
 * Redraft actually does: the Raft log is an append-only file fsynced before every reply
 * ({@code appendonly yes}, {@code appendfsync always}), there are no RDB save points, no memory
 * limit and no eviction yet. None of them can change at run time yet, so CONFIG SET refuses.
 */
public final class ConfigCommands {
    private static final Map<String, String> PARAMETERS = parameters();

    private ConfigCommands() {
    }

    private static Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("appendonly", "yes");
        p.put("appendfsync", "always");
        p.put("save", "");
        p.put("databases", "16");
        p.put("proto-max-bulk-len", "536870912");
        p.put("maxmemory", "0");
        p.put("maxmemory-policy", "noeviction");
        p.put("timeout", "0");
        return p;
    }

    /** CONFIG's subcommands. */
    public static final CommandTable CONFIG = configTable();

    private static CommandTable configTable() {
        CommandTable.Builder t = new CommandTable.Builder();
        EnumSet<CommandFlag> flags = EnumSet.of(ADMIN, NOSCRIPT, LOADING, STALE);
        t.local("config|get", -3, flags, 0, 0, 0, ConfigCommands::get)
                .doc("server", "2.0.0", "Returns the effective values of configuration parameters.")
                .complexity("O(N) when N is the number of configuration parameters provided").acl(DANGEROUS)
                .args("+parameter:string");
        t.local("config|set", -4, flags, 0, 0, 0, ConfigCommands::set)
                .doc("server", "2.0.0", "Sets configuration parameters in-flight.")
                .complexity("O(N) when N is the number of configuration parameters provided").acl(DANGEROUS)
                .args("+data:{parameter:string value:string}");
        return t.build();
    }

    public static CompletionStage<Reply> config(Session session, byte[][] argv) {
        return Containers.dispatch(CONFIG, session, argv);
    }

    /** CONFIG GET pattern [pattern ...]: a map of every matching parameter, each once. */
    static CompletionStage<Reply> get(Session session, byte[][] argv) {
        Map<String, String> matched = new LinkedHashMap<>();
        for (int i = 2; i < argv.length; i++) {
            String pattern = new String(argv[i], StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
            for (Map.Entry<String, String> e : PARAMETERS.entrySet()) {
                if (Glob.matches(pattern.getBytes(StandardCharsets.UTF_8),
                        e.getKey().getBytes(StandardCharsets.UTF_8), false)) {
                    matched.put(e.getKey(), e.getValue());
                }
            }
        }
        List<Reply> items = new ArrayList<>(matched.size() * 2);
        matched.forEach((k, v) -> {
            items.add(Reply.bulk(k));
            items.add(Reply.bulk(v));
        });
        return done(new Reply.MapReply(items));
    }

    static CompletionStage<Reply> set(Session session, byte[][] argv) {
        if ((argv.length - 2) % 2 != 0) {
            return done(CommandExecutor.wrongArity("config|set"));
        }
        String name = new String(argv[2], StandardCharsets.UTF_8);
        if (!PARAMETERS.containsKey(name.toLowerCase(java.util.Locale.ROOT))) {
            return done(Reply.error("ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'"));
        }
        return done(Reply.error("ERR CONFIG SET failed (possibly related to argument '" + name
                + "') - Redraft cannot change this parameter at run time"));
    }
}
