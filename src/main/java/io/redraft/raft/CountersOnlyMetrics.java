package io.redraft.raft;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.apache.ratis.metrics.LongCounter;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.MetricRegistryInfo;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.apache.ratis.metrics.Timekeeper;
import org.apache.ratis.util.TimeDuration;

/**
 * The Ratis metrics implementation Redraft runs with (registered as a service; Ratis needs one).
 * Redraft exports no Ratis metrics, and ratis-metrics-default's timers cost about 7 % of the
 * leader's CPU under write load (a Dropwizard exponentially decaying reservoir, a skip-list insert
 * per timed event, several per log entry). Counters still count; timers and gauges record nothing.
 * Ratis never reads a timer back. The one timer Redraft reads, the log worker's flush time (an
 * fsync: Ratis's SegmentedRaftLogMetrics.startFlushTimer), is passed to the listener registered
 * for that member's peer id by {@link #onLogFlush}.
 */
public final class CountersOnlyMetrics extends MetricRegistries {
    private static final Timekeeper.Context STOPPED = () -> 0L;
    private static final Timekeeper UNTIMED = () -> STOPPED;

    /** Ratis's SegmentedRaftLogMetrics names: its registry's component and its flush timer. */
    private static final String LOG_WORKER = "log_worker";
    private static final String FLUSH_TIME = "flushTime";
    private static final Map<String, LongConsumer> FLUSH_LISTENERS = new ConcurrentHashMap<>();

    private final Map<MetricRegistryInfo, Registry> registries = new ConcurrentHashMap<>();

    /** Log flushes of the member with this peer id are reported to {@code nanos}. */
    public static void onLogFlush(String peerId, LongConsumer nanos) {
        FLUSH_LISTENERS.put(peerId, nanos);
    }

    /** A timer that reports to the flush listener of the member named by the registry's prefix ("peer@group"). */
    private static Timekeeper flushTimer(MetricRegistryInfo info) {
        String prefix = info.getPrefix();
        int at = prefix == null ? -1 : prefix.indexOf('@');
        String peer = at < 0 ? String.valueOf(prefix) : prefix.substring(0, at);
        return () -> {
            long started = System.nanoTime();
            return () -> {
                long took = System.nanoTime() - started;
                LongConsumer listener = FLUSH_LISTENERS.get(peer);
                if (listener != null) {
                    listener.accept(took);
                }
                return took;
            };
        };
    }

    @Override
    public void clear() {
        registries.clear();
    }

    @Override
    public RatisMetricRegistry create(MetricRegistryInfo info) {
        return registries.computeIfAbsent(info, Registry::new);
    }

    @Override
    public boolean remove(MetricRegistryInfo info) {
        return registries.remove(info) != null;
    }

    @Override
    public Optional<RatisMetricRegistry> get(MetricRegistryInfo info) {
        return Optional.ofNullable(registries.get(info));
    }

    @Override
    public Set<MetricRegistryInfo> getMetricRegistryInfos() {
        return Set.copyOf(registries.keySet());
    }

    @Override
    public Collection<RatisMetricRegistry> getMetricRegistries() {
        return List.copyOf(registries.values());
    }

    @Override
    public void addReporterRegistration(Consumer<RatisMetricRegistry> onAdd, Consumer<RatisMetricRegistry> onRemove) {
        // no reporters: nothing is exported
    }

    @Override
    public void enableJmxReporter() {
        // no reporters: nothing is exported
    }

    @Override
    public void enableConsoleReporter(TimeDuration period) {
        // no reporters: nothing is exported
    }

    private static final class Registry implements RatisMetricRegistry {
        private final MetricRegistryInfo info;
        private final Map<String, Counter> counters = new ConcurrentHashMap<>();

        Registry(MetricRegistryInfo info) {
            this.info = info;
        }

        @Override
        public Timekeeper timer(String name) {
            if (FLUSH_TIME.equals(name) && LOG_WORKER.equals(info.getMetricsComponentName())) {
                return flushTimer(info);
            }
            return UNTIMED;
        }

        @Override
        public LongCounter counter(String name) {
            return counters.computeIfAbsent(name, n -> new Counter());
        }

        @Override
        public boolean remove(String name) {
            return counters.remove(name) != null;
        }

        @Override
        public <T> void gauge(String name, Supplier<Supplier<T>> gaugeSupplier) {
            // gauges are read by reporters only
        }

        @Override
        public MetricRegistryInfo getMetricRegistryInfo() {
            return info;
        }
    }

    private static final class Counter implements LongCounter {
        private final LongAdder count = new LongAdder();

        @Override
        public void inc(long n) {
            count.add(n);
        }

        @Override
        public void dec(long n) {
            count.add(-n);
        }

        @Override
        public long getCount() {
            return count.sum();
        }
    }
}
