package io.redraft.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.ratis.metrics.LongCounter;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.MetricRegistryInfo;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.junit.jupiter.api.Test;

class CountersOnlyMetricsTest {
    private static final MetricRegistryInfo INFO = new MetricRegistryInfo("n1@group", "ratis", "test", "a test registry");

    @Test
    void ratisLoadsItAsItsOnlyImplementation() {
        // ratis-metrics-default back on the classpath would make Ratis's choice order-dependent.
        assertInstanceOf(CountersOnlyMetrics.class, MetricRegistries.global());
    }

    @Test
    void countersCountAndRegistriesAreSharedPerInfo() {
        CountersOnlyMetrics metrics = new CountersOnlyMetrics();
        RatisMetricRegistry registry = metrics.create(INFO);
        assertSame(registry, metrics.create(INFO));
        assertSame(registry, metrics.get(INFO).orElseThrow());

        LongCounter counter = registry.counter("appends");
        counter.inc();
        counter.inc(4);
        counter.dec();
        assertEquals(4, registry.counter("appends").getCount());

        registry.timer("latency").time().stop(); // records nothing, must not fail
        registry.gauge("queue", () -> () -> 1);
        assertTrue(registry.remove("appends"));
        assertEquals(0, registry.counter("appends").getCount());

        assertTrue(metrics.remove(INFO));
        assertFalse(metrics.get(INFO).isPresent());
    }

    @Test
    void theLogWorkersFlushTimerReachesThatMembersListener() {
        CountersOnlyMetrics metrics = new CountersOnlyMetrics();
        java.util.List<Long> flushes = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountersOnlyMetrics.onLogFlush("flusher", flushes::add);
        RatisMetricRegistry worker = metrics.create(
                new MetricRegistryInfo("flusher@group-1", "ratis", "log_worker", "Metrics for Log Worker"));
        try (var timed = org.apache.ratis.metrics.Timekeeper.start(worker.timer("flushTime"))) {
            // the flush Ratis times
        }
        assertEquals(1, flushes.size());
        assertTrue(flushes.get(0) >= 0);
        worker.timer("syncTime").time().stop(); // other timers still record nothing
        metrics.create(new MetricRegistryInfo("other@group-1", "ratis", "log_worker", "x"))
                .timer("flushTime").time().stop(); // another member's flush: not this listener's
        assertEquals(1, flushes.size());
    }
}
