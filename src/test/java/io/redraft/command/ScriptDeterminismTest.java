package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redraft.resp.Reply;
import io.redraft.store.Store;
import io.redraft.store.StoreSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two replicas applying the same logged scripts reach byte-identical snapshots, even when one of
 * them restarted from a snapshot half way (so its hash tables were built in another order).
 */
class ScriptDeterminismTest {
    static final ReplicatedExecution EXEC = new ReplicatedExecution(CommandTable.standard());

    static final String[][] LOG = {
        {"EVAL", "for i = 1, 50 do redis.call('sadd', KEYS[1], 'm' .. math.random(1000)) end return 1", "1", "s"},
        {"EVAL", "for i = 1, 30 do redis.call('hset', KEYS[1], 'f' .. i, cjson.encode({i, math.random()})) end", "1", "h"},
        {"SCRIPT", "LOAD", "return redis.call('incrby', KEYS[1], ARGV[1])"},
        {"EVAL", "local m = redis.call('spop', KEYS[1], 5) redis.call('rpush', KEYS[2], unpack(m)) return m", "2", "s", "l"},
        {"EVAL", "local k = redis.call('randomkey') redis.call('set', 'r', k) return k", "0"},
        {"EVAL", "local m = redis.call('smembers', KEYS[1]) local h = redis.call('hgetall', KEYS[2]) "
                + "local k = redis.call('keys', '*') local v = redis.call('hvals', KEYS[2]) "
                + "redis.call('set', 'order', m[1] .. m[2] .. h[1] .. h[3] .. k[1] .. v[1] .. cjson.encode(m)) "
                + "return redis.call('get', 'order')", "2", "s", "h"},
        {"EVAL", "redis.call('zadd', 'z', 1, 'a', 2, 'b') return redis.call('zrandmember', 'z')", "0"},
        {"EVAL", "local n = 0 while true do n = n + 1 redis.call('set', 'loop', n) end", "0"},
        {"EVAL", "redis.call('pexpire', KEYS[1], 5000) return redis.call('pttl', KEYS[1])", "1", "h"},
    };

    static byte[] snapshot(Store store) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StoreSnapshot.write(store, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    static List<Reply> apply(Store store, int from, int to) {
        List<Reply> replies = new ArrayList<>();
        for (int i = from; i < to; i++) {
            replies.add(EXEC.write(new ExecContext(store, 0, 1_000_000L + i), Replies.argv(LOG[i])));
        }
        return replies;
    }

    @Test
    void replicasAgreeByteForByte() throws IOException {
        Store a = new Store();
        List<Reply> repliesA = apply(a, 0, LOG.length);
        Store b = new Store();
        List<Reply> repliesB = apply(b, 0, 4);
        Store restarted = new Store();
        StoreSnapshot.read(new DataInputStream(new ByteArrayInputStream(snapshot(b))), restarted);
        repliesB.addAll(apply(restarted, 4, LOG.length));
        assertArrayEquals(snapshot(a), snapshot(restarted));
        List<String> shownA = repliesA.stream().map(Replies::show).toList();
        List<String> shownB = repliesB.stream().map(Replies::show).toList();
        assertEquals(shownA.subList(0, 4), shownB.subList(0, 4));
        assertEquals(shownA.get(5), shownB.get(5), "layout-ordered replies are sorted for logged scripts");
        assertEquals(shownA.get(7), shownB.get(7), "the budget stops both at the same write");
        assertEquals(LOG.length, a.scripts().size(), "every EVAL'd or loaded body is cached");
        org.junit.jupiter.api.Assertions.assertTrue(shownA.get(4).contains(ScriptCalls.WRITE_AFTER_RANDOM), shownA.get(4));
        org.junit.jupiter.api.Assertions.assertTrue(shownA.get(7).startsWith("-ERR Script exceeded the instruction budget"));
    }
}
