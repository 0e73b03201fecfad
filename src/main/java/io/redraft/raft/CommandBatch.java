package io.redraft.raft;

import io.redraft.command.WatchedKey;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire format of a {@link LogOp#COMMANDS} payload, the unit of replication: a list of client
 * requests, each {@code [db][kind][watches][command count][argc][args...]...}. Kind 0 is a single
 * command, 1 an EXEC block, 2 an EXEC block with watched keys, which only then follow as
 * {@code [count][db][expired at watch][point][key length][key]...} (kinds 0 and 1 are the
 * original format, so older log entries still decode). A kind with bit {@code 0x10} set is
 * followed by the ACL user (UTF) whose permissions the request's scripts run with.
 */
final class CommandBatch {
    /** One client request: a single command, or a MULTI/EXEC block whose reply is one array. */
    record Request(int db, boolean block, List<byte[][]> commands, List<WatchedKey> watched, String user) {
        private static final int SINGLE = 0;
        private static final int BLOCK = 1;
        private static final int WATCHED_BLOCK = 2;
        private static final int WITH_USER = 0x10;

        Request(int db, boolean block, List<byte[][]> commands) {
            this(db, block, commands, List.of());
        }

        Request(int db, boolean block, List<byte[][]> commands, List<WatchedKey> watched) {
            this(db, block, commands, watched, null);
        }

        /** This request with its scripts checked against {@code user} (null: unchecked). */
        Request as(String user) {
            return new Request(db, block, commands, watched, user);
        }

        static Request single(int db, byte[][] argv) {
            return new Request(db, false, java.util.Collections.singletonList(argv));
        }

        private int kind() {
            return !block ? SINGLE : watched.isEmpty() ? BLOCK : WATCHED_BLOCK;
        }

        int encodedSize() {
            int size = 6 + (user == null ? 0 : 2 + user.length() * 3);
            if (!watched.isEmpty()) {
                size += 4;
                for (WatchedKey w : watched) {
                    size += 14 + w.key().length;
                }
            }
            for (byte[][] argv : commands) {
                size += 4;
                for (byte[] arg : argv) {
                    size += 4 + arg.length;
                }
            }
            return size;
        }
    }

    private CommandBatch() {}

    static byte[] encode(List<Request> requests) {
        int size = 5;
        for (Request r : requests) {
            size += r.encodedSize();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(LogOp.COMMANDS.ordinal());
            out.writeInt(requests.size());
            for (Request r : requests) {
                out.writeByte(r.db());
                out.writeByte(r.kind() | (r.user() != null ? Request.WITH_USER : 0));
                if (r.user() != null) {
                    out.writeUTF(r.user());
                }
                if (r.kind() == Request.WATCHED_BLOCK) {
                    out.writeInt(r.watched().size());
                    for (WatchedKey w : r.watched()) {
                        out.writeByte(w.db());
                        out.writeBoolean(w.expiredAtWatch());
                        out.writeLong(w.point());
                        out.writeInt(w.key().length);
                        out.write(w.key());
                    }
                }
                out.writeInt(r.commands().size());
                for (byte[][] argv : r.commands()) {
                    out.writeInt(argv.length);
                    for (byte[] arg : argv) {
                        out.writeInt(arg.length);
                        out.write(arg);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads the requests following the op code and timestamp. */
    static List<Request> decode(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Request> requests = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            int db = in.readUnsignedByte();
            int kind = in.readUnsignedByte();
            String user = null;
            if ((kind & Request.WITH_USER) != 0) {
                kind &= ~Request.WITH_USER;
                user = in.readUTF();
            }
            if (kind > Request.WATCHED_BLOCK) {
                throw new IOException("unknown request kind " + kind);
            }
            List<WatchedKey> watched = List.of();
            if (kind == Request.WATCHED_BLOCK) {
                int n = in.readInt();
                watched = new ArrayList<>(Math.min(n, 1024));
                for (int w = 0; w < n; w++) {
                    int watchedDb = in.readUnsignedByte();
                    boolean expired = in.readBoolean();
                    long point = in.readLong();
                    byte[] key = new byte[in.readInt()];
                    in.readFully(key);
                    watched.add(new WatchedKey(watchedDb, key, point, expired));
                }
            }
            int commandCount = in.readInt();
            List<byte[][]> commands = new ArrayList<>(Math.min(commandCount, 1024));
            for (int c = 0; c < commandCount; c++) {
                byte[][] argv = new byte[in.readInt()][];
                for (int a = 0; a < argv.length; a++) {
                    argv[a] = new byte[in.readInt()];
                    in.readFully(argv[a]);
                }
                commands.add(argv);
            }
            requests.add(new Request(db, kind != Request.SINGLE, commands, watched, user));
        }
        return requests;
    }
}
