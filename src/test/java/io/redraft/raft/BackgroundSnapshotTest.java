package io.redraft.raft;

import static io.redraft.raft.TestNodes.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.resp.Reply;
import io.redraft.store.Entry;
import io.redraft.store.Key;
import io.redraft.store.Store;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot is written off the apply thread: while it is being written (held here until the
 * test lets it go) writes keep being applied and acknowledged, and the file still holds exactly
 * the state at its index; a restart from it plus the log tail has every later write.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BackgroundSnapshotTest {
    private static final int KEYS = 2_000;

    @TempDir
    Path dir;

    @Test
    void writesGoOnWhileASnapshotIsWrittenAndTheFileHoldsItsOwnIndex() throws Exception {
        Path data = dir.resolve("n1");
        int port = TestNodes.freePort();
        long snapshotIndex;
        long applied;
        try (RaftNode node = TestNodes.bootstrapped("n1", port, data)) {
            ReplicatedStore store = new ReplicatedStore(node);
            setAll(store, "before");

            RedraftStateMachine sm = node.stateMachine();
            CompletableFuture<Void> release = new CompletableFuture<>();
            sm.holdSnapshotWrites(release);
            CompletableFuture<Long> snapshot = CompletableFuture.supplyAsync(() -> {
                try {
                    return node.snapshot(60_000);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            awaitTrue(() -> sm.snapshotWrite() != null, "a snapshot captured and being written");

            setAll(store, "after"); // applied and acknowledged while the snapshot is held
            assertFalse(snapshot.isDone(), "the snapshot was held");
            release.complete(null);
            snapshotIndex = snapshot.get(60, TimeUnit.SECONDS);
            assertTrue(snapshotIndex < node.lastAppliedIndex(), "the writes came after the snapshot's index");

            File file = sm.getStateMachineStorage().getLatestSnapshot().getFile().getPath().toFile();
            assertEquals(snapshotIndex, sm.getStateMachineStorage().getLatestSnapshot().getIndex());
            Store loaded = new Store();
            SnapshotFile.read(file, loaded);
            for (int i = 0; i < KEYS; i++) {
                Entry e = loaded.db(0).entries().get(Key.of("k" + i));
                assertNotNull(e, "k" + i + " in the snapshot");
                assertArrayEquals(bytes("before" + i), (byte[]) e.value(), "k" + i + " in the snapshot");
            }
            applied = node.lastAppliedIndex();
        }

        // A restart loads the snapshot and replays the writes after it.
        try (RaftNode node = TestNodes.started("n1", port, data)) {
            awaitTrue(node::isLeader, "n1 leads again");
            awaitTrue(() -> node.lastAppliedIndex() >= applied, "the log tail replayed");
            Store store = node.stateMachine().store();
            for (int i = 0; i < KEYS; i++) {
                assertArrayEquals(bytes("after" + i), (byte[]) store.db(0).entries().get(Key.of("k" + i)).value());
            }
        }
    }

    private static void setAll(ReplicatedStore store, String prefix) throws Exception {
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            replies.add(store.write(0, new byte[][] {bytes("SET"), bytes("k" + i), bytes(prefix + i)})
                    .toCompletableFuture());
        }
        for (CompletableFuture<Reply> reply : replies) {
            assertEquals(Reply.OK, reply.get(30, TimeUnit.SECONDS));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
