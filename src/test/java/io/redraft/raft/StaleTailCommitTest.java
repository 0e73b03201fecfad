package io.redraft.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.AppendEntriesReplyProto;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftGroupIdProto;
import org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.proto.RaftProtos.TermIndexProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower must never apply an entry that a new leader's log replaces (TESTING.md bugs 15 and 16).
 * The follower here is a real Ratis server on the node's settings; the test plays two leaders:
 * a deposed one that left an uncommitted tail, and its successor, which overwrites the start of
 * that tail and, right behind it, sends a heartbeat whose commit index covers the overwritten
 * entries. With Ratis's "append-entries compose" on, the heartbeat is accepted while the
 * overwrite is still queued and commits the stale entries, which the state machine then applies.
 */
class StaleTailCommitTest {
    private static final int ROUNDS = 60;
    private static final int STALE_TAIL = 10;
    private static final int OVERWRITE = 3;

    private static final RaftGroupId GROUP = RaftGroupId.randomId();
    private static final RaftPeerId FOLLOWER = RaftPeerId.valueOf("f");
    private static final RaftPeerId OLD_LEADER = RaftPeerId.valueOf("a");
    private static final RaftPeerId NEW_LEADER = RaftPeerId.valueOf("b");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aHeartbeatRightBehindAnOverwriteNeverCommitsTheReplacedEntries() throws Exception {
        // Long election timeouts: the follower must not campaign while the test plays the leaders.
        RaftProperties properties = RaftSettings.server(dir, "127.0.0.1", 0, 1_000_000, 60_000, 90_000);
        runRounds(properties);
    }

    private void runRounds(RaftProperties properties) throws Exception {
        TermRecorder applied = new TermRecorder();
        RaftGroup group = RaftGroup.valueOf(GROUP,
                RaftPeer.newBuilder().setId(FOLLOWER).setAddress("127.0.0.1:1").build(),
                RaftPeer.newBuilder().setId(OLD_LEADER).setAddress("127.0.0.1:2").build(),
                RaftPeer.newBuilder().setId(NEW_LEADER).setAddress("127.0.0.1:3").build());
        try (RaftServer server = RaftServer.newBuilder()
                .setServerId(FOLLOWER)
                .setGroup(group)
                .setStateMachine(applied)
                .setProperties(properties)
                .setParameters(RaftSettings.serverParameters(null, new HeartbeatQuorum.Groups()))
                .setOption(RaftStorage.StartupOption.FORMAT)
                .build()) {
            server.start();
            Leaders leaders = new Leaders(server);
            long committed = -1; // the last index every round agreed on
            long term = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long oldTerm = ++term;
                long newTerm = ++term;
                // The deposed leader's tail: written and flushed on the follower, never committed.
                leaders.append(OLD_LEADER, oldTerm, committed, leaders.termAt(committed),
                        entries(oldTerm, committed + 1, STALE_TAIL), committed).get(10, TimeUnit.SECONDS);
                // Its successor overwrites the start of that tail and at once tells the follower,
                // with an empty request, that the overwritten entries are committed.
                long last = committed + OVERWRITE;
                CompletableFuture<AppendEntriesReplyProto> overwrite = leaders.append(NEW_LEADER, newTerm,
                        committed, leaders.termAt(committed), entries(newTerm, committed + 1, OVERWRITE), committed);
                CompletableFuture<AppendEntriesReplyProto> heartbeat =
                        leaders.append(NEW_LEADER, newTerm, last, newTerm, List.of(), last);
                overwrite.get(10, TimeUnit.SECONDS);
                heartbeat.get(10, TimeUnit.SECONDS);
                leaders.append(NEW_LEADER, newTerm, last, newTerm, List.of(), last).get(10, TimeUnit.SECONDS);
                leaders.terms.put(last, newTerm);
                applied.awaitApplied(last);
                for (long i = committed + 1; i <= last; i++) {
                    assertEquals(newTerm, applied.termOf(i),
                            "round " + round + ": index " + i + " applied from term " + applied.termOf(i)
                                    + ", but the log that committed it has term " + newTerm + " there");
                }
                committed = last;
            }
        }
    }

    private static List<LogEntryProto> entries(long term, long firstIndex, int count) {
        List<LogEntryProto> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long index = firstIndex + i;
            entries.add(LogEntryProto.newBuilder()
                    .setTerm(term)
                    .setIndex(index)
                    .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder()
                            .setLogData(ByteString.copyFromUtf8("t" + term + "i" + index))
                            .setClientId(ClientId.randomId().toByteString())
                            .setCallId(index))
                    .build());
        }
        return entries;
    }

    /** Sends AppendEntries to the follower as whichever leader a step plays. */
    private static final class Leaders {
        private final RaftServer follower;
        private final Map<Long, Long> terms = new ConcurrentHashMap<>(); // committed index -> term
        private long callId;

        Leaders(RaftServer follower) {
            this.follower = follower;
        }

        long termAt(long index) {
            return terms.getOrDefault(index, 0L);
        }

        CompletableFuture<AppendEntriesReplyProto> append(RaftPeerId leader, long term, long previousIndex,
                long previousTerm, List<LogEntryProto> entries, long leaderCommit) throws Exception {
            AppendEntriesRequestProto.Builder request = AppendEntriesRequestProto.newBuilder()
                    .setServerRequest(RaftRpcRequestProto.newBuilder()
                            .setRequestorId(leader.toByteString())
                            .setReplyId(FOLLOWER.toByteString())
                            .setRaftGroupId(RaftGroupIdProto.newBuilder().setId(GROUP.toByteString()))
                            .setCallId(++callId))
                    .setLeaderTerm(term)
                    .addAllEntries(entries)
                    .setLeaderCommit(leaderCommit)
                    .setInitializing(false);
            if (previousIndex >= 0) {
                request.setPreviousLog(TermIndexProto.newBuilder().setTerm(previousTerm).setIndex(previousIndex));
            }
            return follower.appendEntriesAsync(request.build());
        }
    }

    /** A state machine that remembers which term each applied index came from. */
    private static final class TermRecorder extends BaseStateMachine {
        private final Map<Long, Long> terms = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
            LogEntryProto entry = trx.getLogEntry();
            terms.put(entry.getIndex(), entry.getTerm());
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            return CompletableFuture.completedFuture(Message.EMPTY);
        }

        long termOf(long index) {
            return terms.getOrDefault(index, -1L);
        }

        void awaitApplied(long index) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (getLastAppliedTermIndex().getIndex() < index) {
                assertTrue(System.nanoTime() < deadline, "index " + index + " not applied within 10 s; applied "
                        + getLastAppliedTermIndex());
                Thread.sleep(1);
            }
        }
    }
}
