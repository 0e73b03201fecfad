package io.redraft.server;

import java.util.Arrays;

/**
 * Events per second of an ever-growing counter, averaged over its last 16 samples (taken every
 * 100 ms by the node), the way Redis computes instantaneous_ops_per_sec.
 */
final class RateMeter {
    private static final int SAMPLES = 16;

    private final long[] samples = new long[SAMPLES];
    private int next;
    private long lastTime;
    private long lastCount;

    synchronized void sample(long nowMillis, long count) {
        if (lastTime > 0 && nowMillis > lastTime) {
            samples[next] = (count - lastCount) * 1000 / (nowMillis - lastTime);
            next = (next + 1) % SAMPLES;
        }
        lastTime = nowMillis;
        lastCount = count;
    }

    /** Forgets every sample (CONFIG RESETSTAT). */
    synchronized void reset() {
        Arrays.fill(samples, 0);
        lastTime = 0;
        lastCount = 0;
    }

    synchronized long perSecond() {
        long sum = 0;
        for (long s : samples) {
            sum += s;
        }
        return sum / SAMPLES;
    }
}
