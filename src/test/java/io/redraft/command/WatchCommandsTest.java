package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.redraft.resp.Reply;
import io.redraft.resp.ReplyEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WATCH/UNWATCH against the in-memory replicated path, expectations taken from Redis 7.0.15. */
class WatchCommandsTest {
    final TestSession a = new TestSession(1);
    /** Another client of the same node. */
    final TestSession b = new TestSession(2, a.node);

    static final String NIL = "(nil)";

    /** MULTI, SET k from-tx, EXEC on {@code a}; the EXEC reply. */
    String execSettingK() {
        assertEquals("+OK", a.execute("MULTI"));
        assertEquals("+QUEUED", a.execute("SET", "k", "from-tx"));
        return a.execute("EXEC");
    }

    @Test
    void anotherClientsWriteAbortsExec() {
        a.execute("SET", "k", "v0");
        assertEquals("+OK", a.execute("WATCH", "k"));
        b.execute("SET", "k", "v1");
        assertEquals(NIL, execSettingK());
        assertEquals("\"v1\"", a.execute("GET", "k"));
    }

    @Test
    void withoutAConflictExecRuns() {
        a.execute("SET", "k", "v0");
        a.execute("WATCH", "k", "other");
        b.execute("SET", "unrelated", "x");
        b.execute("GET", "k");
        assertEquals("[+OK]", execSettingK());
        assertEquals("\"from-tx\"", a.execute("GET", "k"));
    }

    @Test
    void theSameClientsOwnWriteAbortsExec() {
        a.execute("WATCH", "k");
        a.execute("SET", "k", "mine");
        assertEquals(NIL, execSettingK());
        assertEquals("\"mine\"", a.execute("GET", "k"));
    }

    @Test
    void creatingAndDeletingAWatchedKeyAbort() {
        a.execute("WATCH", "k");
        b.execute("SET", "k", "new");
        assertEquals(NIL, execSettingK());
        a.execute("WATCH", "k");
        b.execute("DEL", "k");
        assertEquals(NIL, execSettingK());
    }

