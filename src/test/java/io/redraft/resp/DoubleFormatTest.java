package io.redraft.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DoubleFormatTest {

    private static void fmt(double d, String expected) {
        assertEquals(expected, ReplyEncoder.formatDouble(d), () -> "formatDouble(" + d + ")");
    }

    @Test
    void specialValues() {
        fmt(Double.NaN, "nan");
        fmt(Double.longBitsToDouble(0xFFF8000000000001L), "nan");
        fmt(Double.POSITIVE_INFINITY, "inf");
        fmt(Double.NEGATIVE_INFINITY, "-inf");
        fmt(0.0, "0");
        fmt(-0.0, "-0");
    }

    @Test
    void integralValuesPrintAsIntegers() {
        fmt(3.0, "3");
        fmt(-3.0, "-3");
        fmt(1e15, "1000000000000000");
        fmt(0x1p62, "4611686018427387904"); // double2ll's bound is inclusive
        fmt(-0x1p62, "-4611686018427387904");
    }

    @Test
    void redisFpconvFormatting() {
        fmt(3.5, "3.5");
        fmt(0.1, "0.1");
        fmt(-2.25, "-2.25");
        fmt(0.1 + 0.2, "0.30000000000000004");
        fmt(1.0 / 3, "0.3333333333333333");
        fmt(123456.789, "123456.789");
        fmt(1000000000000000.5, "1000000000000000.5");
        fmt(0.00001, "0.00001");
        fmt(0.000123, "0.000123");
        // Beyond 2^62 integers go through fpconv: plain while the exponent is small, else scientific.
        fmt(0x1p63, "9223372036854776000");
        fmt(1e20, "1e+20");
        fmt(-1e21, "-1e+21");
        fmt(1.5e300, "1.5e+300");
        // Small magnitudes: no zero padding in the exponent, unlike printf's %g.
        fmt(1.5e-7, "1.5e-7");
        fmt(-1e-7, "-1e-7");
        fmt(1.2345e-10, "1.2345e-10");
        fmt(Double.MIN_VALUE, "5e-324");
        fmt(Double.MAX_VALUE, "1.7976931348623157e+308");
    }

    @Test
    void grisu2IsNotAlwaysShortestAndWeMatchRedisThere() {
        // Known Redis 7.2+ output; a shortest-digits formatter would print 9317.81304.
        fmt(9317.81304, "9317.813039999999");
    }

    @Test
    void cachedPowersMatchFpconvTable() {
        // Spot checks against entries of Redis's deps/fpconv/fpconv_powers.h.
        assertPow(0, "18054884314459144840", -1220);
        assertPow(1, "13451937075301367670", -1193);
        assertPow(43, "15111572745182864684", -77);
        assertPow(44, "11258999068426240000", -50);
        assertPow(46, "12500000000000000000", 3);
        assertPow(47, "9313225746154785156", 30);
        assertPow(86, "12648080533535911531", 1066);
    }

    private static void assertPow(int idx, String frac, int exp) {
        assertEquals(Long.parseUnsignedLong(frac), DoubleFormat.POW_FRAC[idx], "frac " + idx);
        assertEquals(exp, DoubleFormat.POW_EXP[idx], "exp " + idx);
    }

    @Test
    void everyOutputParsesBackToTheSameDouble() {
        Random rnd = new Random(20240607);
        int longer = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double d;
            switch (i % 4) {
                case 0: d = Double.longBitsToDouble(rnd.nextLong()); break;
                case 1: d = rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20); break;
                case 2: d = Math.round(rnd.nextDouble() * 1e6) / 1e3; break; // "typed" decimals
                default: d = Double.longBitsToDouble(rnd.nextLong() & 0x000FFFFFFFFFFFFFL); break; // subnormal
            }
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String s = ReplyEncoder.formatDouble(d);
            double back = Double.parseDouble(s);
            assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(back), () -> d + " -> " + s);
            if (i % 4 == 2 && !s.equals(java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString())) {
                longer++;
            }
        }
        // Grisu2 gives the shortest digits for the vast majority of values.
        assertTrue(longer < n / 4 / 100, "non-shortest outputs for typed decimals: " + longer);
    }

    @Test
    void humanFriendlyFormat() {
        assertEquals("3", ReplyEncoder.formatHumanDouble(3.0));
        assertEquals("3.5", ReplyEncoder.formatHumanDouble(3.5));
        assertEquals("0.1", ReplyEncoder.formatHumanDouble(0.1));
        assertEquals("-2.5", ReplyEncoder.formatHumanDouble(-2.5));
        assertEquals("100000000000000000000", ReplyEncoder.formatHumanDouble(1e20));
        assertEquals("0.00000015", ReplyEncoder.formatHumanDouble(1.5e-7));
        assertEquals("0.30000000000000004", ReplyEncoder.formatHumanDouble(0.1 + 0.2));
        assertEquals("0.00000000000000001", ReplyEncoder.formatHumanDouble(1e-17));
        assertEquals("0", ReplyEncoder.formatHumanDouble(1e-20));
        assertEquals("0", ReplyEncoder.formatHumanDouble(-1e-20));
        assertEquals("0", ReplyEncoder.formatHumanDouble(-0.0));
        assertEquals("inf", ReplyEncoder.formatHumanDouble(Double.POSITIVE_INFINITY));
        assertEquals("-inf", ReplyEncoder.formatHumanDouble(Double.NEGATIVE_INFINITY));
    }
}
