package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MemberScanTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void cursorsParseAsRedisStrtoul() {
        assertEquals(0L, MemberScan.parseCursor(b("0")));
        assertEquals(0L, MemberScan.parseCursor(b("")));
        assertEquals(42L, MemberScan.parseCursor(b("+42")));
        assertEquals(-1L, MemberScan.parseCursor(b("18446744073709551615")));
        assertEquals(-1L, MemberScan.parseCursor(b("-1")), "strtoul negates in unsigned arithmetic");
        assertEquals(7L, MemberScan.parseCursor(b("7\0junk")), "Redis stops at the NUL strtoul stopped at");
        assertNull(MemberScan.parseCursor(b("18446744073709551616")));
        assertNull(MemberScan.parseCursor(b(" 1")));
        assertNull(MemberScan.parseCursor(b("1x")));
        assertNull(MemberScan.parseCursor(b("-")));
        assertNull(MemberScan.parseCursor(b("x")));
    }
}