    /** Writes that change nothing are not modifications (Redis does not signalModifiedKey). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SET k v0|SET k x NX",
        "|DEL k",
        "|LPUSHX k a",
        "|SINTERSTORE k nosuch",
        "SADD k a|SADD k a",
        "SADD k a|SREM k b",
        "HSET k f v|HSETNX k f w",
        "HSET k f v|HDEL k nosuch",
        "ZADD k 1 a|ZADD k 1 a",
        "ZADD k 1 a|ZINCRBY k 0 a",
        "RPUSH k a b|LREM k 0 z",
        "SET k v0|PERSIST k",
        "SET k v0|INCR k",
        "SET k v0|GET k",
        "SET k v0|COPY k k2",
        "SET k v0|RENAME k k",
    })
    void noOpWritesDoNotAbort(String setup, String write) {
        if (setup != null) {
            a.execute(setup.split(" "));
        }
        a.execute("WATCH", "k");
        b.execute(write.split(" "));
        assertEquals("[+OK]", execSettingK());
    }

    /** Writes that Redis counts as modifications even when the value ends up equal. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SET k v0|SET k v0",
        "SET k v0|APPEND k <empty>",
        "SET k 1|INCRBY k 0",
        "SET k v0|SETRANGE k 0 v",
        "SET k v0|EXPIRE k 100",
        "SET k v0|SINTERSTORE k nosuch",
        "SET k0 v0|COPY k0 k",
        "HSET k f v|HSET k f v",
        "HSET k f v|HINCRBY k n 0",
        "RPUSH k a b|LTRIM k 0 -1",
        "RPUSH k a|LMOVE k k LEFT RIGHT",
        "RPUSH k a b|LSET k 0 a",
        "SADD k a|SREM k a",
        "ZADD k 1 a|ZADD k 2 a",
        "ZADD k 1 a|ZREMRANGEBYRANK k 0 0",
    })
    void realChangesAbort(String setup, String write) {
        a.execute(setup.split(" "));
        a.execute("WATCH", "k");
        String[] args = write.split(" ");
        for (int i = 0; i < args.length; i++) {
            args[i] = args[i].equals("<empty>") ? "" : args[i];
        }
        b.execute(args);
        assertEquals(NIL, execSettingK());
    }

    @Test
    void aWatchedKeyThatExpiresAbortsExec() {
        a.execute("SET", "k", "v", "PX", "100");
        a.execute("WATCH", "k");
        a.node.data.now += 200;
        assertEquals(NIL, execSettingK());
    }

    @Test
    void aKeyAlreadyExpiredWhenWatchedIsNotChangedByItsDeletion() {
        a.execute("SET", "k", "v", "PX", "100");
        a.node.data.now += 200; // expired, but still stored
        a.execute("WATCH", "k");
        b.execute("DEL", "k"); // deletes the expired key: no logical change
        assertEquals("[+OK]", execSettingK());

        a.execute("SET", "k", "v", "PX", "100");
        a.node.data.now += 200;
        a.execute("WATCH", "k");
        b.execute("SET", "k", "again");
        assertEquals(NIL, execSettingK());
    }

    @Test
    void flushallTouchesEveryExistingKeyOnly() {
        a.execute("SET", "k", "v");
        a.execute("WATCH", "k");
        b.execute("FLUSHALL");
        assertEquals(NIL, execSettingK());

        a.execute("SET", "other", "x"); // k is gone: flushing others does not touch it
        a.execute("WATCH", "k");
        b.execute("FLUSHDB");
        assertEquals("[+OK]", execSettingK());
    }

    @Test
    void aScriptWritingTheKeyAbortsAndAReadingOneDoesNot() {
        a.execute("SET", "k", "v");
        a.execute("WATCH", "k");
        b.execute("EVAL", "return redis.call('get', KEYS[1])", "1", "k");
        assertEquals("[+OK]", execSettingK());

        a.execute("WATCH", "k");
        b.execute("EVAL", "redis.call('append', KEYS[1], 'x') return 1", "1", "k");
        assertEquals(NIL, execSettingK());
    }

    @Test
    void swapdbAndMoveTouchTheKeysOfBothDatabases() {
        b.execute("SELECT", "1");
        b.execute("SET", "k", "in db1");
        a.execute("WATCH", "k"); // db0:k does not exist, but db1:k does
        b.execute("SWAPDB", "0", "1");
        assertEquals(NIL, execSettingK());

        a.execute("WATCH", "k"); // db0:k exists now ("in db1" moved here); nothing in db1
        b.execute("SWAPDB", "1", "2"); // neither database holds anything: no change
        assertEquals("[+OK]", execSettingK());

        a.execute("WATCH", "k");
        b.execute("SELECT", "0");
        b.execute("MOVE", "k", "3");
        assertEquals(NIL, execSettingK());
    }

    @Test
    void watchesArePerDatabase() {
        a.execute("WATCH", "k");
        a.execute("SELECT", "1");
        b.execute("SELECT", "1");
        b.execute("SET", "k", "db1");
        assertEquals("[+OK]", execSettingK()); // db0:k is untouched
        a.execute("SELECT", "0");
        a.execute("WATCH", "k");
        a.execute("SELECT", "1");
        b.execute("SELECT", "0");
        b.execute("SET", "k", "db0");
        assertEquals(NIL, execSettingK()); // still watching db0:k from db 1
    }

    @Test
    void unwatchDiscardResetExecAndExecabortEndTheWatch() {
        a.execute("WATCH", "k");
        assertEquals("+OK", a.execute("UNWATCH"));
        b.execute("SET", "k", "1");
        assertEquals("[+OK]", execSettingK());

        a.execute("WATCH", "k");
        a.execute("MULTI");
        assertEquals("+OK", a.execute("DISCARD"));
        b.execute("SET", "k", "2");
        assertEquals("[+OK]", execSettingK());

        a.execute("WATCH", "k");
        assertEquals("+RESET", a.execute("RESET"));
        b.execute("SET", "k", "3");
        assertEquals("[+OK]", execSettingK());

        a.execute("WATCH", "k");
        assertEquals("[+OK]", execSettingK());
        b.execute("SET", "k", "4");
        assertEquals("[+OK]", execSettingK()); // the first EXEC ended the watch

        a.execute("WATCH", "k");
        a.execute("MULTI");
        a.execute("NOSUCH");
        assertEquals("-EXECABORT Transaction discarded because of previous errors.", a.execute("EXEC"));
        b.execute("SET", "k", "5");
        assertEquals("[+OK]", execSettingK());
    }

    @Test
    void execOrDiscardWithoutMultiKeepTheWatch() {
        a.execute("WATCH", "k");
        assertEquals("-ERR EXEC without MULTI", a.execute("EXEC"));
        assertEquals("-ERR DISCARD without MULTI", a.execute("DISCARD"));
        b.execute("SET", "k", "1");
        assertEquals(NIL, execSettingK());
    }

    @Test
    void watchInsideMultiIsAnErrorThatKeepsTheBlock() {
        a.execute("MULTI");
        assertEquals("-ERR WATCH inside MULTI is not allowed", a.execute("WATCH", "k"));
        a.execute("SET", "k", "v");
        assertEquals("[+OK]", a.execute("EXEC"));
        assertEquals("-ERR wrong number of arguments for 'watch' command", a.execute("WATCH"));
    }

    @Test
    void unwatchInsideMultiIsQueuedAndComesTooLate() {
        a.execute("WATCH", "k");
        b.execute("SET", "k", "1");
        a.execute("MULTI");
        assertEquals("+QUEUED", a.execute("UNWATCH"));
        assertEquals(NIL, a.execute("EXEC"));

        a.execute("MULTI");
        a.execute("SET", "k", "2");
        assertEquals("+QUEUED", a.execute("UNWATCH"));
        a.execute("GET", "k");
        assertEquals("[+OK, +OK, \"2\"]", a.execute("EXEC"));
    }

    @Test
    void anEmptyBlockStillChecksItsWatches() {
        a.execute("WATCH", "k");
        a.execute("MULTI");
        assertEquals("[]", a.execute("EXEC"));
        a.execute("WATCH", "k");
        b.execute("SET", "k", "1");
        a.execute("MULTI");
        assertEquals(NIL, a.execute("EXEC"));
    }

    @Test
    void watchingAgainKeepsTheFirstWatch() {
        a.execute("WATCH", "k");
        b.execute("SET", "k", "1");
        a.execute("WATCH", "k", "j"); // Redis: already watched, the pending change still counts
        assertEquals(NIL, execSettingK());
    }

    @Test
    void theAbortIsTheNullArrayInBothProtocols() {
        a.execute("WATCH", "k");
        b.execute("SET", "k", "1");
        a.execute("MULTI");
        Reply aborted = new CommandExecutor(DataHarness.TABLE, a.node.data)
                .execute(a, Replies.argv("EXEC")).toCompletableFuture().join();
        assertEquals("*-1\r\n", wire(aborted, 2));
        assertEquals("_\r\n", wire(aborted, 3));
    }

    static String wire(Reply reply, int protocol) {
        ByteBuf buf = Unpooled.buffer();
        ReplyEncoder.encode(reply, protocol, buf);
        return buf.toString(StandardCharsets.UTF_8);
    }
}
