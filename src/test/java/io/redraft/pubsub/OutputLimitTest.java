package io.redraft.pubsub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutputLimitTest {
    static final long S = TimeUnit.SECONDS.toNanos(1);

    @Test
    void hardLimitDropsAtOnce() {
        OutputLimit limit = OutputLimit.redisDefault();
        assertFalse(limit.exceeded(32L << 20, 0));
        assertTrue(limit.exceeded((32L << 20) + 1, 0));
    }

    @Test
    void softLimitDropsOnlyAfterStayingAboveForItsTime() {
        OutputLimit limit = new OutputLimit(1000, 100, 60);
        assertFalse(limit.exceeded(150, 0));
        assertFalse(limit.exceeded(150, 60 * S));
        assertTrue(limit.exceeded(150, 60 * S + 1));
    }

    @Test
    void goingBelowTheSoftLimitRestartsItsClock() {
        OutputLimit limit = new OutputLimit(1000, 100, 60);
        assertFalse(limit.exceeded(150, 0));
        assertFalse(limit.exceeded(50, 30 * S));
        assertFalse(limit.exceeded(150, 40 * S));
        assertFalse(limit.exceeded(150, 90 * S));
        assertTrue(limit.exceeded(150, 101 * S));
    }
}
