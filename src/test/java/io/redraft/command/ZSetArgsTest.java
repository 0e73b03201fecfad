package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.command.ZSetArgs.ScoreRange;
import io.redraft.store.ZSetValue.LexBound;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ZSetArgsTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Double d(String s) {
        return ZSetArgs.toDouble(b(s));
    }

    @Test
    void string2dAcceptsWhatStrtodDoes() {
        assertEquals(1.5, d("1.5"));
        assertEquals(-0.5, d("-.5"));
        assertEquals(10.0, d("1e1"));
        assertEquals(10.0, d("+1E+1"));
        assertEquals(1.0, d("1."));
        assertEquals(255.0, d("0xff"));
        assertEquals(3.0, d("0x1.8p1"));
        assertEquals(0.5, d("0x.8"));
        assertEquals(Double.POSITIVE_INFINITY, d("inf"));
        assertEquals(Double.POSITIVE_INFINITY, d("+Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, d("-INF"));
        assertEquals(-0.0, d("-0"));
        assertTrue(1.0 / d("-0") < 0);
        assertEquals(4.9e-324, d("4.9e-324"), "subnormals are fine");
        assertEquals(0.0, d("0e-999"), "an exact zero is not an underflow");
    }

    @Test
    void string2dRejects() {
        for (String s : new String[] {"", " 1", "1 ", "\t1", "abc", "1e", "1e+", ".", "-", "+", "nan", "-nan",
                "NaN(123)", "1e400", "-1e400", "1e-400", "0x", "infinit", "1.5f", "1d", "1,5", "1\u00002",
                "0b1", "--1", "Infinityy"}) {
            assertNull(d(s), "'" + s + "'");
        }
    }

    @Test
    void scoreRanges() {
        assertEquals(new ScoreRange(1, true, 2, false), ZSetArgs.scoreRange(b("(1"), b("2")));
        assertEquals(new ScoreRange(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, true),
                ZSetArgs.scoreRange(b("-inf"), b("(+inf")));
        // strtod without string2d's checks: leading space, empty, overflow and underflow are accepted
        assertEquals(new ScoreRange(1, false, 0, true), ZSetArgs.scoreRange(b(" 1"), b("(")));
        assertEquals(new ScoreRange(0, false, Double.POSITIVE_INFINITY, false),
                ZSetArgs.scoreRange(b(""), b("1e999")));
        assertEquals(new ScoreRange(5, false, 0, false), ZSetArgs.scoreRange(b("5\u0000junk"), b("1e-999")),
                "C stops at the first NUL");
        assertNull(ZSetArgs.scoreRange(b("1 "), b("2")));
        assertNull(ZSetArgs.scoreRange(b("1"), b("((2")));
        assertNull(ZSetArgs.scoreRange(b("nan"), b("2")));
        assertNull(ZSetArgs.scoreRange(b("1"), b("[2")));
        assertTrue(new ScoreRange(2, false, 1, false).isEmpty());
        assertTrue(new ScoreRange(1, true, 1, false).isEmpty());
        assertFalse(new ScoreRange(1, false, 1, false).isEmpty());
    }

    @Test
    void lexBounds() {
        assertSame(LexBound.MIN, ZSetArgs.lexBound(b("-")));
        assertSame(LexBound.MAX, ZSetArgs.lexBound(b("+")));
        assertNull(ZSetArgs.lexBound(b("+a")));
        assertNull(ZSetArgs.lexBound(b("a")));
        assertNull(ZSetArgs.lexBound(b("")));
        LexBound ex = ZSetArgs.lexBound(b("(ab"));
        assertTrue(ex.exclusive());
        assertEquals("ab", new String(ex.value(), StandardCharsets.ISO_8859_1));
        LexBound in = ZSetArgs.lexBound(b("["));
        assertFalse(in.exclusive());
        assertEquals(0, in.value().length);
        assertTrue(LexBound.isEmptyRange(LexBound.MAX, LexBound.MIN));
        assertTrue(LexBound.isEmptyRange(LexBound.MIN, LexBound.MIN));
        assertFalse(LexBound.isEmptyRange(LexBound.MIN, LexBound.MAX));
        assertTrue(LexBound.isEmptyRange(ZSetArgs.lexBound(b("[b")), ZSetArgs.lexBound(b("[a"))));
        assertTrue(LexBound.isEmptyRange(ZSetArgs.lexBound(b("[a")), ZSetArgs.lexBound(b("(a"))));
        assertFalse(LexBound.isEmptyRange(ZSetArgs.lexBound(b("[a")), ZSetArgs.lexBound(b("[a"))));
    }
}
