package io.redraft.command;

import io.redraft.resp.Reply;
import java.nio.charset.StandardCharsets;

/** Argument parsing and the shared error replies, with Redis 7's exact texts. */
final class Args {
    static final Reply SYNTAX_ERROR = Reply.error("ERR syntax error");
    static final Reply WRONG_TYPE = Reply.error("WRONGTYPE Operation against a key holding the wrong kind of value");
    static final Reply NOT_INTEGER = Reply.error("ERR value is not an integer or out of range");

    /** Redis's LONG_STR_SIZE: strings this long or longer are never integers. */
    private static final int LONG_STR_SIZE = 21;

    private Args() {
    }

    /** Case-insensitive ASCII comparison with a literal, as strcasecmp. */
    static boolean is(byte[] arg, String literal) {
        if (arg.length != literal.length()) {
            return false;
        }
        for (int i = 0; i < arg.length; i++) {
            int a = arg[i] & 0xff;
            int b = literal.charAt(i);
            if (a != b && lower(a) != lower(b)) {
                return false;
            }
        }
        return true;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    static boolean isInteger(byte[] s) {
        return parseLong(s, null);
    }

    /**
     * Redis's string2ll: optional '-', no leading zeros, no spaces or '+', within 64 bits.
     * Returns the value via {@code out[0]}; false when the text is not such an integer.
     */
    static boolean parseLong(byte[] s, long[] out) {
        int len = s.length;
        if (len == 0 || len >= LONG_STR_SIZE) {
            return false;
        }
        if (len == 1 && s[0] == '0') {
            if (out != null) {
                out[0] = 0;
            }
            return true;
        }
        int i = 0;
        boolean negative = false;
        if (s[0] == '-') {
            negative = true;
            i = 1;
            if (len == 1) {
                return false;
            }
        }
        if (s[i] < '1' || s[i] > '9') {
            return false;
        }
        // accumulate negatively so that Long.MIN_VALUE is representable
        long v = 0;
        for (; i < len; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (v < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                return false;
            }
            v = -v;
        }
        if (out != null) {
            out[0] = v;
        }
        return true;
    }

    /** Parses an integer argument; null when it is not one. */
    static Long toLong(byte[] s) {
        long[] out = new long[1];
        return parseLong(s, out) ? out[0] : null;
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /** At most {@code max} leading bytes of an argument as text, as C's "%.128s". */
    static String truncated(byte[] arg, int max) {
        return new String(arg, 0, Math.min(arg.length, max), StandardCharsets.UTF_8);
    }
}
