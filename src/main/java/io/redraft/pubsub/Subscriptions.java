package io.redraft.pubsub;

import io.redraft.resp.Reply;
import io.redraft.store.Key;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One connection's subscriptions, kept in step with the node's {@link PubSubHub}. Changed only
 * by the connection's own commands (and its close); messages arrive through {@code out}, from the
 * hub's thread.
 */
public final class Subscriptions {
    private final PubSubHub hub;
    private final Consumer<Reply> out;
    private final Set<Key> channels = new LinkedHashSet<>();
    private final Set<Key> patterns = new LinkedHashSet<>();
    private final Set<Key> shardChannels = new LinkedHashSet<>();

    /** {@code out} writes a push frame to the connection, from any thread. */
    public Subscriptions(PubSubHub hub, Consumer<Reply> out) {
        this.hub = hub;
        this.out = out;
    }

    void send(Reply frame) {
        out.accept(frame);
    }

    /** Returns false when already subscribed. */
    public boolean subscribe(byte[] channel) {
        return add(PubSubHub.Kind.CHANNEL, channels, channel);
    }

    public boolean unsubscribe(byte[] channel) {
        return remove(PubSubHub.Kind.CHANNEL, channels, channel);
    }

    public boolean psubscribe(byte[] pattern) {
        return add(PubSubHub.Kind.PATTERN, patterns, pattern);
    }

    public boolean punsubscribe(byte[] pattern) {
        return remove(PubSubHub.Kind.PATTERN, patterns, pattern);
    }

    public boolean ssubscribe(byte[] channel) {
        return add(PubSubHub.Kind.SHARD, shardChannels, channel);
    }

    public boolean sunsubscribe(byte[] channel) {
        return remove(PubSubHub.Kind.SHARD, shardChannels, channel);
    }

    private boolean add(PubSubHub.Kind kind, Set<Key> mine, byte[] name) {
        Key key = new Key(name);
        if (!mine.add(key)) {
            return false;
        }
        hub.add(kind, key, this);
        return true;
    }

    private boolean remove(PubSubHub.Kind kind, Set<Key> mine, byte[] name) {
        Key key = new Key(name);
        if (!mine.remove(key)) {
            return false;
        }
        hub.remove(kind, key, this);
        return true;
    }

    /** Channels and patterns, the count SUBSCRIBE/PSUBSCRIBE confirmations carry. */
    public int count() {
        return channels.size() + patterns.size();
    }

    /** Shard channels, the count SSUBSCRIBE confirmations carry. */
    public int shardCount() {
        return shardChannels.size();
    }

    /** Subscribed to anything: a RESP2 connection is then in subscribed mode. */
    public boolean active() {
        return count() + shardCount() > 0;
    }

    public List<byte[]> channels() {
        return names(channels);
    }

    public List<byte[]> patterns() {
        return names(patterns);
    }

    public List<byte[]> shardChannels() {
        return names(shardChannels);
    }

    private static List<byte[]> names(Set<Key> keys) {
        List<byte[]> out = new ArrayList<>(keys.size());
        for (Key k : keys) {
            out.add(k.bytes());
        }
        return out;
    }

    /** Drops every subscription silently (RESET, connection closed). */
    public void clear() {
        for (byte[] c : channels()) {
            unsubscribe(c);
        }
        for (byte[] p : patterns()) {
            punsubscribe(p);
        }
        for (byte[] s : shardChannels()) {
            sunsubscribe(s);
        }
    }
}
