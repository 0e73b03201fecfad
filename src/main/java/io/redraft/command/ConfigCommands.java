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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * CONFIG GET/SET/RESETSTAT over this node's parameters ({@link NodeServices#configParameters}, in the server one per
 * setting of its settings table) and the fixed facts clients and tools probe. Every value reported is what Redraft
 * actually does: the Raft log is an append-only file fsynced before every reply ({@code appendonly yes},
 * {@code appendfsync always}) and there are no RDB save points. CONFIG SET changes only the parameters the node
 * marks settable, several at once all or nothing, as Redis 7 does.
 */
public final class ConfigCommands {
    /** Facts, and the defaults a node without its own parameters reports. */
    private static final List<ConfigParameter> FIXED = List.of(
            ConfigParameter.fixed("appendonly", "yes"),
            ConfigParameter.fixed("appendfsync", "always"),
            ConfigParameter.fixed("save", ""),
            ConfigParameter.fixed("databases", "16"),
            ConfigParameter.fixed("proto-max-bulk-len", "536870912"),
            ConfigParameter.fixed("maxmemory", "0"),
            ConfigParameter.fixed("maxmemory-policy", "noeviction"),
            ConfigParameter.fixed("timeout", "0"),
            ConfigParameter.fixed("maxclients", Integer.toString(ConnectionLimits.DEFAULT_MAX_CLIENTS)));

    private ConfigCommands() {
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
        t.local("config|resetstat", 2, flags, 0, 0, 0, ConfigCommands::resetstat)
                .doc("server", "2.0.0", "Resets the server's statistics.")
                .complexity("O(1)").acl(DANGEROUS);
        return t.build();
    }

    public static CompletionStage<Reply> config(Session session, byte[][] argv) {
        return Containers.dispatch(CONFIG, session, argv);
    }

    /** Every parameter by name: the fixed ones, replaced or joined by the node's. */
    private static Map<String, ConfigParameter> parameters(Session session) {
        Map<String, ConfigParameter> all = new LinkedHashMap<>();
        FIXED.forEach(p -> all.put(p.name(), p));
        if (session.node() != null) {
            session.node().configParameters().forEach(p -> all.put(p.name(), p));
        }
        return all;
    }

    /** CONFIG GET pattern [pattern ...]: a map of every matching parameter, each once. */
    static CompletionStage<Reply> get(Session session, byte[][] argv) {
        Map<String, ConfigParameter> all = parameters(session);
        Map<String, String> matched = new LinkedHashMap<>();
        for (int i = 2; i < argv.length; i++) {
            byte[] pattern = new String(argv[i], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8);
            for (ConfigParameter p : all.values()) {
                if (!matched.containsKey(p.name()) && Glob.matches(pattern, p.name().getBytes(StandardCharsets.UTF_8), false)) {
                    matched.put(p.name(), p.value());
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

    /** CONFIG SET name value [name value ...]: every pair is checked first, then all are applied. */
    static CompletionStage<Reply> set(Session session, byte[][] argv) {
        if ((argv.length - 2) % 2 != 0) {
            return done(CommandExecutor.wrongArity("config|set"));
        }
        Map<String, ConfigParameter> all = parameters(session);
        Set<String> seen = new HashSet<>();
        List<Runnable> applies = new ArrayList<>();
        byte[] requirepass = null;
        for (int i = 2; i < argv.length; i += 2) {
            String name = new String(argv[i], StandardCharsets.UTF_8);
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("requirepass") && session.node() != null) {
                if (!seen.add(key)) {
                    return done(setFailed(name, "duplicate parameter"));
                }
                requirepass = argv[i + 1];
                continue;
            }
            ConfigParameter p = all.get(key);
            if (p == null) {
                return done(Reply.error("ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'"));
            }
            if (!seen.add(p.name())) {
                return done(setFailed(name, "duplicate parameter"));
            }
            try {
                applies.add(p.prepare(new String(argv[i + 1], StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                return done(setFailed(name, e.getMessage()));
            }
        }
        if (requirepass != null) {
            // The default user is replicated state: its new password goes through the log, as
            // Redis's requirepass does (resetpass, then the password, or nopass when empty).
            byte[][] setuser = {bytes("acl"), bytes("setuser"), bytes("default"), bytes("resetpass"),
                    requirepass.length == 0 ? bytes("nopass") : concat('>', requirepass)};
            return session.node().replicated().write(session.db(), setuser).thenApply(reply -> {
                if (reply instanceof Reply.Error) {
                    return reply;
                }
                applies.forEach(Runnable::run);
                return Reply.OK;
            });
        }
        applies.forEach(Runnable::run);
        return done(Reply.OK);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(char prefix, byte[] rest) {
        byte[] out = new byte[rest.length + 1];
        out[0] = (byte) prefix;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    /** CONFIG RESETSTAT. */
    static CompletionStage<Reply> resetstat(Session session, byte[][] argv) {
        if (session.node() != null) {
            session.node().resetStats();
        }
        return done(Reply.OK);
    }

    private static Reply setFailed(String name, String why) {
        return Reply.error("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + why);
    }

    /** maxmemory, maxmemory-policy, maxclients and timeout of these objects (either may be null: none of its). */
    static List<ConfigParameter> limitParameters(MemoryLimit memory, ConnectionLimits clients) {
        List<ConfigParameter> params = new ArrayList<>();
        if (memory != null) {
            params.add(new ConfigParameter("maxmemory", () -> Long.toString(memory.maxBytes()), text -> {
                Long bytes = MemoryLimit.parseBytes(text);
                if (bytes == null) {
                    throw new IllegalArgumentException("argument must be a memory value");
                }
                return () -> memory.setMaxBytes(bytes);
            }));
            params.add(new ConfigParameter("maxmemory-policy", () -> memory.policy().redisName(), text -> {
                EvictionPolicy policy = EvictionPolicy.parse(text);
                if (policy == null) {
                    throw new IllegalArgumentException("argument(s) must be one of the following: "
                            + EvictionPolicy.CHOICES);
                }
                return () -> memory.setPolicy(policy);
            }));
        }
        if (clients != null) {
            params.add(ConfigParameter.integer("maxclients", clients::maxClients, 1, Integer.MAX_VALUE,
                    v -> clients.setMaxClients((int) v)));
            params.add(ConfigParameter.integer("timeout", clients::idleTimeoutSeconds, 0, Integer.MAX_VALUE,
                    clients::setIdleTimeoutSeconds));
        }
        return params;
    }
}
