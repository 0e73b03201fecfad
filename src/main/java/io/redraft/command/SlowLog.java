package io.redraft.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * This node's SLOWLOG, as Redis 7's slowlog.c: commands that took at least
 * {@code slowlog-log-slower-than} microseconds (negative: none; 0: every command), newest first,
 * at most {@code slowlog-max-len} entries. Arguments are trimmed when logged, as Redis does, so
 * a huge command costs the log no more than 32 arguments of 128 bytes.
 */
public final class SlowLog {
    public static final long DEFAULT_SLOWER_THAN_MICROS = 10_000;
    public static final long DEFAULT_MAX_LEN = 128;
    static final int MAX_ARGC = 32;
    static final int MAX_STRING = 128;

    /** One logged command; {@code argv} already trimmed. */
    public record Entry(long id, long timeSeconds, long micros, byte[][] argv, String clientAddr, String clientName) {}

    private volatile long slowerThanMicros;
    private volatile long maxLen;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    public SlowLog(long slowerThanMicros, long maxLen) {
        this.slowerThanMicros = slowerThanMicros;
        this.maxLen = maxLen;
    }

    public long slowerThanMicros() {
        return slowerThanMicros;
    }

    public void setSlowerThanMicros(long micros) {
        this.slowerThanMicros = micros;
    }

    public long maxLen() {
        return maxLen;
    }

    /** As in Redis, a smaller length takes effect at the next logged command. */
    public void setMaxLen(long maxLen) {
        this.maxLen = maxLen;
    }

    /** Whether a command that ran this long is logged: the cheap test callers make first. */
    public boolean isSlow(long micros) {
        long threshold = slowerThanMicros;
        return threshold >= 0 && micros >= threshold;
    }

    /** Logs a finished command if it was slow (Redis's slowlogPushEntryIfNeeded). */
    public void record(byte[][] argv, long micros, long nowMillis, String clientAddr, String clientName) {
        if (!isSlow(micros)) {
            return;
        }
        byte[][] kept = trimmed(argv);
        synchronized (this) {
            entries.addFirst(new Entry(nextId++, nowMillis / 1000, micros, kept, clientAddr,
                    clientName == null ? "" : clientName));
            trim();
        }
    }

    private void trim() {
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    /** The newest {@code count} entries (all for a negative count), newest first. */
    public synchronized List<Entry> newest(long count) {
        List<Entry> out = new ArrayList<>();
        Iterator<Entry> it = entries.iterator();
        while (it.hasNext() && (count < 0 || out.size() < count)) {
            out.add(it.next());
        }
        return out;
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Empties the log; ids keep counting up, as in Redis. */
    public synchronized void reset() {
        entries.clear();
    }

    /**
     * Redis's slowlogCreateEntry: at most 32 arguments, the last of them replaced by
     * "... (N more arguments)" when some were dropped, and each argument cut to 128 bytes
     * followed by "... (N more bytes)".
     */
    static byte[][] trimmed(byte[][] argv) {
        int argc = Math.min(argv.length, MAX_ARGC);
        byte[][] out = new byte[argc][];
        for (int j = 0; j < argc; j++) {
            if (j == argc - 1 && argc != argv.length) {
                out[j] = ("... (" + (argv.length - argc + 1) + " more arguments)").getBytes(StandardCharsets.UTF_8);
            } else if (argv[j].length > MAX_STRING) {
                byte[] more = ("... (" + (argv[j].length - MAX_STRING) + " more bytes)").getBytes(StandardCharsets.UTF_8);
                byte[] cut = Arrays.copyOf(argv[j], MAX_STRING + more.length);
                System.arraycopy(more, 0, cut, MAX_STRING, more.length);
                out[j] = cut;
            } else {
                out[j] = argv[j];
            }
        }
        return out;
    }
}
