package io.redraft.resp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as Redis 7.2+ prints them in replies ({@code d2string} in util.c):
 * integral values within ±2^62 as plain integers, everything else through Redis's bundled
 * {@code fpconv_dtoa} (Florian Loitsch's Grisu2).
 *
 * <p>Grisu2 is re-implemented here rather than using {@link Double#toString}: it is not always
 * shortest (about one double in a thousand gets a longer or differently rounded digit string,
 * e.g. Redis prints 9317.81304 as {@code 9317.813039999999}), and JDK 17's {@code Double.toString}
 * is itself not always shortest, so neither library formatting would be byte-identical to Redis.
 * The output always parses back to the same double.
 *
 * <p>Unsigned 64-bit arithmetic below follows the C code: Java's wrapping {@code long} arithmetic
 * gives the same bits, and only comparisons, right shifts and divisions need unsigned forms.
 */
public final class DoubleFormat {

    private DoubleFormat() {}

    private static final long FRAC_MASK = 0x000FFFFFFFFFFFFFL;
    private static final long EXP_MASK = 0x7FF0000000000000L;
    private static final long HIDDEN_BIT = 0x0010000000000000L;
    private static final int EXP_BIAS = 1023 + 52;

    private static final int FIRST_POWER = -348;
    private static final int STEP_POWERS = 8;
    private static final int N_POWERS = 87;
    private static final int EXP_MIN = -60;
    private static final int EXP_MAX = -32;

    /** 10^k for k = -348, -340, ..., 340: 64-bit significands (top bit set), rounded to nearest. */
    static final long[] POW_FRAC = new long[N_POWERS];
    static final int[] POW_EXP = new int[N_POWERS];

    /** 10^19 down to 10^0; index 0 holds 10^19 which does not fit a signed long (unused here). */
    private static final long[] TENS = new long[20];

    static {
        // Computed instead of transcribed: fpconv's table is exactly these correctly rounded values.
        for (int i = 0; i < N_POWERS; i++) {
            int k = FIRST_POWER + i * STEP_POWERS;
            BigInteger num = k >= 0 ? BigInteger.TEN.pow(k) : BigInteger.ONE;
            BigInteger den = k >= 0 ? BigInteger.ONE : BigInteger.TEN.pow(-k);
            int e = num.bitLength() - den.bitLength() - 64;
            while (true) {
                BigInteger n = e >= 0 ? num : num.shiftLeft(-e);
                BigInteger d = e >= 0 ? den.shiftLeft(e) : den;
                BigInteger[] qr = n.divideAndRemainder(d);
                BigInteger q = qr[0];
                int cmp = qr[1].shiftLeft(1).compareTo(d);
                if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
                    q = q.add(BigInteger.ONE);
                }
                if (q.bitLength() > 64) {
                    e++;
                } else if (q.bitLength() < 64) {
                    e--;
                } else {
                    POW_FRAC[i] = q.longValue();
                    POW_EXP[i] = e;
                    break;
                }
            }
        }
        long t = 1;
        for (int i = 19; i >= 1; i--) {
            TENS[i] = t;
            t *= 10;
        }
        TENS[0] = t; // 10^19 wraps; never read since digit generation starts at index 10
    }

    /** Redis {@code d2string}. */
    public static String format(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1.0 / d < 0 ? "-0" : "0";
        }
        // double2ll: (double)(LLONG_MAX/2) is 2^62, and every double in range converts exactly.
        if (d >= -0x1p62 && d <= 0x1p62) {
            long l = (long) d;
            if (l == d) {
                return Long.toString(l);
            }
        }
        return dtoa(d);
    }

    /**
     * Redis INCRBYFLOAT-style "human friendly" text ({@code ld2string} with {@code LD_STR_HUMAN}):
     * plain decimal notation, at most 17 fractional digits, trailing zeros trimmed, "-0" as "0".
     * Redis computes in long double; from a double we start from its Grisu2 digits so that values
     * the user typed (0.1) print back unchanged instead of exposing binary noise.
     */
    static String formatHuman(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return "0";
        }
        byte[] digits = new byte[18];
        int[] k = new int[1];
        int n = grisu2(d, digits, k);
        BigDecimal v = new BigDecimal(new BigInteger(new String(digits, 0, n, java.nio.charset.StandardCharsets.US_ASCII)), -k[0]);
        if (v.scale() > 17) {
            v = v.setScale(17, RoundingMode.HALF_EVEN);
        }
        if (v.signum() == 0) {
            return "0";
        }
        String s = v.stripTrailingZeros().toPlainString();
        return d < 0 ? "-" + s : s;
    }

    /** {@code fpconv_dtoa} for finite, non-zero {@code d}. */
    static String dtoa(double d) {
        byte[] digits = new byte[18];
        int[] k = new int[1];
        int n = grisu2(d, digits, k);
        boolean neg = d < 0;
        StringBuilder sb = new StringBuilder(24);
        if (neg) {
            sb.append('-');
        }
        emitDigits(digits, n, sb, k[0], neg);
        return sb.toString();
    }

    private static void emitDigits(byte[] digits, int ndigits, StringBuilder dest, int k, boolean neg) {
        int exp = Math.abs(k + ndigits - 1);

        // plain integer
        if (k >= 0 && exp < ndigits + 7) {
            appendDigits(dest, digits, 0, ndigits);
            for (int i = 0; i < k; i++) {
                dest.append('0');
            }
            return;
        }

        // decimal without exponent
        if (k < 0 && (k > -7 || exp < 4)) {
            int offset = ndigits - Math.abs(k);
            if (offset <= 0) {
                dest.append("0.");
                for (int i = 0; i < -offset; i++) {
                    dest.append('0');
                }
                appendDigits(dest, digits, 0, ndigits);
            } else {
                appendDigits(dest, digits, 0, offset);
                dest.append('.');
                appendDigits(dest, digits, offset, ndigits);
            }
            return;
        }

        // scientific: exponent without zero padding ("1.5e-7", "1e+20"), unlike printf
        ndigits = Math.min(ndigits, 18 - (neg ? 1 : 0));
        dest.append((char) digits[0]);
        if (ndigits > 1) {
            dest.append('.');
            appendDigits(dest, digits, 1, ndigits);
        }
        dest.append('e').append(k + ndigits - 1 < 0 ? '-' : '+').append(exp);
    }

    private static void appendDigits(StringBuilder sb, byte[] digits, int from, int to) {
        for (int i = from; i < to; i++) {
            sb.append((char) digits[i]);
        }
    }

    /** Writes the digits of |d| and returns their count; {@code kOut[0]} gets K, |d| ≈ digits·10^K. */
    static int grisu2(double d, byte[] digits, int[] kOut) {
        long bits = Double.doubleToRawLongBits(d);
        long wFrac = bits & FRAC_MASK;
        int wExp = (int) ((bits & EXP_MASK) >>> 52);
        if (wExp != 0) {
            wFrac += HIDDEN_BIT;
            wExp -= EXP_BIAS;
        } else {
            wExp = -EXP_BIAS + 1;
        }

        // normalized boundaries m+ and m-, sharing upper's exponent
        long upperFrac = (wFrac << 1) + 1;
        int upperExp = wExp - 1;
        while ((upperFrac & (HIDDEN_BIT << 1)) == 0) {
            upperFrac <<= 1;
            upperExp--;
        }
        upperFrac <<= 64 - 52 - 2;
        upperExp -= 64 - 52 - 2;
        int lShift = wFrac == HIDDEN_BIT ? 2 : 1;
        long lowerFrac = (wFrac << lShift) - 1;
        int lowerExp = wExp - lShift;
        lowerFrac <<= lowerExp - upperExp;

        // normalize w
        while ((wFrac & HIDDEN_BIT) == 0) {
            wFrac <<= 1;
            wExp--;
        }
        wFrac <<= 64 - 52 - 1;
        wExp -= 64 - 52 - 1;

        // cached power c_k such that the products' exponents fall in [EXP_MIN, EXP_MAX]
        int approx = (int) (-(upperExp + N_POWERS) * 0.30102999566398114);
        int idx = (approx - FIRST_POWER) / STEP_POWERS;
        while (true) {
            int current = upperExp + POW_EXP[idx] + 64;
            if (current < EXP_MIN) {
                idx++;
            } else if (current > EXP_MAX) {
                idx--;
            } else {
                break;
            }
        }
        long cFrac = POW_FRAC[idx];
        int cExp = POW_EXP[idx];
        kOut[0] = -(FIRST_POWER + idx * STEP_POWERS);

        wFrac = multiply(wFrac, cFrac);
        upperFrac = multiply(upperFrac, cFrac) - 1;
        lowerFrac = multiply(lowerFrac, cFrac) + 1;
        int oneExp = upperExp + cExp + 64; // all three products share this exponent

        return generateDigits(wFrac, upperFrac, lowerFrac, -oneExp, digits, kOut);
    }

    /** fpconv's 64x64 multiply keeping the high 64 bits, rounding on the dropped half. */
    private static long multiply(long a, long b) {
        long lomask = 0xFFFFFFFFL;
        long ahBl = (a >>> 32) * (b & lomask);
        long alBh = (a & lomask) * (b >>> 32);
        long alBl = (a & lomask) * (b & lomask);
        long ahBh = (a >>> 32) * (b >>> 32);
        long tmp = (ahBl & lomask) + (alBh & lomask) + (alBl >>> 32);
        tmp += 1L << 31;
        return ahBh + (ahBl >>> 32) + (alBh >>> 32) + (tmp >>> 32);
    }

    private static int generateDigits(long w, long upper, long lower, int shift, byte[] digits, int[] kOut) {
        long wfrac = upper - w;
        long delta = upper - lower;
        long one = 1L << shift;
        long part1 = upper >>> shift; // < 2^32 since shift >= 32, so signed division is safe
        long part2 = upper & (one - 1);

        int idx = 0;
        int kappa = 10;
        for (int divp = 10; kappa > 0; divp++) {
            long div = TENS[divp];
            long digit = part1 / div;
            if (digit != 0 || idx != 0) {
                digits[idx++] = (byte) ('0' + digit);
            }
            part1 -= digit * div;
            kappa--;
            long tmp = (part1 << shift) + part2;
            if (Long.compareUnsigned(tmp, delta) <= 0) {
                kOut[0] += kappa;
                roundDigit(digits, idx, delta, tmp, div << shift, wfrac);
                return idx;
            }
        }

        int unit = 18;
        while (true) {
            part2 *= 10;
            delta *= 10;
            kappa--;
            long digit = part2 >>> shift;
            if (digit != 0 || idx != 0) {
                digits[idx++] = (byte) ('0' + digit);
            }
            part2 &= one - 1;
            if (Long.compareUnsigned(part2, delta) < 0) {
                kOut[0] += kappa;
                roundDigit(digits, idx, delta, part2, one, wfrac * TENS[unit]);
                return idx;
            }
            unit--;
        }
    }

    private static void roundDigit(byte[] digits, int ndigits, long delta, long rem, long kappa, long frac) {
        while (Long.compareUnsigned(rem, frac) < 0
                && Long.compareUnsigned(delta - rem, kappa) >= 0
                && (Long.compareUnsigned(rem + kappa, frac) < 0
                        || Long.compareUnsigned(frac - rem, rem + kappa - frac) > 0)) {
            digits[ndigits - 1]--;
            rem += kappa;
        }
    }
}
