package io.redraft.raft;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Wire format of a {@link LogOp#COMMANDS} payload: the unit of replication. */
final class CommandBatch {
    /** One client command and the database it runs in. */
    record Command(int db, byte[][] argv) {
        int encodedSize() {
            int size = 5;
            for (byte[] arg : argv) {
                size += 4 + arg.length;
            }
            return size;
        }
    }

    private CommandBatch() {}

    static byte[] encode(List<Command> commands) {
        int size = 5;
        for (Command c : commands) {
            size += c.encodedSize();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(LogOp.COMMANDS.ordinal());
            out.writeInt(commands.size());
            for (Command c : commands) {
                out.writeByte(c.db());
                out.writeInt(c.argv().length);
                for (byte[] arg : c.argv()) {
                    out.writeInt(arg.length);
                    out.write(arg);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads the commands following the op code and timestamp. */
    static List<Command> decode(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Command> commands = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            int db = in.readUnsignedByte();
            byte[][] argv = new byte[in.readInt()][];
            for (int a = 0; a < argv.length; a++) {
                argv[a] = new byte[in.readInt()];
                in.readFully(argv[a]);
            }
            commands.add(new Command(db, argv));
        }
        return commands;
    }
}
