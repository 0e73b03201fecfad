package io.redraft.raft;

import io.redraft.store.Key;
import io.redraft.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The EVICT entry: the keys the leader chose under its maxmemory policy. Replicas delete exactly
 * these keys (those still present), so every replica evicts the same ones whatever its own
 * memory estimate or access clocks say.
 */
final class EvictionEntry {
    private EvictionEntry() {
    }

    static byte[] encode(LogOp op, List<Map.Entry<Integer, byte[]>> keys) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(op.ordinal());
            out.writeInt(keys.size());
            for (Map.Entry<Integer, byte[]> k : keys) {
                out.writeByte(k.getKey());
                out.writeInt(k.getValue().length);
                out.write(k.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Deletes the listed keys; returns how many existed. */
    static int apply(DataInputStream in, Store store) throws IOException {
        int count = in.readInt();
        int removed = 0;
        for (int i = 0; i < count; i++) {
            int db = in.readUnsignedByte();
            byte[] key = new byte[in.readInt()];
            in.readFully(key);
            if (db < Store.DATABASES && store.db(db).remove(new Key(key))) {
                removed++;
            }
        }
        return removed;
    }
}
