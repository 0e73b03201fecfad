package io.redraft.pubsub;

import io.redraft.resp.Reply;
import io.redraft.store.Key;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One node's pub/sub registry: which of its connections listen to which channels, patterns and
 * shard channels. Messages reach it from the Raft apply thread, in log order, once per applied
 * entry; it hands each one to the local subscribers and remembers how many received it, so a
 * PUBLISH sent through this node can answer that count (as a Redis Cluster node does).
 */
public final class PubSubHub {
    /** Redis's glob matching, supplied by the command layer. */
    @FunctionalInterface
    public interface Matcher {
        boolean matches(byte[] pattern, byte[] channel);
    }

    /** Receiver counts kept for publishers whose reply has not asked yet. */
    private static final int RECENT_COUNTS = 65_536;
    /** A publisher whose entry this node never applies (it left the group) is answered 0 after this. */
    private static final long RECEIVERS_PATIENCE_SECONDS = 30;

    private static final Reply MESSAGE = Reply.bulk("message");
    private static final Reply PMESSAGE = Reply.bulk("pmessage");
    private static final Reply SMESSAGE = Reply.bulk("smessage");

    private final Matcher matcher;
    private final Map<Key, Set<Subscriptions>> channels = new HashMap<>();
    private final Map<Key, Set<Subscriptions>> patterns = new LinkedHashMap<>();
    private final Map<Key, Set<Subscriptions>> shardChannels = new HashMap<>();

