package io.redraft.command;

import static io.redraft.command.DataHarness.T0;
import static io.redraft.command.HashCommandsTest.sortedItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.SetValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SetCommandsTest {
    static final String WRONGTYPE = HashCommandsTest.WRONGTYPE;
    static final String NOT_INT = HashCommandsTest.NOT_INT;
    static final String SYNTAX = HashCommandsTest.SYNTAX;

    DataHarness h;

    @BeforeEach
    void setUp() {
        h = new DataHarness();
        h.run("SET", "str", "x");
    }

    boolean exists(String key) {
        return h.store.db(h.db).entries().containsKey(Key.of(key));
    }

    List<String> members(String key) {
        return sortedItems(h.at(T0, "SMEMBERS", key));
    }

    static List<String> quoted(String... members) {
        List<String> out = new ArrayList<>();
        for (String m : members) {
            out.add("\"" + m + "\"");
        }
        out.sort(null);
        return out;
    }

    @Test
    void saddSremSmembersScard() {
        assertEquals(":3", h.run("SADD", "s", "a", "b", "c", "a"));
        assertEquals(":1", h.run("SADD", "s", "c", "d"));
        assertEquals(quoted("a", "b", "c", "d"), members("s"));
        assertTrue(h.at(T0, "SMEMBERS", "s") instanceof Reply.SetReply);
        assertEquals("~[]", h.run("SMEMBERS", "missing"));
        assertEquals(":4", h.run("SCARD", "s"));
        assertEquals(":0", h.run("SCARD", "missing"));
        assertEquals("+set", h.run("TYPE", "s"));
        assertEquals(":2", h.run("SREM", "s", "a", "b", "zz"));
        assertEquals(":0", h.run("SREM", "missing", "a"));
        assertEquals(":2", h.run("SREM", "s", "c", "d", "c"));
        assertFalse(exists("s"), "an emptied set is deleted");
        for (String[] cmd : new String[][] {{"SADD", "str", "a"}, {"SREM", "str", "a"}, {"SMEMBERS", "str"},
                {"SCARD", "str"}, {"SISMEMBER", "str", "a"}, {"SMISMEMBER", "str", "a"}, {"SPOP", "str"},
                {"SPOP", "str", "2"}, {"SRANDMEMBER", "str"}, {"SRANDMEMBER", "str", "2"}, {"SSCAN", "str", "0"}}) {
            assertEquals(WRONGTYPE, h.run(cmd), String.join(" ", cmd));
        }
        assertEquals("-ERR wrong number of arguments for 'sadd' command", h.run("SADD", "s"));
    }

    @Test
    void sismemberSmismember() {
        h.run("SADD", "s", "a", "b");
        assertEquals(":1", h.run("SISMEMBER", "s", "a"));
        assertEquals(":0", h.run("SISMEMBER", "s", "z"));
        assertEquals(":0", h.run("SISMEMBER", "missing", "a"));
        assertEquals("[:1, :0, :1, :1]", h.run("SMISMEMBER", "s", "a", "z", "b", "a"));
        assertEquals("[:0, :0]", h.run("SMISMEMBER", "missing", "a", "b"));
        assertEquals("-ERR wrong number of arguments for 'smismember' command", h.run("SMISMEMBER", "s"));
    }

    @Test
    void spop() {
        assertEquals("(nil)", h.run("SPOP", "missing"));
        assertEquals("~[]", h.run("SPOP", "missing", "3"));
        assertEquals(SYNTAX, h.run("SPOP", "s", "1", "2"));
        assertEquals("-ERR value is out of range, must be positive", h.run("SPOP", "s", "x"));
        assertEquals("-ERR value is out of range, must be positive", h.run("SPOP", "s", "-1"));
        assertEquals("-ERR value is out of range, must be positive", h.run("SPOP", "str", "-1"));

        h.run("SADD", "s", "a", "b", "c", "d", "e");
        assertEquals("~[]", h.run("SPOP", "s", "0"));
        String one = h.run("SPOP", "s");
        assertTrue(quoted("a", "b", "c", "d", "e").contains(one));
        assertEquals(":4", h.run("SCARD", "s"));
        assertEquals(":0", h.run("SISMEMBER", "s", one.substring(1, one.length() - 1)));

        Reply two = h.at(T0, "SPOP", "s", "2");
        assertTrue(two instanceof Reply.SetReply);
        List<String> popped = sortedItems(two);
        assertEquals(2, popped.size());
        assertNotEquals(popped.get(0), popped.get(1));
        assertEquals(":2", h.run("SCARD", "s"));
        for (String p : popped) {
            assertFalse(members("s").contains(p));
        }
        // count >= size pops everything and deletes the key
        List<String> rest = members("s");
        assertEquals(rest, sortedItems(h.at(T0, "SPOP", "s", "10")));
        assertFalse(exists("s"));

        h.run("SADD", "solo", "x");
        assertEquals("\"x\"", h.run("SPOP", "solo"));
        assertFalse(exists("solo"));
    }

    @Test
    void spopIsAFunctionOfReplicatedInputsOnly() {
        // same contents, different insertion histories (so different table layouts): same choices
        DataHarness other = new DataHarness();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            members.add("m" + i);
        }
        for (String m : members) {
            h.run("SADD", "s", m);
        }
        for (int i = members.size() - 1; i >= 0; i--) {
            other.run("SADD", "s", "junk" + i);
            other.run("SADD", "s", members.get(i));
        }
        for (int i = 0; i < 300; i++) {
            other.run("SREM", "s", "junk" + i);
        }
        for (int i = 0; i < 40; i++) {
            long now = T0 + i * 7L;
            assertEquals(h.runAt(now, "SPOP", "s"), other.runAt(now, "SPOP", "s"));
            assertEquals(h.runAt(now, "SPOP", "s", "3"), other.runAt(now, "SPOP", "s", "3"));
        }
        assertEquals(members("s"), sortedItems(other.at(T0, "SMEMBERS", "s")));
    }

    @Test
    void srandmember() {
        assertEquals("(nil)", h.run("SRANDMEMBER", "missing"));
        assertEquals("[]", h.run("SRANDMEMBER", "missing", "5"));
        assertEquals(SYNTAX, h.run("SRANDMEMBER", "s", "1", "2"));
        assertEquals(NOT_INT, h.run("SRANDMEMBER", "s", "x"));
        assertEquals("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
                h.run("SRANDMEMBER", "s", "-9223372036854775808"));
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            h.run("SADD", "s", "m" + i);
            all.add("\"m" + i + "\"");
        }
        assertTrue(all.contains(h.run("SRANDMEMBER", "s")));
        assertEquals("[]", h.run("SRANDMEMBER", "s", "0"));
        for (int count : new int[] {1, 3, 10, 29, 30, 100}) {
            Reply r = h.at(T0, "SRANDMEMBER", "s", String.valueOf(count));
            assertTrue(r instanceof Reply.Array);
            List<String> got = sortedItems(r);
            assertEquals(Math.min(count, 30), got.size());
            assertEquals(got.size(), new HashSet<>(got).size(), "distinct for a positive count");
            assertTrue(all.containsAll(got));
        }
        List<String> rep = sortedItems(h.at(T0, "SRANDMEMBER", "s", "-200"));
        assertEquals(200, rep.size());
        assertTrue(all.containsAll(rep));
        assertTrue(new HashSet<>(rep).size() < 200, "a negative count repeats members");
        assertEquals(3, sortedItems(h.at(T0, "SRANDMEMBER", "s", "-3")).size());
        assertEquals(":30", h.run("SCARD", "s"), "reads do not remove");
    }

    @Test
    void smove() {
        h.run("SADD", "src", "a", "b");
        h.run("SADD", "dst", "x");
        assertEquals(":1", h.run("SMOVE", "src", "dst", "a"));
        assertEquals(quoted("b"), members("src"));
        assertEquals(quoted("a", "x"), members("dst"));
        assertEquals(":0", h.run("SMOVE", "src", "dst", "zz"), "member not in source");
        assertEquals(":0", h.run("SMOVE", "src", "dst", "x"), "in destination but not in source");
        // already in destination: still moved (removed from source), answers 1
        h.run("SADD", "src", "x");
        assertEquals(":1", h.run("SMOVE", "src", "dst", "x"));
        assertEquals(quoted("b"), members("src"));
        // moving the last member deletes the source; a missing destination is created
        assertEquals(":1", h.run("SMOVE", "src", "new", "b"));
        assertFalse(exists("src"));
        assertEquals(quoted("b"), members("new"));
        // missing source: 0, even when the destination has the wrong type
        assertEquals(":0", h.run("SMOVE", "src", "str", "a"));
        assertEquals(WRONGTYPE, h.run("SMOVE", "dst", "str", "a"));
        assertEquals(WRONGTYPE, h.run("SMOVE", "str", "dst", "a"));
        assertEquals(quoted("a", "x"), members("dst"), "nothing moved on WRONGTYPE");
        // same key: answers membership, changes nothing
        assertEquals(":1", h.run("SMOVE", "dst", "dst", "a"));
        assertEquals(":0", h.run("SMOVE", "dst", "dst", "zz"));
        assertEquals(quoted("a", "x"), members("dst"));
        // the destination keeps its TTL
        h.run("PEXPIRE", "dst", "5000");
        h.run("SADD", "src", "q");
        assertEquals(":1", h.run("SMOVE", "src", "dst", "q"));
        assertEquals(T0 + 5000, h.store.db(0).entries().get(Key.of("dst")).expireAt());
    }

    @Test
    void interUnionDiff() {
        h.run("SADD", "a", "1", "2", "3", "4");
        h.run("SADD", "b", "3", "4", "5");
        h.run("SADD", "c", "4", "5", "6");
        assertEquals(quoted("4"), sortedItems(h.at(T0, "SINTER", "a", "b", "c")));
        assertEquals(quoted("3", "4"), sortedItems(h.at(T0, "SINTER", "a", "b")));
        assertEquals(quoted("1", "2", "3", "4"), sortedItems(h.at(T0, "SINTER", "a", "a")));
        assertEquals("~[]", h.run("SINTER", "a", "missing"));
        assertEquals(WRONGTYPE, h.run("SINTER", "missing", "str"), "every key is type-checked");
        assertTrue(h.at(T0, "SINTER", "a", "b") instanceof Reply.SetReply);

        assertEquals(quoted("1", "2", "3", "4", "5", "6"), sortedItems(h.at(T0, "SUNION", "a", "b", "c", "nope")));
        assertEquals("~[]", h.run("SUNION", "nope"));
        assertEquals(WRONGTYPE, h.run("SUNION", "a", "str"));

        assertEquals(quoted("1", "2"), sortedItems(h.at(T0, "SDIFF", "a", "b", "c")));
        assertEquals(quoted("1", "2", "3", "4"), sortedItems(h.at(T0, "SDIFF", "a", "nope")));
        assertEquals("~[]", h.run("SDIFF", "nope", "a"));
        assertEquals("~[]", h.run("SDIFF", "a", "a"));
        assertEquals(WRONGTYPE, h.run("SDIFF", "a", "str"));
    }

    @Test
    void storeVariants() {
        h.run("SADD", "a", "1", "2", "3");
        h.run("SADD", "b", "2", "3", "4");
        assertEquals(":2", h.run("SINTERSTORE", "d", "a", "b"));
        assertEquals(quoted("2", "3"), members("d"));
        assertEquals(":4", h.run("SUNIONSTORE", "d", "a", "b"));
        assertEquals(quoted("1", "2", "3", "4"), members("d"));
        assertEquals(":1", h.run("SDIFFSTORE", "d", "a", "b"));
        assertEquals(quoted("1"), members("d"));
        // the destination may be a source, and is replaced whatever its type, losing its TTL
        assertEquals(":3", h.run("SUNIONSTORE", "a", "a", "d"));
        assertEquals(":2", h.run("SINTERSTORE", "str", "a", "b"));
        assertEquals("+set", h.run("TYPE", "str"));
        h.run("PEXPIRE", "d", "1000");
        assertEquals(":3", h.run("SUNIONSTORE", "d", "b"));
        assertEquals(Entry.NO_EXPIRY, h.store.db(0).entries().get(Key.of("d")).expireAt());
        // the stored set is a copy: changing it leaves the source alone
        h.run("SADD", "d", "new");
        assertEquals(quoted("2", "3", "4"), members("b"));
        // an empty result deletes the destination and answers 0
        assertEquals(":0", h.run("SINTERSTORE", "d", "a", "missing"));
        assertFalse(exists("d"));
        h.run("SADD", "d", "x");
        assertEquals(":0", h.run("SDIFFSTORE", "d", "a", "a"));
        assertFalse(exists("d"));
        h.run("SADD", "d", "x");
        assertEquals(":0", h.run("SUNIONSTORE", "d", "nope"));
        assertFalse(exists("d"));
        h.run("SET", "s2", "v");
        assertEquals(WRONGTYPE, h.run("SUNIONSTORE", "d", "a", "s2"));
        assertEquals("-ERR wrong number of arguments for 'sinterstore' command", h.run("SINTERSTORE", "d"));
    }

    @Test
    void sintercard() {
        h.run("SADD", "a", "1", "2", "3", "4", "5");
        h.run("SADD", "b", "2", "3", "4", "5", "6");
        assertEquals(":4", h.run("SINTERCARD", "2", "a", "b"));
        assertEquals(":4", h.run("SINTERCARD", "2", "a", "b", "LIMIT", "0"));
        assertEquals(":2", h.run("SINTERCARD", "2", "a", "b", "limit", "2"));
        assertEquals(":4", h.run("SINTERCARD", "2", "a", "b", "LIMIT", "10"));
        assertEquals(":5", h.run("SINTERCARD", "1", "a"));
        assertEquals(":0", h.run("SINTERCARD", "2", "a", "missing"));
        assertEquals(WRONGTYPE, h.run("SINTERCARD", "2", "a", "str"));
        assertEquals("-ERR numkeys should be greater than 0", h.run("SINTERCARD", "0", "a"));
        assertEquals("-ERR numkeys should be greater than 0", h.run("SINTERCARD", "x", "a"));
        assertEquals("-ERR Number of keys can't be greater than number of args", h.run("SINTERCARD", "3", "a", "b"));
        assertEquals("-ERR LIMIT can't be negative", h.run("SINTERCARD", "2", "a", "b", "LIMIT", "-1"));
        assertEquals("-ERR LIMIT can't be negative", h.run("SINTERCARD", "2", "a", "b", "LIMIT", "x"));
        assertEquals(SYNTAX, h.run("SINTERCARD", "2", "a", "b", "LIMIT"));
        assertEquals(SYNTAX, h.run("SINTERCARD", "1", "a", "b"));
    }

    @Test
    void expiredSetsAreInvisible() {
        h.run("SADD", "s", "a");
        h.run("PEXPIRE", "s", "100");
        assertEquals(":1", h.runAt(T0 + 99, "SCARD", "s"));
        assertEquals(":0", h.runAt(T0 + 100, "SCARD", "s"));
        assertEquals("~[]", h.runAt(T0 + 100, "SUNION", "s"));
        assertEquals(":1", h.runAt(T0 + 100, "SADD", "s", "b"));
        assertEquals(Entry.NO_EXPIRY, h.store.db(0).entries().get(Key.of("s")).expireAt());
        assertEquals(quoted("b"), members("s"));
    }

    @Test
    void sscanLargeSetCoversEveryMemberDespiteChanges() {
        int n = 2000;
        for (int i = 0; i < n; i++) {
            h.run("SADD", "big", "member-" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int step = 0;
        do {
            List<Reply> parts = ((Reply.Array) h.at(T0, "SSCAN", "big", cursor, "COUNT", "25")).items();
            cursor = new String(((Reply.Bulk) parts.get(0)).value(), StandardCharsets.US_ASCII);
            for (Reply r : ((Reply.Array) parts.get(1)).items()) {
                seen.add(Replies.show(r));
            }
            // churn between calls: add and remove other members, forcing resizes both ways
            if (step == 10) {
                for (int i = 0; i < 5000; i++) {
                    h.run("SADD", "big", "extra-" + i);
                }
            }
            if (step == 30) {
                for (int i = 0; i < 5000; i++) {
                    h.run("SREM", "big", "extra-" + i);
                }
            }
            step++;
        } while (!cursor.equals("0"));
        for (int i = 0; i < n; i++) {
            assertTrue(seen.contains("\"member-" + i + "\""), "member-" + i);
        }
        assertEquals("[\"0\", []]", h.run("SSCAN", "missing", "0"));
        assertEquals("-ERR invalid cursor", h.run("SSCAN", "big", "abc"));
        assertEquals(SYNTAX, h.run("SSCAN", "big", "0", "TYPE", "string"));
    }

    @Test
    void sscanSmallSet() {
        h.run("SADD", "s", "apple", "banana", "avocado");
        List<Reply> parts = ((Reply.Array) h.at(T0, "SSCAN", "s", "0", "MATCH", "a*")).items();
        assertEquals("\"0\"", Replies.show(parts.get(0)));
        assertEquals(quoted("apple", "avocado"), sortedItems(parts.get(1)));
    }

    @Test
    void valueIsASetValue() {
        h.run("SADD", "s", "a");
        assertTrue(h.store.db(0).entries().get(Key.of("s")).value() instanceof SetValue);
    }
}
