package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TransactionCommandsTest {
    final TestSession s = new TestSession(1);

    @Test
    void execRunsTheQueuedBlockInOrder() {
        assertEquals("+OK", s.execute("MULTI"));
        assertEquals("+QUEUED", s.execute("SET", "k", "1"));
        assertEquals("+QUEUED", s.execute("INCR", "k"));
        assertEquals("+QUEUED", s.execute("GET", "k"));
        assertEquals("[+OK, :2, \"2\"]", s.execute("EXEC"));
    }

    @Test
    void runtimeErrorsStayInsideTheReplyArray() {
        s.execute("SET", "str", "x");
        s.execute("MULTI");
        s.execute("INCR", "str");
        s.execute("SET", "after", "1");
        assertEquals("[-ERR value is not an integer or out of range, +OK]", s.execute("EXEC"));
        assertEquals("\"1\"", s.execute("GET", "after"));
    }

    @Test
    void queueingErrorsAbortTheBlock() {
        s.execute("MULTI");
        assertEquals("-ERR unknown command 'NOSUCH', with args beginning with: ", s.execute("NOSUCH"));
        s.execute("SET", "k", "v");
        assertEquals("-EXECABORT Transaction discarded because of previous errors.", s.execute("EXEC"));
        assertEquals("(nil)", s.execute("GET", "k"));
    }

    @Test
    void controlCommandsOutsideOrNested() {
        assertEquals("-ERR EXEC without MULTI", s.execute("EXEC"));
        assertEquals("-ERR DISCARD without MULTI", s.execute("DISCARD"));
        s.execute("MULTI");
        assertEquals("-ERR MULTI calls can not be nested", s.execute("MULTI"));
        s.execute("SET", "k", "v");
        assertEquals("+OK", s.execute("DISCARD"));
        assertEquals("(nil)", s.execute("GET", "k"));
        s.execute("MULTI");
        assertEquals("[]", s.execute("EXEC"));
    }

    @Test
    void resetDropsAnOpenBlock() {
        s.execute("MULTI");
        s.execute("SET", "k", "v");
        assertEquals("+RESET", s.execute("RESET"));
        assertEquals("-ERR EXEC without MULTI", s.execute("EXEC"));
    }
}
