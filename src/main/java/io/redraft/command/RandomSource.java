package io.redraft.command;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Where reads with random output (RANDOMKEY, SRANDMEMBER, HRANDFIELD, ZRANDMEMBER) draw from:
 * a thread-local generator, except while a logged script runs on this thread, which substitutes
 * one that records the draw (see {@link ScriptCalls}): such a script may not write afterwards.
 */
final class RandomSource {
    private static final ThreadLocal<RandomGenerator> SCRIPT = new ThreadLocal<>();

    private RandomSource() {
    }

    static RandomGenerator current() {
        RandomGenerator r = SCRIPT.get();
        return r != null ? r : ThreadLocalRandom.current();
    }

    /** Runs {@code body} with {@code random} as this thread's source. */
    static <T> T with(RandomGenerator random, Supplier<T> body) {
        SCRIPT.set(random);
        try {
            return body.get();
        } finally {
            SCRIPT.remove();
        }
    }
}
