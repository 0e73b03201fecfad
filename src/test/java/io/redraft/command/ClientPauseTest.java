package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.resp.Reply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientPauseTest {
    private final ClientPause pause = new ClientPause();
    private final TestSession a = new TestSession(1);
    private final TestSession b = new TestSession(2);
    private final CommandExecutor executor = new CommandExecutor(DataHarness.TABLE, a.node.data, a.node.blocked, pause);

    private CompletableFuture<Reply> exec(TestSession s, String... args) {
        return executor.execute(s, Replies.argv(args)).toCompletableFuture();
    }

    private static String show(CompletableFuture<Reply> f) throws Exception {
        return Replies.show(f.get(10, TimeUnit.SECONDS));
    }

    @Test
    void writeModePostponesWritesInOrderUntilUnpause() throws Exception {
        pause.pause(60_000, false);
        CompletableFuture<Reply> set = exec(a, "SET", "k", "1");
        CompletableFuture<Reply> append = exec(a, "APPEND", "k", "2");
        CompletableFuture<Reply> get = exec(b, "GET", "k");
        assertEquals("(nil)", show(get)); // reads run during a WRITE pause
        assertFalse(set.isDone());
        assertFalse(append.isDone());
        pause.unpause();
        assertEquals("+OK", show(set));
        assertEquals(":2", show(append));
        assertEquals("\"12\"", show(exec(b, "GET", "k")));
    }

    @Test
    void allModePostponesEveryCommandUntilTheTimeout() throws Exception {
        long start = System.nanoTime();
        pause.pause(300, true);
        CompletableFuture<Reply> ping = exec(b, "PING");
        assertFalse(ping.isDone());
        assertEquals("+PONG", show(ping));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 250);
    }

    @Test
    void execOfAWriteBlockIsAWrite() throws Exception {
        TestSession s = new TestSession(3);
        assertEquals("+OK", show(exec(s, "MULTI")));
        assertEquals("+QUEUED", show(exec(s, "INCR", "n")));
        pause.pause(60_000, false);
        CompletableFuture<Reply> execReply = exec(s, "EXEC");
        assertFalse(execReply.isDone());
        pause.unpause();
        assertEquals("[:1]", show(execReply));
    }

    @Test
    void pauseArguments() {
        TestSession s = new TestSession(4);
        assertEquals("-ERR timeout is not an integer or out of range", s.run("CLIENT", "PAUSE", "x"));
        assertEquals("-ERR timeout is negative", s.run("CLIENT", "PAUSE", "-1"));
        assertEquals("-ERR CLIENT PAUSE mode must be WRITE or ALL", s.run("CLIENT", "PAUSE", "10", "foo"));
        assertEquals("-ERR wrong number of arguments for 'client|pause' command", s.run("CLIENT", "PAUSE"));
        assertEquals("+OK", s.run("CLIENT", "UNPAUSE"));
    }
}
