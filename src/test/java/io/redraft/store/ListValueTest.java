package io.redraft.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ListValueTest {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void assertSame(List<byte[]> model, ListValue list) {
        assertEquals(model.size(), list.size());
        for (int i = 0; i < model.size(); i++) {
            assertArrayEquals(model.get(i), list.get(i), "index " + i);
        }
    }

    @Test
    void randomOperationsMatchAnArrayList() {
        Random r = new Random(11);
        ListValue list = new ListValue();
        List<byte[]> model = new ArrayList<>();
        for (int step = 0; step < 60_000; step++) {
            byte[] v = b("v" + r.nextInt(20));
            int op = r.nextInt(100);
            // grow more than shrink in the first half, then drain, so capacity changes both ways
            boolean growing = step < 30_000;
            if (op < (growing ? 25 : 10)) {
                list.addFirst(v);
                model.add(0, v);
            } else if (op < (growing ? 50 : 20)) {
                list.addLast(v);
                model.add(v);
            } else if (op < 60 && !model.isEmpty()) {
                if (r.nextBoolean()) {
                    assertArrayEquals(model.remove(0), list.removeFirst());
                } else {
                    assertArrayEquals(model.remove(model.size() - 1), list.removeLast());
                }
            } else if (op < 68) {
                int at = r.nextInt(model.size() + 1);
                list.insert(at, v);
                model.add(at, v);
            } else if (op < 76 && !model.isEmpty()) {
                int at = r.nextInt(model.size());
                assertArrayEquals(model.remove(at), list.removeAt(at));
            } else if (op < 84 && !model.isEmpty()) {
                int at = r.nextInt(model.size());
                list.set(at, v);
                model.set(at, v);
            } else if (op < 90) {
                long limit = r.nextInt(4);
                boolean fromTail = r.nextBoolean();
                int removed = list.removeEqual(v, limit, fromTail);
                int expected = 0;
                if (!fromTail) {
                    for (int i = 0; i < model.size() && (limit == 0 || expected < limit); ) {
                        if (Arrays.equals(model.get(i), v)) {
                            model.remove(i);
                            expected++;
                        } else {
                            i++;
                        }
                    }
                } else {
                    for (int i = model.size() - 1; i >= 0 && (limit == 0 || expected < limit); i--) {
                        if (Arrays.equals(model.get(i), v)) {
                            model.remove(i);
                            expected++;
                        }
                    }
                }
                assertEquals(expected, removed);
            } else if (op < 93 && !model.isEmpty()) {
                int from = r.nextInt(model.size());
                int to = from + r.nextInt(model.size() - from + 1);
                list.retain(from, to);
                model = new ArrayList<>(model.subList(from, to));
            } else if (op < 100) {
                int idx = -1;
                for (int i = 0; i < model.size(); i++) {
                    if (Arrays.equals(model.get(i), v)) {
                        idx = i;
                        break;
                    }
                }
                assertEquals(idx, list.indexOf(v));
            }
            if (step % 97 == 0) {
                assertSame(model, list);
            }
        }
        assertSame(model, list);
    }

    @Test
    void codecRoundTripsAndRejectsEmpty() throws IOException {
        ListValue list = new ListValue();
        for (int i = 0; i < 1000; i++) {
            list.addFirst(b("e" + i));
        }
        list.addLast(new byte[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ListValue.CODEC.write(list, new DataOutputStream(out));
        byte[] bytes = out.toByteArray();
        ListValue back = (ListValue) ListValue.CODEC.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        assertEquals(list.size(), back.size());
        for (int i = 0; i < list.size(); i++) {
            assertArrayEquals(list.get(i), back.get(i));
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        ListValue.CODEC.write(back, new DataOutputStream(again));
        assertArrayEquals(bytes, again.toByteArray());
        assertEquals("list", ValueTypes.typeName(back));
        assertEquals(2, ValueTypes.of(back).tag());
        assertThrows(IOException.class, () -> ListValue.CODEC.read(
                new DataInputStream(new ByteArrayInputStream(new byte[] {0, 0, 0, 0}))));
    }
}
