package io.redraft.command;

import io.redraft.resp.Reply;
import io.redraft.store.AclTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One node's view of the replicated ACL users ({@link AclTable}) and the checks Redis 7 makes
 * before running a command: NOAUTH, then NOPERM for the command, its keys and its channels. The
 * table's rule text is parsed again only when the table changes; a check is a map lookup and a
 * bit test, plus one pattern match per key for users without {@code allkeys}.
 *
 * <p>Until the log has configured the default user, a node started with {@code requirepass}
 * gives the default user that password locally (so a node is never open while its cluster forms)
 * and proposes it through the log ({@link #requirepassHash}).
 */
public final class Acl {
    public static final Reply NOAUTH = Reply.error("NOAUTH Authentication required.");
    public static final Reply WRONGPASS = Reply.error("WRONGPASS invalid username-password pair or user is disabled.");
    public static final String NO_KEY = "No permissions to access a key";
    public static final String NO_CHANNEL = "No permissions to access a channel";

    /** Channel arguments, as Redis's ACL checks them for these commands: [first, patterns?]. */
    private static final Map<String, Boolean> CHANNEL_COMMANDS = Map.of(
            "publish", false, "spublish", false, "subscribe", false, "ssubscribe", false, "psubscribe", true);
    private static final Set<String> SINGLE_CHANNEL = Set.of("publish", "spublish");

    private final Supplier<AclTable> table;
    private final java.util.function.BooleanSupplier replayed;
    private volatile boolean settled;
    private final String requirepassHash;
    private final AclLog log = new AclLog();
    private volatile Compiled compiled;

    private record Compiled(AclTable table, long version, Map<String, AclUser> users, boolean authRequired) {
    }

    /**
     * @param table       the replicated users (a fresh table while this node has no group)
     * @param requirepass this node's configured password for the default user, or null
     */
    public Acl(Supplier<AclTable> table, String requirepass) {
        this(table, requirepass, () -> true);
    }

    /**
     * @param replayed whether this node has applied the log it had when it started: until then its
     *                 table may still lack a password the log sets, so no connection is logged in
     *                 without AUTH (it would stay logged in)
     */
    public Acl(Supplier<AclTable> table, String requirepass, java.util.function.BooleanSupplier replayed) {
        this.table = table;
        this.replayed = replayed;
        this.requirepassHash = requirepass == null || requirepass.isEmpty() ? null : AclUser.sha256(requirepass);
    }

    /** SHA-256 of this node's requirepass, proposed through the log as the default user's password; null if none. */
    public String requirepassHash() {
        return requirepassHash;
    }

    private Compiled compiled() {
        AclTable t = table.get();
        Compiled c = compiled;
        if (c != null && c.table == t && c.version == t.version()) {
            return c;
        }
        long version = t.version();
        Map<String, AclUser> users = new HashMap<>();
        for (Map.Entry<String, String> e : t.users().entrySet()) {
            users.put(e.getKey(), AclUser.parse(e.getKey(), e.getValue()));
        }
        if (requirepassHash != null && !t.defaultConfigured()) {
            users.put(AclTable.DEFAULT_USER,
                    AclUser.parse(AclTable.DEFAULT_USER, AclTable.DEFAULT_RULES + " resetpass #" + requirepassHash));
        }
        AclUser def = users.get(AclTable.DEFAULT_USER);
        boolean authRequired = def == null || !def.nopass() || !def.enabled();
        c = new Compiled(t, version, users, authRequired);
        compiled = c;
        return c;
    }

    /** The user as the table has it now, or null. */
    public AclUser user(String name) {
        return compiled().users.get(name);
    }

    public Set<String> userNames() {
        return compiled().users.keySet();
    }

    /** Whether new connections must authenticate (the default user has a password or is off). */
    public boolean authRequired() {
        return compiled().authRequired;
    }

    /**
     * Whether a new (or RESET) connection is logged in as the default user without AUTH, as
     * Redis's createClient does when that user needs no password.
     */
    public boolean loginWithoutAuth() {
        if (!settled) {
            if (!replayed.getAsBoolean()) {
                return false;
            }
            settled = true;
        }
        return !authRequired();
    }

    public AclLog log() {
        return log;
    }

    /**
     * AUTH: logs {@code session} in as {@code name} if it is on and the password fits; otherwise
     * logs the failure and leaves the session as it was.
     */
    public boolean authenticate(Session session, String name, byte[] password) {
        if (tryLogin(session, name, password)) {
            return true;
        }
        log.add(session, "auth", "toplevel", "AUTH", name);
        return false;
    }

    /** As {@link #authenticate} without logging a failure: for a first look at a table that may lag. */
    public boolean tryLogin(Session session, String name, byte[] password) {
        AclUser user = user(name);
        if (user == null || !user.enabled() || !user.checkPassword(password)) {
            return false;
        }
        session.setUser(name);
        session.setAuthenticated(true);
        return true;
    }

    /**
     * Redis 7's checks before a command runs: null when it may, else the error. {@code spec} is
     * the command's row, the subcommand's for a container with one.
     */
    public Reply check(Session session, CommandSpec spec, byte[][] argv) {
        Compiled c = compiled();
        if (c.authRequired && !session.authenticated() && !spec.flags().contains(CommandFlag.NO_AUTH)) {
            return NOAUTH;
        }
        AclUser user = c.users.get(session.user());
        if (user == null) {
            // Deleted while connected: Redis closes such connections.
            session.closeAfterReply();
            return Reply.error("ERR the user of this connection was deleted");
        }
        Denial denial = denial(user, spec, argv);
        if (denial == null) {
            return null;
        }
        log.add(session, denial.reason, session.transaction() != null ? "multi" : "toplevel", denial.object,
                user.name());
        return Reply.error("NOPERM " + denial.message(user, spec, false));
    }

    /**
     * The user whose permissions a script's {@code redis.call}s need checking when a logged
     * script runs for {@code session}: null when there is nothing to check (an unrestricted user).
     */
    public String scriptUser(Session session) {
        AclUser user = user(session.user());
        return user == null || user.unrestricted() ? null : user.name();
    }

    /**
     * A command called by a script run for {@code userName}, checked against the users table the
     * replica has at that log position, so every replica decides alike. Null when allowed.
     */
    static Reply checkInScript(io.redraft.store.AclTable table, String userName, AclUser[] cache, CommandSpec spec,
                               byte[][] argv) {
        if (cache[0] == null) {
            String rules = table.rules(userName);
            cache[0] = rules == null ? new AclUser(userName) : AclUser.parse(userName, rules);
        }
        Denial denial = denial(cache[0], spec, argv);
        return denial == null ? null
                : Reply.error("ERR ACL failure in script: " + denial.message(cache[0], spec, false));
    }

    /**
     * Whether {@code session} must be closed after a change of the users: its user was deleted,
     * or (as Redis's ACLKillPubsubClientsIfNeeded) it is subscribed to a channel or pattern its
     * user may no longer access.
     */
    public boolean mustDisconnect(Session session) {
        AclUser user = user(session.user());
        if (user == null) {
            return true;
        }
        io.redraft.pubsub.Subscriptions subs = session.subscriptions();
        if (subs == null || !subs.active()) {
            return false;
        }
        for (byte[] c : subs.channels()) {
            if (!user.canAccessChannel(c, false)) {
                return true;
            }
        }
        for (byte[] c : subs.shardChannels()) {
            if (!user.canAccessChannel(c, false)) {
                return true;
            }
        }
        for (byte[] p : subs.patterns()) {
            if (!user.canAccessChannel(p, true)) {
                return true;
            }
        }
        return false;
    }

    /** Why a user may not run a request; reason is ACL LOG's (command, key, channel). */
    record Denial(String reason, String object) {
        String message(AclUser user, CommandSpec spec, boolean verbose) {
            return switch (reason) {
                case "command" -> "User " + user.name() + " has no permissions to run the '" + spec.name()
                        + "' command";
                case "key" -> verbose ? "No permissions to access the '" + object + "' key" : NO_KEY;
                default -> verbose ? "No permissions to access the '" + object + "' channel" : NO_CHANNEL;
            };
        }
    }

    /** Null when {@code user} may run the request. */
    static Denial denial(AclUser user, CommandSpec spec, byte[][] argv) {
        int id = AclCommandIds.standard().id(spec);
        if (id >= 0 && !user.canRun(id) && !spec.flags().contains(CommandFlag.NO_AUTH)) {
            return new Denial("command", spec.name());
        }
        List<AclKeys.KeyUse> keys = user.hasAllKeys() ? List.of() : AclKeys.of(spec, argv);
        for (AclKeys.KeyUse k : keys) {
            if (!user.canAccessKey(argv[k.argIndex()], k.needs())) {
                return new Denial("key", Args.str(argv[k.argIndex()]));
            }
        }
        Boolean patterns = CHANNEL_COMMANDS.get(spec.name());
        if (patterns != null) {
            int last = SINGLE_CHANNEL.contains(spec.name()) ? Math.min(1, argv.length - 1) : argv.length - 1;
            for (int i = 1; i <= last; i++) {
                if (!user.canAccessChannel(argv[i], patterns)) {
                    return new Denial("channel", Args.str(argv[i]));
                }
            }
        }
        return null;
    }
}
