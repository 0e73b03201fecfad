package io.redraft.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateMeterTest {
    @Test
    void averagesTheLastSixteenSamples() {
        RateMeter meter = new RateMeter();
        meter.sample(1_000, 0);
        assertEquals(0, meter.perSecond()); // one sample is no interval yet
        long count = 0;
        for (int i = 1; i <= 16; i++) {
            count += 50; // 50 events per 100 ms
            meter.sample(1_000 + i * 100, count);
        }
        assertEquals(500, meter.perSecond());
        for (int i = 17; i <= 24; i++) { // half the window idle
            meter.sample(1_000 + i * 100, count);
        }
        assertEquals(250, meter.perSecond());
    }
}
