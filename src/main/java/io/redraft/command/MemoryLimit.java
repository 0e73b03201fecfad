package io.redraft.command;

import io.redraft.resp.Reply;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * This node's maxmemory and maxmemory-policy (settable at run time by CONFIG SET, so local to
 * the node as in Redis) and its view of used memory: the store's per-key size estimates.
 */
public final class MemoryLimit {
    public static final Reply OOM = Reply.error("OOM command not allowed when used memory > 'maxmemory'.");

    private final LongSupplier usedBytes;
    private volatile long maxBytes;
    private volatile EvictionPolicy policy;

    public MemoryLimit(long maxBytes, EvictionPolicy policy, LongSupplier usedBytes) {
        this.maxBytes = maxBytes;
        this.policy = policy;
        this.usedBytes = usedBytes;
    }

    /** 0 means no limit. */
    public long maxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public EvictionPolicy policy() {
        return policy;
    }

    public void setPolicy(EvictionPolicy policy) {
        this.policy = policy;
    }

    public long usedBytes() {
        return usedBytes.getAsLong();
    }

    public boolean overLimit() {
        long max = maxBytes;
        return max > 0 && usedBytes() > max;
    }

    /** Bytes to free to get back under the limit with a little headroom (1%), or 0. */
    public long bytesToFree() {
        long max = maxBytes;
        long used = usedBytes();
        if (max <= 0 || used <= max) {
            return 0;
        }
        return used - (max - max / 100);
    }

    /**
     * Redis's memtoull: a non-negative integer with an optional unit b, k, kb, m, mb, g, gb
     * (case-insensitive; k/m/g are powers of 1000, kb/mb/gb of 1024). Null when malformed.
     */
    public static Long parseBytes(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long mul = 1;
        String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"k", "1000"},
                {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}};
        for (String[] u : units) {
            if (s.endsWith(u[0])) {
                mul = Long.parseLong(u[1]);
                s = s.substring(0, s.length() - u[0].length());
                break;
            }
        }
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            return Math.multiplyExact(Long.parseLong(s), mul);
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** Redis's bytesToHuman: 1.50K, 12.00M, 0B. */
    public static String human(long n) {
        String[] units = {"K", "M", "G", "T", "P"};
        if (n < 1024) {
            return n + "B";
        }
        double d = n;
        int i = -1;
        while (d >= 1024 && i < units.length - 1) {
            d /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.2f%s", d, units[i]);
    }
}
