package io.redraft.jepsen;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One operation on a single key, as issued by a test client: a function name ({@link #f()}) and an
 * optional argument. Values given to the factories are normalized (byte arrays and other objects to
 * {@code String}, deltas to {@code Long}) so that a history recorded with Jedis compares equal to
 * one written by hand.
 */
public final class Op {
    public static final String READ = "read";
    public static final String WRITE = "write";
    public static final String INCR = "incr";
    public static final String APPEND = "append";

    private final String key;
    private final String f;
    private final Object arg;

    public Op(String key, String f, Object arg) {
        this.key = Objects.requireNonNull(key, "key");
        this.f = Objects.requireNonNull(f, "f");
        this.arg = arg;
    }

    /** SET key value — register write. */
    public static Op write(String key, Object value) {
        return new Op(key, WRITE, str(value));
    }

    /** GET / LRANGE 0 -1 — a read of the whole value of {@code key}. */
    public static Op read(String key) {
        return new Op(key, READ, null);
    }

    /** INCR key. */
    public static Op incr(String key) {
        return incrBy(key, 1);
    }

    /** INCRBY key delta. */
    public static Op incrBy(String key, long delta) {
        return new Op(key, INCR, delta);
    }

    /** RPUSH key value. */
    public static Op append(String key, Object value) {
        return new Op(key, APPEND, str(value));
    }

    public String key() {
        return key;
    }

    public String f() {
        return f;
    }

    public Object arg() {
        return arg;
    }

    public boolean is(String function) {
        return f.equals(function);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Op)) {
            return false;
        }
        Op other = (Op) o;
        return key.equals(other.key) && f.equals(other.f) && Objects.equals(arg, other.arg);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, f, arg);
    }

    @Override
    public String toString() {
        if (arg == null) {
            return f;
        }
        if (INCR.equals(f) && Long.valueOf(1).equals(arg)) {
            return f;
        }
        return f + "(" + render(arg) + ")";
    }

    // ---- value normalization shared by the models ----

    /** null stays null; byte[] is decoded as UTF-8; anything else uses toString(). */
    static String str(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof String) {
            return (String) o;
        }
        if (o instanceof byte[]) {
            return new String((byte[]) o, StandardCharsets.UTF_8);
        }
        return o.toString();
    }

    /** A number reply (Long, Integer, "42", byte[]); null maps to null. Throws if not a number. */
    static Long toLong(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Number) {
            return ((Number) o).longValue();
        }
        String s = str(o).trim();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Human-readable rendering of an argument or result for reports. */
    static String render(Object o) {
        if (o == null) {
            return "nil";
        }
        if (o instanceof String || o instanceof byte[]) {
            return "\"" + str(o) + "\"";
        }
        if (o instanceof List) {
            List<?> l = (List<?>) o;
            StringBuilder sb = new StringBuilder("[");
            int n = l.size();
            int from = n > 12 ? n - 10 : 0;
            if (from > 0) {
                sb.append("... ").append(from).append(" more, ");
            }
            for (int i = from; i < n; i++) {
                if (i > from) {
                    sb.append(", ");
                }
                sb.append(str(l.get(i)));
            }
            return sb.append("]").toString();
        }
        return String.valueOf(o);
    }
}
