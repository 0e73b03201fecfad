package io.redraft.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StuckFollowerWatchTest {
    private final StuckFollowerWatch watch = new StuckFollowerWatch();
    private static final long STUCK = StuckFollowerWatch.STUCK_AFTER_MS;

    @Test
    void aLaggingFollowerThatAnswersButStandsStillIsStuck() {
        assertNull(watch.check(0, 100, Map.of("n2", 100L, "n3", 50L), Map.of("n2", 10L, "n3", 10L)));
        assertNull(watch.check(STUCK - 1, 200, Map.of("n2", 200L, "n3", 50L), Map.of("n2", 10L, "n3", 10L)));
        assertEquals("n3", watch.check(STUCK, 300, Map.of("n2", 300L, "n3", 50L), Map.of("n2", 10L, "n3", 10L)));
    }

    @Test
    void aFollowerThatDoesNotAnswerIsPartitionedNotStuck() {
        watch.check(0, 100, Map.of("n3", 50L), Map.of("n3", 10L));
        assertNull(watch.check(STUCK, 100, Map.of("n3", 50L), Map.of("n3", STUCK)));
    }

    @Test
    void progressOrBeingLevelRestartsTheClock() {
        watch.check(0, 100, Map.of("n3", 50L), Map.of("n3", 10L));
        assertNull(watch.check(STUCK - 1, 100, Map.of("n3", 60L), Map.of("n3", 10L))); // moved
        assertNull(watch.check(2 * STUCK - 2, 100, Map.of("n3", 60L), Map.of("n3", 10L)));
        assertEquals("n3", watch.check(2 * STUCK - 1, 100, Map.of("n3", 60L), Map.of("n3", 10L)));

        StuckFollowerWatch idle = new StuckFollowerWatch();
        idle.check(0, 100, Map.of("n3", 100L), Map.of("n3", 10L));
        assertNull(idle.check(10 * STUCK, 100, Map.of("n3", 100L), Map.of("n3", 10L))); // level
    }

    @Test
    void resetForgetsWhatWasSeen() {
        watch.check(0, 100, Map.of("n3", 50L), Map.of("n3", 10L));
        watch.reset();
        assertNull(watch.check(STUCK, 100, Map.of("n3", 50L), Map.of("n3", 10L)));
        assertEquals("n3", watch.check(2 * STUCK, 100, Map.of("n3", 50L), Map.of("n3", 10L)));
    }
}
