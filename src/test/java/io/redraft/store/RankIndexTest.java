package io.redraft.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RankIndexTest {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void matchesASortedModelThroughSplitsAndRepacks() {
        Random r = new Random(4);
        TreeSet<String> model = new TreeSet<>(); // ISO-8859-1 strings compare like unsigned bytes
        for (int i = 0; i < 3000; i++) {
            model.add("init" + r.nextInt(100_000) + (char) (r.nextInt(256)));
        }
        List<byte[]> initial = new ArrayList<>();
        for (String s : model) {
            initial.add(b(s));
        }
        RankIndex index = new RankIndex(initial.toArray(new byte[0][]));
        for (int step = 0; step < 60_000; step++) {
            // grow, then shrink hard (forcing sparse blocks and repacks), then grow again
            boolean grow = step < 20_000 || step > 45_000;
            String m = "m" + r.nextInt(30_000) + (char) (r.nextInt(256));
            if (grow || model.isEmpty() || r.nextInt(10) == 0) {
                if (model.add(m)) {
                    index.insert(b(m));
                }
            } else {
                String victim = r.nextBoolean() ? model.ceiling(m) : model.floor(m);
                if (victim == null) {
                    victim = model.first();
                }
                model.remove(victim);
                index.remove(b(victim));
            }
            assertEquals(model.size(), index.size());
            if (step % 5000 == 0 || step == 59_999) {
                int k = 0;
                for (String s : model) {
                    assertEquals(s, new String(index.get(k++), StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    @Test
    void popsAgreeAcrossLayoutsWhateverTheChurnBetweenThem() {
        // one set is popped through heavy churn (its index is dropped and rebuilt); a twin built
        // fresh with the same contents before each pop must choose the same members
        SetValue churned = new SetValue();
        TreeSet<String> model = new TreeSet<>();
        Random r = new Random(8);
        for (int i = 0; i < 2000; i++) {
            churned.add(b("m" + i));
            model.add("m" + i);
        }
        for (int round = 0; round < 30; round++) {
            int changes = round % 3 == 0 ? 5000 : 50;
            for (int i = 0; i < changes; i++) {
                String m = "c" + r.nextInt(3000);
                if (r.nextBoolean()) {
                    churned.add(b(m));
                    model.add(m);
                } else {
                    churned.remove(b(m));
                    model.remove(m);
                }
            }
            SetValue twin = new SetValue();
            for (String m : model.descendingSet()) {
                twin.add(b(m));
            }
            byte[][] a = churned.popRandom(3, new SplittableRandom(round));
            byte[][] t = twin.popRandom(3, new SplittableRandom(round));
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(t[i], a[i]);
                model.remove(new String(a[i], StandardCharsets.ISO_8859_1));
                assertFalse(churned.contains(a[i]));
            }
            assertEquals(model.size(), churned.size());
        }
    }
}
