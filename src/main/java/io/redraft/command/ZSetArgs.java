package io.redraft.command;

import io.redraft.store.ZSetValue.LexBound;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Number and range parsing for the sorted-set commands, reproducing what Redis accepts through
 * C's {@code strtod}/{@code strtoul} (glibc, C locale): hex floats, "inf"/"infinity", a bare "("
 * as exclusive 0 in score ranges, and so on.
 */
final class ZSetArgs {

    private ZSetArgs() {
    }

    /** A score interval as ZRANGEBYSCORE takes it. */
    record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {
        /** zslIsInRange's test for ranges that can never match. */
        boolean isEmpty() {
            return min > max || (min == max && (minExclusive || maxExclusive));
        }
    }

    /** Result of {@link #strtod}: the value, where parsing stopped, and C's errno == ERANGE. */
    private static final class Parsed {
        double value;
        int end;
        boolean rangeError;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean matchesIgnoreCase(byte[] s, int at, String word) {
        if (at + word.length() > s.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            int c = s[at + i] & 0xff;
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** C's strtod from {@code from}: skips leading spaces; {@code end == from} when nothing converts. */
    private static Parsed strtod(byte[] s, int from) {
        Parsed p = new Parsed();
        p.end = from;
        int i = from;
        while (i < s.length && isSpace(s[i])) {
            i++;
        }
        boolean negative = false;
        if (i < s.length && (s[i] == '+' || s[i] == '-')) {
            negative = s[i] == '-';
            i++;
        }
        if (matchesIgnoreCase(s, i, "inf")) {
            i += 3;
            if (matchesIgnoreCase(s, i, "inity")) {
                i += 5;
            }
            p.value = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            p.end = i;
            return p;
        }
        if (matchesIgnoreCase(s, i, "nan")) {
            i += 3;
            if (i < s.length && s[i] == '(') {
                int j = i + 1;
                while (j < s.length && (isDigit(s[j]) || ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z')
                        || s[j] == '_')) {
                    j++;
                }
                if (j < s.length && s[j] == ')') {
                    i = j + 1;
                }
            }
            p.value = Double.NaN;
            p.end = i;
            return p;
        }
        StringBuilder text = new StringBuilder(s.length - from + 4);
        if (negative) {
            text.append('-');
        }
        boolean nonZeroDigit = false;
        if (i + 1 < s.length && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')
                && ((i + 2 < s.length && isHex(s[i + 2]))
                        || (i + 3 < s.length && s[i + 2] == '.' && isHex(s[i + 3])))) {
            int j = i + 2;
            text.append("0x");
            while (j < s.length && isHex(s[j])) {
                nonZeroDigit |= s[j] != '0';
                text.append((char) s[j++]);
            }
            if (j < s.length && s[j] == '.') {
                text.append('.');
                j++;
                while (j < s.length && isHex(s[j])) {
                    nonZeroDigit |= s[j] != '0';
                    text.append((char) s[j++]);
                }
            }
            int exp = exponent(s, j, 'p', text);
            if (exp == j) {
                text.append("p0");
            }
            j = exp;
            p.end = j;
        } else {
            int j = i;
            int digits = 0;
            while (j < s.length && isDigit(s[j])) {
                nonZeroDigit |= s[j] != '0';
                text.append((char) s[j++]);
                digits++;
            }
            if (j < s.length && s[j] == '.') {
                int k = j + 1;
                StringBuilder frac = new StringBuilder();
                while (k < s.length && isDigit(s[k])) {
                    nonZeroDigit |= s[k] != '0';
                    frac.append((char) s[k++]);
                    digits++;
                }
                if (digits == 0) {
                    return p; // "." or "-." converts nothing
                }
                text.append('.').append(frac);
                j = k;
            }
            if (digits == 0) {
                return p;
            }
            j = exponent(s, j, 'e', text);
            p.end = j;
        }
        double v = Double.parseDouble(text.toString());
        p.value = v;
        p.rangeError = Double.isInfinite(v) || (v == 0 && nonZeroDigit)
                || (v != 0 && Math.abs(v) < Double.MIN_NORMAL);
        return p;
    }

    /** Appends an exponent ({@code e}/{@code p}, optional sign, digits) if one is there; returns the new position. */
    private static int exponent(byte[] s, int j, char letter, StringBuilder text) {
        if (j < s.length && (s[j] | 0x20) == letter) {
            int k = j + 1;
            boolean neg = false;
            if (k < s.length && (s[k] == '+' || s[k] == '-')) {
                neg = s[k] == '-';
                k++;
            }
            if (k < s.length && isDigit(s[k])) {
                int start = k;
                while (k < s.length && isDigit(s[k])) {
                    k++;
                }
                text.append(letter).append(neg ? "-" : "")
                        .append(new String(s, start, k - start, StandardCharsets.US_ASCII));
                return k;
            }
        }
        return j;
    }

    /**
     * Redis's string2d (getDoubleFromObject): the whole argument must be a number, no leading
     * space, no overflow or underflow to zero, not NaN. Null when invalid.
     */
    static Double toDouble(byte[] s) {
        if (s.length == 0 || isSpace(s[0])) {
            return null;
        }
        Parsed p = strtod(s, 0);
        if (p.end != s.length || Double.isNaN(p.value)) {
            return null;
        }
        if (p.rangeError && (Double.isInfinite(p.value) || p.value == 0)) {
            return null;
        }
        return p.value;
    }

    /** One end of a score range (zslParseRange); null when invalid. Result: {value, exclusive ? 1 : 0}. */
    private static double[] scoreItem(byte[] s) {
        boolean exclusive = s.length > 0 && s[0] == '(';
        Parsed p = strtod(s, exclusive ? 1 : 0);
        if ((p.end < s.length && s[p.end] != 0) || Double.isNaN(p.value)) {
            return null;
        }
        return new double[] {p.value, exclusive ? 1 : 0};
    }

    /** zslParseRange; null means "ERR min or max is not a float". */
    static ScoreRange scoreRange(byte[] min, byte[] max) {
        double[] lo = scoreItem(min);
        double[] hi = scoreItem(max);
        if (lo == null || hi == null) {
            return null;
        }
        return new ScoreRange(lo[0], lo[1] != 0, hi[0], hi[1] != 0);
    }

    /** zslParseLexRangeItem; null means "ERR min or max not valid string range item". */
    static LexBound lexBound(byte[] s) {
        if (s.length == 0) {
            return null;
        }
        switch (s[0]) {
            case '+':
                return s.length == 1 || s[1] == 0 ? LexBound.MAX : null;
            case '-':
                return s.length == 1 || s[1] == 0 ? LexBound.MIN : null;
            case '(':
                return new LexBound(0, Arrays.copyOfRange(s, 1, s.length), true);
            case '[':
                return new LexBound(0, Arrays.copyOfRange(s, 1, s.length), false);
            default:
                return null;
        }
    }
}
