package io.redraft.pubsub;

import java.util.concurrent.TimeUnit;

/**
 * Redis's client-output-buffer-limit for pub/sub clients: a connection whose unsent output goes
 * above {@code hard} bytes, or stays above {@code soft} bytes for {@code softSeconds}, is dropped,
 * so a slow subscriber cannot make the node buffer without bound.
 */
public final class OutputLimit {
    /** Redis's default: {@code client-output-buffer-limit pubsub 32mb 8mb 60}. */
    public static OutputLimit redisDefault() {
        return new OutputLimit(32L << 20, 8L << 20, 60);
    }

    private final long hard;
    private final long soft;
    private final long softNanos;
    /** When the output first went above the soft limit, or -1 while below it. */
    private long softSince = -1;

    public OutputLimit(long hard, long soft, long softSeconds) {
        this.hard = hard;
        this.soft = soft;
        this.softNanos = TimeUnit.SECONDS.toNanos(softSeconds);
    }

    /** True when a connection with {@code pending} unsent bytes at {@code nowNanos} must be dropped. */
    public synchronized boolean exceeded(long pending, long nowNanos) {
        if (hard > 0 && pending > hard) {
            return true;
        }
        if (soft <= 0 || pending <= soft) {
            softSince = -1;
            return false;
        }
        if (softSince < 0) {
            softSince = nowNanos;
            return false;
        }
        return nowNanos - softSince > softNanos;
    }
}
