package io.redraft.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of a key's hash, paid once per {@code new Key} (every command that names a key): the
 * seeded SipHash-1-3 that {@link Key} uses against the unseeded Arrays.hashCode it replaced, for a
 * 16-byte key.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyHashBench {
    private final byte[] key16 = "user:0000001234!".getBytes(StandardCharsets.US_ASCII);

    /** Construction as commands do it: allocation plus the seeded hash. */
    @Benchmark
    public Key newKey() {
        return new Key(key16);
    }

    @Benchmark
    public int seededSipHash13() {
        return Key.hash(key16);
    }

    /** The hash before seeding (for comparison only). */
    @Benchmark
    public int arraysHashCode() {
        return Arrays.hashCode(key16);
    }

    @Benchmark
    public long sipHash24() {
        return SipHash.hash24(1, 2, key16);
    }
}
