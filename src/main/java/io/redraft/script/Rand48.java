package io.redraft.script;

/**
 * Redis's rand.c (a drand48 work-alike), which backs {@code math.random} in scripts. Redis
 * reseeds it with 0 before every script, so scripts draw the same numbers everywhere.
 */
final class Rand48 {
    static final int MAX = Integer.MAX_VALUE;
    private static final long A = 0x5DEECE66DL;
    private static final long C = 0xB;
    private static final long MASK = (1L << 48) - 1;

    private long x;

    Rand48(int seed) {
        x = ((long) seed << 16) | 0x330EL;
        x &= MASK;
    }

    /** redisLrand48: the high 31 bits of the next state. */
    int next() {
        x = (A * x + C) & MASK;
        return (int) (x >>> 17);
    }
}
