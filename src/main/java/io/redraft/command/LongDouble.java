package io.redraft.command;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Redis's {@code long double} arithmetic for HINCRBYFLOAT (and INCRBYFLOAT-style commands) on
 * x86-64, where {@code long double} is the x87 80-bit extended format: a 64-bit significand,
 * exponents down to 2^-16445 (subnormal) and below 2^16384. Emulated exactly with integers, so
 * results are byte-identical to Redis's and independent of the JVM and the hardware:
 *
 * <ul>
 *   <li>{@link #parse} is {@code string2ld}: glibc's correctly rounded {@code strtold} over the whole
 *       text (decimal or hex, "inf"/"infinity"), rejecting leading space, NaN, overflow and
 *       underflow to zero;
 *   <li>{@link #add} is one rounded addition (round to nearest, ties to even);
 *   <li>{@link #toHumanString} is {@code ld2string(..., LD_STR_HUMAN)}: {@code "%.17Lf"} (exact
 *       decimal expansion, ties to even) with trailing zeros trimmed and "-0" printed as "0".
 * </ul>
 *
 * A finite value is {@code mantissa * 2^exponent} with a signed mantissa (not necessarily
 * normalized); zero's sign is not kept (it never shows: "-0" prints as "0").
 */
final class LongDouble {
    /** Significand bits of the x87 extended format (explicit integer bit). */
    private static final int PRECISION = 64;
    /** Exponent of the lowest subnormal bit: 2^-16445. */
    private static final int MIN_QUANTUM = -16445;
    /** Values at or above 2^16384 overflow. */
    private static final int MAX_EXPONENT = 16383;
    /** Redis's MAX_LONG_DOUBLE_CHARS: longer texts are never floats. */
    private static final int MAX_CHARS = 5 * 1024;

    static final LongDouble ZERO = new LongDouble(BigInteger.ZERO, 0, 0);
    static final LongDouble POSITIVE_INFINITY = new LongDouble(BigInteger.ZERO, 0, 1);
    static final LongDouble NEGATIVE_INFINITY = new LongDouble(BigInteger.ZERO, 0, -1);

    private final BigInteger mantissa;
    private final int exponent;
    private final int infinity; // 0 finite, 1 +inf, -1 -inf

    private LongDouble(BigInteger mantissa, int exponent, int infinity) {
        this.mantissa = mantissa;
        this.exponent = exponent;
        this.infinity = infinity;
    }

    boolean isInfinite() {
        return infinity != 0;
    }

    // ---------------------------------------------------------------- rounding

    /** The exact value {@code m * 2^e} rounded to the extended format (may overflow to infinity or underflow to zero). */
    private static LongDouble round(BigInteger m, int e) {
        int sign = m.signum();
        if (sign == 0) {
            return ZERO;
        }
        BigInteger mag = m.abs();
        int bits = mag.bitLength();
        int shift = Math.max(bits - PRECISION, MIN_QUANTUM - e);
        if (shift > 0) {
            BigInteger q = mag.shiftRight(shift);
            boolean half = mag.testBit(shift - 1);
            boolean sticky = mag.getLowestSetBit() < shift - 1;
            if (half && (sticky || q.testBit(0))) {
                q = q.add(BigInteger.ONE);
            }
            mag = q;
            e += shift;
            if (mag.signum() == 0) {
                return ZERO;
            }
        }
        if ((long) e + mag.bitLength() - 1 > MAX_EXPONENT) {
            return sign > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
        }
        return new LongDouble(sign > 0 ? mag : mag.negate(), e, 0);
    }

    /** {@code num / den} (den > 0) rounded: a quotient with spare bits plus a sticky bit rounds exactly once. */
    private static LongDouble roundQuotient(BigInteger num, BigInteger den) {
        int sign = num.signum();
        if (sign == 0) {
            return ZERO;
        }
        BigInteger mag = num.abs();
        int k = PRECISION + 3 - (mag.bitLength() - den.bitLength()); // quotient gets at least 66 bits
        BigInteger scaledNum = k >= 0 ? mag.shiftLeft(k) : mag;
        BigInteger scaledDen = k >= 0 ? den : den.shiftLeft(-k);
        BigInteger[] qr = scaledNum.divideAndRemainder(scaledDen);
        BigInteger q = qr[0].shiftLeft(1);
        if (qr[1].signum() != 0) {
            q = q.setBit(0);
        }
        return round(sign > 0 ? q : q.negate(), -k - 1);
    }

    // ---------------------------------------------------------------- arithmetic

    static LongDouble of(long v) {
        return round(BigInteger.valueOf(v), 0);
    }

    /** This plus {@code o}, rounded once. */
    LongDouble add(LongDouble o) {
        if (infinity != 0 || o.infinity != 0) {
            if (infinity != 0 && o.infinity != 0 && infinity != o.infinity) {
                return null; // inf - inf is NaN
            }
            return infinity != 0 ? this : o;
        }
        if (mantissa.signum() == 0) {
            return o;
        }
        if (o.mantissa.signum() == 0) {
            return this;
        }
        int e = Math.min(exponent, o.exponent);
        BigInteger sum = mantissa.shiftLeft(exponent - e).add(o.mantissa.shiftLeft(o.exponent - e));
        return round(sum, e);
    }

    /** This times {@code factor} (positive), rounded once: Redis's {@code ftval * 1000.0} for timeouts. */
    LongDouble times(long factor) {
        if (infinity != 0) {
            return this;
        }
        return round(mantissa.multiply(BigInteger.valueOf(factor)), exponent);
    }

    /**
     * {@code (long long) ceill(this)} on x86-64: values outside the long range and infinities
     * convert to the "integer indefinite" value, {@code Long.MIN_VALUE}.
     */
    long ceilToLong() {
        if (infinity != 0) {
            return Long.MIN_VALUE;
        }
        BigInteger ceil;
        if (exponent >= 0) {
            ceil = mantissa.shiftLeft(exponent);
        } else {
            ceil = mantissa.shiftRight(-exponent); // floor
            if (!ceil.shiftLeft(-exponent).equals(mantissa)) {
                ceil = ceil.add(BigInteger.ONE);
            }
        }
        return ceil.bitLength() < 64 ? ceil.longValue() : Long.MIN_VALUE;
    }

    // ---------------------------------------------------------------- parsing

    /**
     * Redis's string2ld; null when the text is not a valid float (including NaN, overflow and a
     * nonzero value that underflows to zero). "inf"/"infinity" give an infinity.
     */
    static LongDouble parse(byte[] s) {
        int n = s.length;
        if (n == 0 || n >= MAX_CHARS) {
            return null;
        }
        int i = 0;
        boolean negative = false;
        if (s[0] == '+' || s[0] == '-') {
            negative = s[0] == '-';
            i = 1;
        }
        String rest = new String(s, i, n - i, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        if (rest.equals("inf") || rest.equals("infinity")) {
            return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
        }
        boolean hex = rest.length() > 2 && rest.charAt(0) == '0' && rest.charAt(1) == 'x'
                && (isDigit(rest.charAt(2), true)
                        || (rest.charAt(2) == '.' && rest.length() > 3 && isDigit(rest.charAt(3), true)));
        int j = hex ? 2 : 0;
        int intStart = j;
        while (j < rest.length() && isDigit(rest.charAt(j), hex)) {
            j++;
        }
        int intEnd = j;
        int fracStart = j;
        int fracEnd = j;
        if (j < rest.length() && rest.charAt(j) == '.') {
            j++;
            fracStart = j;
            while (j < rest.length() && isDigit(rest.charAt(j), hex)) {
                j++;
            }
            fracEnd = j;
        }
        if (intEnd == intStart && fracEnd == fracStart) {
            return null; // no digits
        }
        long exp = 0;
        if (j < rest.length() && rest.charAt(j) == (hex ? 'p' : 'e')) {
            int k = j + 1;
            boolean expNegative = false;
            if (k < rest.length() && (rest.charAt(k) == '+' || rest.charAt(k) == '-')) {
                expNegative = rest.charAt(k) == '-';
                k++;
            }
            int digitsStart = k;
            while (k < rest.length() && isDigit(rest.charAt(k), false)) {
                exp = Math.min(exp * 10 + (rest.charAt(k) - '0'), 1_000_000_000L); // saturates
                k++;
            }
            if (k == digitsStart) {
                return null; // strtold would stop before the exponent, leaving text unparsed
            }
            exp = expNegative ? -exp : exp;
            j = k;
        }
        if (j != rest.length()) {
            return null;
        }
        String digits = rest.substring(intStart, intEnd) + rest.substring(fracStart, fracEnd);
        BigInteger m = new BigInteger(digits, hex ? 16 : 10);
        if (m.signum() == 0) {
            return ZERO;
        }
        if (negative) {
            m = m.negate();
        }
        int fracDigits = fracEnd - fracStart;
        LongDouble v;
        if (hex) {
            long e = exp - 4L * fracDigits;
            long top = e + m.abs().bitLength() - 1;
            if (top > MAX_EXPONENT) {
                return null; // overflow: ERANGE with HUGE_VALL
            }
            if (top < MIN_QUANTUM - 2) {
                return null; // underflow to zero: ERANGE with 0
            }
            v = round(m, (int) e);
        } else {
            long scale = fracDigits - exp; // value = m / 10^scale
            long magnitude = m.abs().toString().length() - scale - 1; // floor(log10 |value|)
            if (magnitude > 4933) {
                return null; // above LDBL_MAX (~1.19e4932)
            }
            if (magnitude < -4953) {
                return null; // below half the smallest subnormal (~3.6e-4951): rounds to zero
            }
            v = scale <= 0 ? round(m.multiply(BigInteger.TEN.pow((int) -scale)), 0)
                    : roundQuotient(m, BigInteger.TEN.pow((int) scale));
        }
        return v.isInfinite() || v.mantissa.signum() == 0 ? null : v;
    }

    private static boolean isDigit(char c, boolean hex) {
        return (c >= '0' && c <= '9') || (hex && c >= 'a' && c <= 'f');
    }

    // ---------------------------------------------------------------- formatting

    private static final BigInteger TEN_POW_17 = BigInteger.TEN.pow(17);

    /** {@code ld2string(value, LD_STR_HUMAN)}: "%.17Lf", trailing zeros trimmed, "-0" as "0". */
    String toHumanString() {
        if (infinity != 0) {
            return infinity > 0 ? "inf" : "-inf";
        }
        int sign = mantissa.signum();
        if (sign == 0) {
            return "0";
        }
        BigInteger mag = mantissa.abs();
        String text;
        if (exponent >= 0) {
            text = mag.shiftLeft(exponent).toString();
        } else {
            int drop = -exponent;
            BigInteger scaled = mag.multiply(TEN_POW_17);
            BigInteger q = scaled.shiftRight(drop);
            boolean half = scaled.testBit(drop - 1);
            boolean sticky = scaled.getLowestSetBit() < drop - 1;
            if (half && (sticky || q.testBit(0))) {
                q = q.add(BigInteger.ONE);
            }
            String digits = q.toString();
            if (digits.length() < 18) {
                digits = "0".repeat(18 - digits.length()) + digits;
            }
            String whole = digits.substring(0, digits.length() - 17);
            String frac = digits.substring(digits.length() - 17);
            int end = frac.length();
            while (end > 0 && frac.charAt(end - 1) == '0') {
                end--;
            }
            text = end == 0 ? whole : whole + "." + frac.substring(0, end);
        }
        if (text.equals("0")) {
            return "0";
        }
        return sign < 0 ? "-" + text : text;
    }

    /** The exact value, for tests. */
    BigDecimal toBigDecimal() {
        if (infinity != 0) {
            throw new ArithmeticException("infinite");
        }
        return exponent >= 0 ? new BigDecimal(mantissa.shiftLeft(exponent))
                : new BigDecimal(mantissa).multiply(BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(-exponent)));
    }
}
