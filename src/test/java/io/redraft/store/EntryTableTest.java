package io.redraft.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EntryTableTest {

    @Test
    void behavesLikeAHashMapUnderRandomPutsRemovesAndIteratorRemovals() {
        EntryTable table = new EntryTable();
        Map<Key, Entry> model = new HashMap<>();
        Random random = new Random(7);
        for (int step = 0; step < 50_000; step++) {
            Key key = Key.of("k" + random.nextInt(3000));
            int op = random.nextInt(10);
            if (op < 6) {
                Entry e = new Entry(new byte[] {(byte) step}, Entry.NO_EXPIRY);
                assertSame(model.put(key, e), table.put(key, e));
            } else if (op < 9) {
                assertSame(model.remove(key), table.remove(key));
            } else {
                assertSame(model.get(key), table.get(key));
            }
            assertEquals(model.size(), table.size());
            if (step % 5000 == 4999) {
                // remove every third entry through the view's iterator, as removeExpired does
                int i = 0;
                for (Iterator<Map.Entry<Key, Entry>> it = table.view().entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<Key, Entry> me = it.next();
                    if (i++ % 3 == 0) {
                        it.remove();
                        assertSame(me.getValue(), model.remove(me.getKey()));
                    }
                }
                assertEquals(model, new HashMap<>(table.view()));
            }
        }
        assertEquals(model, new HashMap<>(table.view()));
        table.clear();
        assertEquals(0, table.size());
        assertNull(table.get(Key.of("k1")));
    }

    @Test
    void aReplacedEntryTakesItsPredecessorsPlaceAndKey() {
        EntryTable table = new EntryTable();
        Key key = Key.of("a");
        Entry first = new Entry(new byte[] {1}, Entry.NO_EXPIRY);
        Entry second = new Entry(new byte[] {2}, Entry.NO_EXPIRY);
        table.put(key, first);
        assertSame(first, table.put(Key.of("a"), second));
        assertSame(second, table.get(key));
        assertSame(key, table.view().keySet().iterator().next());
        assertEquals(1, table.size());
    }

    @Test
    void iteratingWhileTheTableChangesFailsFast() {
        EntryTable table = new EntryTable();
        table.put(Key.of("a"), new Entry(new byte[0], Entry.NO_EXPIRY));
        table.put(Key.of("b"), new Entry(new byte[0], Entry.NO_EXPIRY));
        Iterator<Map.Entry<Key, Entry>> it = table.view().entrySet().iterator();
        it.next();
        table.put(Key.of("c"), new Entry(new byte[0], Entry.NO_EXPIRY));
        assertThrows(ConcurrentModificationException.class, it::next);
        assertTrue(table.containsKey(Key.of("c")));
    }
}
