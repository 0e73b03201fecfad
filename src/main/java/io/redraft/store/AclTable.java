package io.redraft.store;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated ACL users: each user's rules in canonical text form ("on #&lt;sha256&gt; ~* &amp;* +@all"),
 * by name. Changed only by logged writes (ACL SETUSER/DELUSER, CONFIG SET requirepass) and
 * snapshots, so every replica holds the same table. The command package parses the text into
 * permission bitmaps; {@link #version} tells it when to do so again.
 */
public final class AclTable {
    public static final String DEFAULT_USER = "default";
    /** The default user of a fresh server, as Redis 7 starts it. */
    public static final String DEFAULT_RULES = "on nopass sanitize-payload ~* &* +@all";

    private final TreeMap<String, String> users = new TreeMap<>();
    /** False until the log configures the default user; a node's requirepass applies only then. */
    private boolean defaultConfigured;
    private volatile long version;
    private volatile Runnable onChange = () -> {};

    public AclTable() {
        reset();
    }

    /** Back to a fresh server's table: only the default user, unconfigured. */
    public void reset() {
        users.clear();
        users.put(DEFAULT_USER, DEFAULT_RULES);
        defaultConfigured = false;
        changed();
    }

    public synchronized String rules(String user) {
        return users.get(user);
    }

    public synchronized void put(String user, String rules) {
        users.put(user, rules);
        if (user.equals(DEFAULT_USER)) {
            defaultConfigured = true;
        }
        changed();
    }

    public synchronized boolean remove(String user) {
        boolean removed = users.remove(user) != null;
        if (removed) {
            changed();
        }
        return removed;
    }

    /** Every user's rules, sorted by name. */
    public synchronized Map<String, String> users() {
        return Collections.unmodifiableMap(new TreeMap<>(users));
    }

    public synchronized boolean defaultConfigured() {
        return defaultConfigured;
    }

    /** Restores a snapshot's table. */
    public synchronized void load(Map<String, String> loaded, boolean configured) {
        users.clear();
        users.putAll(loaded);
        defaultConfigured = configured;
        changed();
    }

    /** Increases on every change; never part of the replicated state. */
    public long version() {
        return version;
    }

    /** Called after every change (on the applying thread): the node closes deleted users' connections. */
    public void onChange(Runnable listener) {
        this.onChange = listener;
    }

    private void changed() {
        version++;
        onChange.run();
    }
}
