package io.redraft.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * This node's LATENCY monitor, as Redis 7's latency.c: events that took at least
 * {@code latency-monitor-threshold} milliseconds (0: monitoring off) are kept per event name as
 * the last 160 per-second samples (the highest of each second) plus the all-time maximum.
 * Events here: "command" and "fast-command" (a client command, by its FAST flag, as in Redis),
 * "raft-commit" (a log entry from submit to its applied reply), "fsync" (a Raft log flush) and
 * "snapshot-take"/"snapshot-install".
 */
public final class LatencyMonitor {
    static final int SAMPLES = 160;

    /** One second's highest latency. */
    public record Sample(long timeSeconds, long millis) {}

    private static final class Series {
        final long[] times = new long[SAMPLES];
        final long[] millis = new long[SAMPLES];
        int idx;
        long max;
    }

    private volatile long thresholdMillis;
    private final Map<String, Series> events = new TreeMap<>();

    public LatencyMonitor(long thresholdMillis) {
        this.thresholdMillis = thresholdMillis;
    }

    public long thresholdMillis() {
        return thresholdMillis;
    }

    public void setThresholdMillis(long millis) {
        this.thresholdMillis = millis;
    }

    /** Records {@code millis} under {@code event} if monitoring is on and it reaches the threshold. */
    public void record(String event, long millis, long nowMillis) {
        long threshold = thresholdMillis;
        if (threshold <= 0 || millis < threshold) {
            return;
        }
        long now = nowMillis / 1000;
        synchronized (this) {
            Series s = events.computeIfAbsent(event, e -> new Series());
            s.max = Math.max(s.max, millis);
            int prev = (s.idx + SAMPLES - 1) % SAMPLES;
            if (s.times[prev] == now) {
                s.millis[prev] = Math.max(s.millis[prev], millis);
                return;
            }
            s.times[s.idx] = now;
            s.millis[s.idx] = millis;
            s.idx = (s.idx + 1) % SAMPLES;
        }
    }

    /** LATENCY LATEST's row: event, time of the latest sample, its latency, the maximum. */
    public record Latest(String event, long timeSeconds, long millis, long maxMillis) {}

    public synchronized List<Latest> latest() {
        List<Latest> out = new ArrayList<>();
        events.forEach((name, s) -> {
            int last = (s.idx + SAMPLES - 1) % SAMPLES;
            out.add(new Latest(name, s.times[last], s.millis[last], s.max));
        });
        return out;
    }

    /** The event's samples, oldest first; empty for an unknown event. */
    public synchronized List<Sample> history(String event) {
        Series s = events.get(event);
        List<Sample> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (int j = 0; j < SAMPLES; j++) {
            int i = (s.idx + j) % SAMPLES;
            if (s.times[i] != 0) {
                out.add(new Sample(s.times[i], s.millis[i]));
            }
        }
        return out;
    }

    /** Forgets the given events (all when none are given); returns how many existed. */
    public synchronized int reset(List<String> names) {
        if (names.isEmpty()) {
            int n = events.size();
            events.clear();
            return n;
        }
        int n = 0;
        for (String name : names) {
            if (events.remove(name) != null) {
                n++;
            }
        }
        return n;
    }
}
