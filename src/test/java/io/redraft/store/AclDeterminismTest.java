package io.redraft.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.command.AclCommands;
import io.redraft.command.CommandSpec;
import io.redraft.command.CommandTable;
import io.redraft.command.ExecContext;
import io.redraft.command.Handler;
import io.redraft.resp.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.junit.jupiter.api.Test;

/** ACL users are replicated state: the same log gives the same table everywhere, and snapshots carry it. */
class AclDeterminismTest {
    static final CommandTable TABLE = CommandTable.standard();

    static List<byte[][]> log() {
        List<byte[][]> log = new ArrayList<>();
        String[][] commands = {
            {"ACL", "SETUSER", "alice", "on", ">pw", "~app:*", "%R~ro:*", "&chat", "+@read", "-hgetall"},
            {"ACL", "SETUSER", "bob", "on", "nopass", "allkeys", "allchannels", "+@all", "-@dangerous"},
            {"ACL", "SETUSER", "alice", ">second", "<pw", "+set"},
            {"ACL", "SETUSER", "carol", "on", "bogus"}, // refused: changes nothing
            {"ACL", "SETUSER", "dave", "on", ">x"},
            {"ACL", "DELUSER", "dave", "nobody"},
            {"ACL", "SETUSER", "default", "resetpass", ">secret"},
        };
        for (String[] c : commands) {
            log.add(argv(c));
        }
        return log;
    }

    static byte[][] argv(String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return argv;
    }

    static List<Reply> apply(Store store, List<byte[][]> log) {
        List<Reply> replies = new ArrayList<>();
        for (byte[][] argv : log) {
            CommandSpec spec = TABLE.lookupCommand(argv, 0);
            replies.add(((Handler.Write) spec.handler()).apply(new ExecContext(store, 0, 1L), argv));
        }
        return replies;
    }

    static byte[] snapshot(Store store) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StoreSnapshot.write(store, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @Test
    void sameLogSameUsersAndSnapshotsRestoreThem() throws IOException {
        Store a = new Store();
        Store b = new Store();
        List<Reply> replies = apply(a, log());
        assertEquals(replies, apply(b, log()));
        assertEquals(a.acl().users(), b.acl().users());
        assertArrayEquals(snapshot(a), snapshot(b));
        Map<String, String> users = a.acl().users();
        assertEquals(List.of("alice", "bob", "default"), List.copyOf(users.keySet()));
        assertFalse(users.get("alice").contains("pw"), "passwords are kept as SHA-256 only");
        assertTrue(a.acl().defaultConfigured());

        Store restored = new Store();
        StoreSnapshot.read(new DataInputStream(new ByteArrayInputStream(snapshot(a))), restored);
        assertEquals(users, restored.acl().users());
        assertTrue(restored.acl().defaultConfigured());
        assertArrayEquals(snapshot(a), snapshot(restored));
        // the restored replica applies further entries like the others
        List<byte[][]> more = List.<byte[][]>of(argv("ACL", "SETUSER", "bob", "off"));
        apply(a, more);
        apply(restored, more);
        assertArrayEquals(snapshot(a), snapshot(restored));
    }

    @Test
    void requirepassProposalsApplyOnlyUntilTheDefaultUserIsConfigured() {
        Store store = new Store();
        AclCommands.initDefaultPassword(store.acl(), "a".repeat(64));
        AclCommands.initDefaultPassword(store.acl(), "b".repeat(64)); // a later node's: ignored
        assertEquals("on sanitize-payload #" + "a".repeat(64) + " ~* &* +@all", store.acl().rules("default"));
        Store other = new Store();
        apply(other, List.<byte[][]>of(argv("ACL", "SETUSER", "default", "nopass")));
        AclCommands.initDefaultPassword(other.acl(), "a".repeat(64));
        assertEquals("on nopass sanitize-payload ~* &* +@all", other.acl().rules("default"));
    }

    @Test
    void version2SnapshotsLoadWithAFreshServersUsers() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
        DataOutputStream data = new DataOutputStream(checked);
        data.write(StoreSnapshot.MAGIC);
        data.writeInt(2);
        data.writeInt(Store.DATABASES);
        for (int db = 0; db < Store.DATABASES; db++) {
            data.writeLong(0);
        }
        data.writeInt(0); // scripts
        data.flush();
        out.writeLong(checked.getChecksum().getValue());
        Store store = new Store();
        apply(store, log());
        StoreSnapshot.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), store);
        assertEquals(Map.of("default", AclTable.DEFAULT_RULES), store.acl().users());
        assertFalse(store.acl().defaultConfigured());
    }
}
