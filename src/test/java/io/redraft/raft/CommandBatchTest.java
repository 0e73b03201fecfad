package io.redraft.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandBatchTest {

    static List<CommandBatch.Request> roundTrip(List<CommandBatch.Request> requests) throws IOException {
        byte[] bytes = CommandBatch.encode(requests);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        assertEquals(LogOp.COMMANDS.ordinal(), in.readUnsignedByte());
        return CommandBatch.decode(in);
    }

    @Test
    void aScriptsAclUserTravelsWithItsRequestAndPlainRequestsKeepTheOldFormat() throws IOException {
        byte[][] eval = {"EVAL".getBytes(), "return 1".getBytes(), "0".getBytes()};
        byte[][] set = {"SET".getBytes(), "k".getBytes(), "v".getBytes()};
        List<CommandBatch.Request> decoded = roundTrip(List.of(CommandBatch.Request.single(3, eval).as("alice"),
                CommandBatch.Request.single(0, set)));
        assertEquals("alice", decoded.get(0).user());
        assertEquals(3, decoded.get(0).db());
        assertArrayEquals(eval[1], decoded.get(0).commands().get(0)[1]);
        assertNull(decoded.get(1).user());
        assertArrayEquals(set[2], decoded.get(1).commands().get(0)[2]);
        // a request without a user is encoded exactly as before: [db][kind 0][count 1]...
        byte[] bytes = CommandBatch.encode(List.of(CommandBatch.Request.single(0, set)));
        assertEquals(0, bytes[1 + 4 + 1]);
    }
}
