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
 * ({@code appendonly yes}, {@code appendfsync always}) and there are no RDB save points.
 * maxmemory and maxmemory-policy (this node's {@link MemoryLimit}), maxclients and timeout (its
 * {@link ConnectionLimits}) change at run time; CONFIG SET requirepass sets the replicated default
 * user's password through the log (CONFIG GET cannot show it: only its SHA-256 is kept); CONFIG SET
 * refuses the others.
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
        p.put("maxclients", Integer.toString(ConnectionLimits.DEFAULT_MAX_CLIENTS));
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
        MemoryLimit limit = session.node() == null ? null : session.node().memory();
        if (limit != null) {
            matched.computeIfPresent("maxmemory", (k, v) -> Long.toString(limit.maxBytes()));
            matched.computeIfPresent("maxmemory-policy", (k, v) -> limit.policy().redisName());
        }
        ConnectionLimits clients = session.node() == null ? null : session.node().connectionLimits();
        if (clients != null) {
            matched.computeIfPresent("maxclients", (k, v) -> Integer.toString(clients.maxClients()));
            matched.computeIfPresent("timeout", (k, v) -> Long.toString(clients.idleTimeoutSeconds()));
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
        // Validate every pair first, then apply them all: CONFIG SET is all or nothing.
        MemoryLimit limit = session.node() == null ? null : session.node().memory();
        ConnectionLimits clients = session.node() == null ? null : session.node().connectionLimits();
        Long maxBytes = null;
        EvictionPolicy policy = null;
        Long maxClients = null;
        Long timeout = null;
        byte[] requirepass = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 2; i < argv.length; i += 2) {
            String name = new String(argv[i], StandardCharsets.UTF_8);
            String key = name.toLowerCase(java.util.Locale.ROOT);
            if (key.equals("requirepass") && session.node() != null) {
                if (!seen.add(key)) {
                    return done(setFailed(name, "duplicate parameter"));
                }
                requirepass = argv[i + 1];
                continue;
            }
            if (!PARAMETERS.containsKey(key)) {
                return done(Reply.error("ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'"));
            }
            if (!seen.add(key)) {
                return done(setFailed(name, "duplicate parameter"));
            }
            String value = new String(argv[i + 1], StandardCharsets.UTF_8);
            if (limit != null && key.equals("maxmemory")) {
                maxBytes = MemoryLimit.parseBytes(value);
                if (maxBytes == null) {
                    return done(setFailed(name, "argument must be a memory value"));
                }
            } else if (limit != null && key.equals("maxmemory-policy")) {
                policy = EvictionPolicy.parse(value);
                if (policy == null) {
                    return done(setFailed(name, "argument(s) must be one of the following: " + EvictionPolicy.CHOICES));
                }
            } else if (clients != null && key.equals("maxclients")) {
                maxClients = ConnectionLimits.parseBounded(value, 1, Integer.MAX_VALUE);
                if (maxClients == null) {
                    return done(setFailed(name, ConnectionLimits.rangeError(value, 1, Integer.MAX_VALUE)));
                }
            } else if (clients != null && key.equals("timeout")) {
                timeout = ConnectionLimits.parseBounded(value, 0, Integer.MAX_VALUE);
                if (timeout == null) {
                    return done(setFailed(name, ConnectionLimits.rangeError(value, 0, Integer.MAX_VALUE)));
                }
            } else {
                return done(setFailed(name, "Redraft cannot change this parameter at run time"));
            }
        }
        if (requirepass != null) {
            // The default user is replicated state: its new password goes through the log, as
            // Redis's requirepass does (resetpass, then the password, or nopass when empty).
            Runnable applyLocal = localSettings(limit, clients, maxBytes, policy, maxClients, timeout);
            byte[][] setuser = {bytes("acl"), bytes("setuser"), bytes("default"), bytes("resetpass"),
                    requirepass.length == 0 ? bytes("nopass") : concat('>', requirepass)};
            return session.node().replicated().write(session.db(), setuser).thenApply(reply -> {
                if (reply instanceof Reply.Error) {
                    return reply;
                }
                applyLocal.run();
                return Reply.OK;
            });
        }
        localSettings(limit, clients, maxBytes, policy, maxClients, timeout).run();
        return done(Reply.OK);
    }

    private static Runnable localSettings(MemoryLimit limit, ConnectionLimits clients, Long maxBytes,
                                          EvictionPolicy policy, Long maxClients, Long timeout) {
        return () -> applyLocal(limit, clients, maxBytes, policy, maxClients, timeout);
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

    private static void applyLocal(MemoryLimit limit, ConnectionLimits clients, Long maxBytes,
                                   EvictionPolicy policy, Long maxClients, Long timeout) {
        if (maxBytes != null) {
            limit.setMaxBytes(maxBytes);
        }
        if (policy != null) {
            limit.setPolicy(policy);
        }
        if (maxClients != null) {
            clients.setMaxClients(maxClients.intValue());
        }
        if (timeout != null) {
            clients.setIdleTimeoutSeconds(timeout);
        }
    }

    private static Reply setFailed(String name, String why) {
        return Reply.error("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + why);
    }
}
