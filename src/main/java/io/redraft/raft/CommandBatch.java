package io.redraft.raft;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire format of a {@link LogOp#COMMANDS} payload, the unit of replication: a list of client
 * requests, each {@code [db][is EXEC block][command count][argc][args...]...}.
 */
final class CommandBatch {
    /** One client request: a single command, or a MULTI/EXEC block whose reply is one array. */
    record Request(int db, boolean block, List<byte[][]> commands) {
        static Request single(int db, byte[][] argv) {
            return new Request(db, false, java.util.Collections.singletonList(argv));
        }

        int encodedSize() {
            int size = 6;
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
                out.writeBoolean(r.block());
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
            boolean block = in.readBoolean();
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
            requests.add(new Request(db, block, commands));
        }
        return requests;
    }
}
