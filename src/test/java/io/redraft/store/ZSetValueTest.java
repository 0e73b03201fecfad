package io.redraft.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.store.ZSetValue.LexBound;
import io.redraft.store.ZSetValue.Node;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ZSetValueTest {

    record Item(double score, String member) implements Comparable<Item> {
        @Override
        public int compareTo(Item o) {
            if (score < o.score) {
                return -1;
            }
            if (score > o.score) {
                return 1;
            }
            return Arrays.compareUnsigned(b(member), b(o.member));
        }
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static void check(TreeSet<Item> model, ZSetValue z) {
        assertEquals(model.size(), z.size());
        List<Item> items = new ArrayList<>(model);
        int i = 0;
        Node prev = null;
        for (Node n = z.first(); n != null; n = n.next(), i++) {
            assertEquals(items.get(i).member(), s(n.member()));
            assertEquals(items.get(i).score(), n.score());
            assertSame(prev, n.prev());
            prev = n;
        }
        assertEquals(items.size(), i);
        assertSame(prev, z.last());
        for (int k = 0; k < items.size(); k++) {
            Node n = z.byRank(k);
            assertEquals(items.get(k).member(), s(n.member()), "rank " + k);
            assertEquals(k, z.rankOf(n));
            assertSame(n, z.find(b(items.get(k).member())));
        }
        assertNull(z.byRank(items.size()));
        assertNull(z.byRank(-1));
    }

    @Test
    void randomOperationsMatchASortedModel() {
        Random r = new Random(3);
        ZSetValue z = new ZSetValue();
        TreeSet<Item> model = new TreeSet<>();
        Map<String, Double> scores = new HashMap<>();
        for (int step = 0; step < 40_000; step++) {
            String m = "m" + r.nextInt(step < 20_000 ? 3000 : 300);
            double score = r.nextInt(10) == 0 ? (r.nextBoolean() ? -0.0 : 0.0) : r.nextInt(50) - 25;
            int op = r.nextInt(10);
            Node n = z.find(b(m));
            assertEquals(scores.containsKey(m), n != null);
            if (op < 5) {
                if (n == null) {
                    z.insert(b(m), score);
                } else {
                    model.remove(new Item(scores.get(m), m));
                    z.updateScore(n, score);
                }
                scores.put(m, score);
                model.add(new Item(score, m));
            } else if (op < 8) {
                if (n != null) {
                    z.remove(n);
                    model.remove(new Item(scores.remove(m), m));
                }
            } else if (op < 9 && z.size() > 0) {
                int from = r.nextInt(z.size());
                int to = from + r.nextInt(Math.min(5, z.size() - from) + 1);
                List<Item> items = new ArrayList<>(model);
                assertEquals(to - from, z.removeRanks(from, to));
                for (Item it : items.subList(from, to)) {
                    model.remove(it);
                    scores.remove(it.member());
                }
            } else {
                double min = r.nextInt(50) - 25;
                double max = min + r.nextInt(10);
                boolean minEx = r.nextBoolean();
                boolean maxEx = r.nextBoolean();
                int below = 0;
                int upTo = 0;
                for (Item it : model) {
                    if (minEx ? it.score() <= min : it.score() < min) {
                        below++;
                    }
                    if (maxEx ? it.score() < max : it.score() <= max) {
                        upTo++;
                    }
                }
                assertEquals(below, z.rankOfScoreMin(min, minEx));
                assertEquals(upTo, z.rankAfterScoreMax(max, maxEx));
            }
            if (step % 500 == 0) {
                check(model, z);
            }
        }
        check(model, z);
    }

    @Test
    void lexRanksOnSingleAndMixedScores() {
        ZSetValue same = new ZSetValue();
        ZSetValue mixed = new ZSetValue();
        String[] members = {"a", "b", "c", "d", "e"};
        for (int i = 0; i < members.length; i++) {
            same.insert(b(members[i]), 0);
            mixed.insert(b(members[i]), i);
        }
        LexBound fromB = new LexBound(0, b("b"), false);
        LexBound toD = new LexBound(0, b("d"), true);
        for (ZSetValue z : List.of(same, mixed)) {
            assertEquals(1, z.rankOfLexMin(fromB));
            assertEquals(3, z.rankAfterLexMax(toD));
            assertEquals(0, z.rankOfLexMin(LexBound.MIN));
            assertEquals(5, z.rankAfterLexMax(LexBound.MAX));
            assertEquals(5, z.rankOfLexMin(LexBound.MAX));
            assertEquals(0, z.rankAfterLexMax(LexBound.MIN));
        }
    }

    @Test
    void scanVisitsEveryStableMemberAcrossResizes() {
        Random r = new Random(9);
        ZSetValue z = new ZSetValue();
        for (int i = 0; i < 500; i++) {
            z.insert(b("s" + i), i);
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int next = 0;
        int steps = 0;
        do {
            cursor = z.scan(cursor, n -> seen.add(s(n.member())));
            // grow a lot, then shrink a lot, while scanning
            if (steps < 40) {
                for (int k = 0; k < 200; k++) {
                    z.insert(b("t" + next++), r.nextDouble());
                }
            } else {
                List<Node> extra = new ArrayList<>();
                for (Node n = z.first(); n != null && extra.size() < 400; n = n.next()) {
                    if (s(n.member()).startsWith("t")) {
                        extra.add(n);
                    }
                }
                extra.forEach(z::remove);
            }
            steps++;
        } while (cursor != 0);
        for (int i = 0; i < 500; i++) {
            assertTrue(seen.contains("s" + i), "s" + i);
        }
        assertTrue(steps > 50);
    }

    @Test
    void codecIsCanonicalAndValidated() throws IOException {
        ZSetValue z = new ZSetValue();
        Random r = new Random(1);
        for (int i = 0; i < 2000; i++) {
            byte[] m = b("m" + r.nextInt(5000));
            if (z.find(m) == null) {
                z.insert(m, r.nextInt(30) == 0 ? Double.NEGATIVE_INFINITY : r.nextInt(100) / 4.0);
            }
        }
        z.insert(b("negzero"), -0.0);
        byte[] bytes = encode(z);
        ZSetValue back = (ZSetValue) ZSetValue.CODEC.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        assertArrayEquals(bytes, encode(back));
        assertTrue(1.0 / back.find(b("negzero")).score() < 0, "-0.0 survives");
        // a different insertion history gives the same bytes
        ZSetValue reversed = new ZSetValue();
        for (Node n = z.last(); n != null; n = n.prev()) {
            reversed.insert(n.member(), n.score());
        }
        assertArrayEquals(bytes, encode(reversed));
        assertEquals("zset", ValueTypes.typeName(back));
        assertEquals(4, ValueTypes.of(back).tag());

        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bad);
        out.writeInt(2);
        ValueTypes.writeBytes(b("b"), out);
        out.writeDouble(1);
        ValueTypes.writeBytes(b("a"), out);
        out.writeDouble(1);
        assertThrows(IOException.class, () -> ZSetValue.CODEC.read(
                new DataInputStream(new ByteArrayInputStream(bad.toByteArray()))), "out of order");
        assertThrows(IOException.class, () -> ZSetValue.CODEC.read(
                new DataInputStream(new ByteArrayInputStream(new byte[] {0, 0, 0, 0}))), "empty");
    }

    static byte[] encode(ZSetValue z) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZSetValue.CODEC.write(z, new DataOutputStream(out));
        return out.toByteArray();
    }
}