    /** Every entry up to this index has been delivered here (or skipped by a snapshot). */
    private long deliveredThrough;
    /** Entries up to this index were in the log before this process started: replayed, not delivered. */
    private long replayedThrough;
    private final Map<Long, Long> recentCounts = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > RECENT_COUNTS;
        }
    };
    private final TreeMap<Long, List<CompletableFuture<Long>>> waiting = new TreeMap<>();

    public PubSubHub(Matcher matcher) {
        this.matcher = matcher;
    }

    // ---- delivery ------------------------------------------------------------------------

    /**
     * Delivers the publications of the entry at {@code index} (possibly none: a loaded snapshot
     * says every entry up to its index is done). Called in log order.
     */
    public void deliver(long index, List<Publication> publications) {
        List<CompletableFuture<Long>> ready = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        synchronized (this) {
            boolean replayed = index <= replayedThrough;
            for (int i = 0; i < publications.size(); i++) {
                long receivers = replayed ? 0 : send(publications.get(i));
                long token = Publication.token(index, i);
                recentCounts.put(token, receivers);
                List<CompletableFuture<Long>> w = waiting.remove(token);
                if (w != null) {
                    for (CompletableFuture<Long> f : w) {
                        ready.add(f);
                        counts.add(receivers);
                    }
                }
            }
            deliveredThrough = Math.max(deliveredThrough, index);
            // Tokens of entries this node will never deliver (skipped by a snapshot): nobody got them here.
            Map<Long, List<CompletableFuture<Long>>> skipped = waiting.headMap(Publication.token(deliveredThrough + 1, 0));
            for (List<CompletableFuture<Long>> w : skipped.values()) {
                for (CompletableFuture<Long> f : w) {
                    ready.add(f);
                    counts.add(0L);
                }
            }
            skipped.clear();
        }
        for (int i = 0; i < ready.size(); i++) {
            ready.get(i).complete(counts.get(i)); // outside the lock: completions run client code
        }
    }

    /**
     * Entries up to {@code index} were published before this process started; when the log is
     * replayed at startup their messages must not reach clients that subscribed since.
     */
    public synchronized void skipReplayThrough(long index) {
        replayedThrough = Math.max(replayedThrough, index);
    }

    /** How many of this node's clients received the publication {@code token}, once it has been delivered here. */
    public CompletionStage<Long> receivers(long token) {
        synchronized (this) {
            Long count = recentCounts.get(token);
            if (count != null) {
                return CompletableFuture.completedFuture(count);
            }
            if (Publication.indexOf(token) <= deliveredThrough) {
                return CompletableFuture.completedFuture(0L);
            }
            CompletableFuture<Long> f = new CompletableFuture<>();
            waiting.computeIfAbsent(token, t -> new ArrayList<>(1)).add(f);
            return f.completeOnTimeout(0L, RECEIVERS_PATIENCE_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Sends one message to every matching subscriber; returns the number of deliveries, as Redis counts them. */
    private long send(Publication p) {
        Key channel = new Key(p.channel());
        Reply channelBulk = Reply.bulk(p.channel());
        Reply messageBulk = Reply.bulk(p.message());
        long receivers = 0;
        if (p.sharded()) {
            Set<Subscriptions> subs = shardChannels.get(channel);
            if (subs != null) {
                Reply frame = new Reply.Push(List.of(SMESSAGE, channelBulk, messageBulk));
                for (Subscriptions s : subs) {
                    s.send(frame);
                    receivers++;
                }
            }
            return receivers;
        }
        Set<Subscriptions> subs = channels.get(channel);
        if (subs != null) {
            Reply frame = new Reply.Push(List.of(MESSAGE, channelBulk, messageBulk));
            for (Subscriptions s : subs) {
                s.send(frame);
                receivers++;
            }
        }
        for (Map.Entry<Key, Set<Subscriptions>> e : patterns.entrySet()) {
            if (matcher.matches(e.getKey().bytes(), p.channel())) {
                Reply frame = new Reply.Push(List.of(PMESSAGE, Reply.bulk(e.getKey().bytes()), channelBulk, messageBulk));
                for (Subscriptions s : e.getValue()) {
                    s.send(frame);
                    receivers++;
                }
            }
        }
        return receivers;
    }

    // ---- registry (used by Subscriptions) ---------------------------------------------------

    enum Kind { CHANNEL, PATTERN, SHARD }

    private Map<Key, Set<Subscriptions>> map(Kind kind) {
        return switch (kind) {
            case CHANNEL -> channels;
            case PATTERN -> patterns;
            case SHARD -> shardChannels;
        };
    }

    synchronized void add(Kind kind, Key name, Subscriptions subscriber) {
        map(kind).computeIfAbsent(name, k -> new LinkedHashSet<>()).add(subscriber);
    }

    synchronized void remove(Kind kind, Key name, Subscriptions subscriber) {
        Map<Key, Set<Subscriptions>> map = map(kind);
        Set<Subscriptions> subs = map.get(name);
        if (subs != null && subs.remove(subscriber) && subs.isEmpty()) {
            map.remove(name);
        }
    }

    // ---- introspection (PUBSUB) -------------------------------------------------------------

    /** Channels with at least one subscriber, matching {@code pattern} (all when null). */
    public synchronized List<byte[]> channels(byte[] pattern) {
        return names(channels, pattern);
    }

    public synchronized List<byte[]> shardChannels(byte[] pattern) {
        return names(shardChannels, pattern);
    }

    private List<byte[]> names(Map<Key, Set<Subscriptions>> map, byte[] pattern) {
        List<byte[]> out = new ArrayList<>();
        for (Key k : map.keySet()) {
            if (pattern == null || matcher.matches(pattern, k.bytes())) {
                out.add(k.bytes());
            }
        }
        return out;
    }

    /** Subscribers of a channel, pattern subscriptions not counted (PUBSUB NUMSUB). */
    public synchronized int numsub(byte[] channel) {
        Set<Subscriptions> subs = channels.get(new Key(channel));
        return subs == null ? 0 : subs.size();
    }

    public synchronized int shardNumsub(byte[] channel) {
        Set<Subscriptions> subs = shardChannels.get(new Key(channel));
        return subs == null ? 0 : subs.size();
    }

    /** Distinct patterns with at least one subscriber (PUBSUB NUMPAT). */
    public synchronized int numpat() {
        return patterns.size();
    }
}
