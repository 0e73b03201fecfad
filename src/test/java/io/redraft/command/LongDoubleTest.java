package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Expected texts come from glibc on x86-64 (strtold, one long double addition, "%.17Lf"), the
 * same operations Redis 7's HINCRBYFLOAT performs.
 */
class LongDoubleTest {

    static LongDouble parse(String s) {
        return LongDouble.parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String sum(String a, String b) {
        LongDouble x = parse(a);
        LongDouble y = parse(b);
        if (x == null || y == null) {
            return "INVALID";
        }
        LongDouble v = x.add(y);
        return v == null || v.isInfinite() ? "NAN_OR_INF" : v.toHumanString();
    }

    @Test
    void matchesGlibcLongDouble() {
        assertEquals("0.3", sum("0.1", "0.2"));
        assertEquals("10.6", sum("10.50", "0.1"));
        assertEquals("5200", sum("5.0e3", "2.0e2"));
        assertEquals("2.2", sum("1.1", "1.1"));
        assertEquals("17179869185.5", sum("17179869184", "1.5"));
        assertEquals("0", sum("3.0", "-3"));
        assertEquals("0", sum("0.1", "-0.1"));
        assertEquals("0", sum("0", "-1e-30"), "-0.000... prints as 0");
        // ties at the 17th decimal round to even, as glibc's printf does
        assertEquals("0.00000381469726562", sum("0", "0.000003814697265625"));
        assertEquals("0.00001144409179688", sum("0", "0.000011444091796875"));
        // 64-bit significand: 2^64 + 1 rounds (to even) back to 2^64
        assertEquals("18446744073709551616", sum("18446744073709551616", "1"));
        assertEquals("100000000000000000000", sum("100000000000000000000", "1"));
        // the extended exponent range holds what a double cannot
        assertEquals("10000000000000000000281880683947586514586453433629052038625910693539685534008629862039363994848324",
                sum("0", "1e400").substring(0, 98));
        assertEquals(401, sum("0", "1e400").length());
        assertEquals("NAN_OR_INF", sum("1e4932", "1e4932"));
        assertEquals("1.125", sum("0x1p-3", "1"));
        assertEquals("0", sum("0", "1e-4950"), "subnormal, nonzero");
        assertEquals("0", sum("0", "0x1.8p-16446"), "rounds up to the smallest subnormal");
    }

    @Test
    void parseFollowsString2ld() {
        for (String bad : new String[] {"", " 1", "1 ", "abc", "1e", "1e+", ".", "0x", "0x.", "1.2.3", "nan", "-nan",
                "NaN", "1d", "1f", "--1", "+-1", "infinit", "1e-4952", "1.19e4932", "0x1p-16446", "1e99999999999999999999",
                "1e-99999999999999", "1\u00002"}) {
            assertNull(parse(bad), bad);
        }
        for (String inf : new String[] {"inf", "INF", "-inf", "+Infinity", "infinity"}) {
            assertTrue(parse(inf).isInfinite(), inf);
        }
        for (String ok : new String[] {"0", "-0", "00012", ".5", "5.", "0x.8", "0X1P3", "0x1.", "1E5", "+1",
                "0e99999999999999999999", "0x1p-16445"}) {
            assertTrue(parse(ok) != null && !parse(ok).isInfinite(), ok);
        }
        assertEquals("0.5", parse("0x.8").toHumanString());
        assertEquals("8", parse("0X1P3").toHumanString());
        assertEquals("12", parse("00012").toHumanString());
        assertEquals("-123", LongDouble.of(-123).toHumanString());
    }

    static int floorLog2(BigDecimal x) {
        int l = x.toBigInteger().bitLength() - 1;
        if (l >= 0) {
            return l;
        }
        int k = 0;
        for (BigDecimal y = x; y.compareTo(BigDecimal.ONE) < 0; y = y.multiply(BigDecimal.valueOf(2))) {
            k++;
        }
        return -k;
    }

    static BigDecimal pow2(int n) {
        return n >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft(n))
                : BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-n)));
    }

    @Test
    void parsingRoundsToNearest64BitSignificand() {
        Random r = new Random(7);
        for (int i = 0; i < 3000; i++) {
            String text = (r.nextBoolean() ? "-" : "") + r.nextInt(1_000_000) + "." + Math.abs(r.nextLong())
                    + "e" + (r.nextInt(80) - 40);
            BigDecimal exact = new BigDecimal(text);
            if (exact.signum() == 0) {
                continue;
            }
            BigDecimal got = parse(text).toBigDecimal();
            int log2 = floorLog2(got.abs());
            BigDecimal ulp = pow2(log2 - 63);
            assertTrue(got.subtract(exact).abs().compareTo(ulp.divide(BigDecimal.valueOf(2))) <= 0, text);
        }
    }
}
