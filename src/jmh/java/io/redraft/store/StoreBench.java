package io.redraft.store;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The store's hot structures at a given size: Keyspace get/put, ZSetValue add (insert and
 * score update), rank lookup and insert+remove, HashValue get/put. Keys and members cycle
 * through a fixed set so every call hits the same-size structure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StoreBench {
    @Param({"1000", "100000"})
    public int size;

    private Key[] keys;
    private byte[][] members;
    private final Keyspace keyspace = new Keyspace();
    private final ZSetValue zset = new ZSetValue();
    private final HashValue hash = new HashValue();
    private final byte[] value = new byte[16];
    private int next;
    private double score;

    @Setup
    public void setup() {
        keys = new Key[size];
        members = new byte[size][];
        for (int i = 0; i < size; i++) {
            members[i] = ("member:" + i).getBytes(StandardCharsets.US_ASCII);
            keys[i] = new Key(("key:" + i).getBytes(StandardCharsets.US_ASCII));
            keyspace.put(keys[i], value, Entry.NO_EXPIRY);
            zset.insert(members[i], i);
            hash.put(members[i], value);
        }
        score = size;
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == size ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public Entry keyspaceGet() {
        return keyspace.get(keys[nextIndex()], 0);
    }

    @Benchmark
    public Keyspace keyspacePut() {
        keyspace.put(keys[nextIndex()], value, Entry.NO_EXPIRY);
        return keyspace;
    }

    /** ZADD of an existing member with a new score: find, then move it in the skip list. */
    @Benchmark
    public ZSetValue zsetAddUpdate() {
        ZSetValue.Node n = zset.find(members[nextIndex()]);
        score += 1;
        zset.updateScore(n, score);
        return zset;
    }

    /** ZADD of a new member followed by ZREM, so the size stays fixed. */
    @Benchmark
    public ZSetValue zsetInsertRemove() {
        byte[] m = members[nextIndex()];
        zset.remove(zset.find(m));
        zset.insert(m, score += 1);
        return zset;
    }

    /** ZRANK: find the member, then its rank. */
    @Benchmark
    public int zsetRank() {
        return zset.rankOf(zset.find(members[nextIndex()]));
    }

    @Benchmark
    public byte[] hashGet() {
        return hash.get(members[nextIndex()]);
    }

    @Benchmark
    public boolean hashPut() {
        return hash.put(members[nextIndex()], value);
    }
}
