package io.redraft.raft;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.grpc.server.GrpcLogAppender;
import org.apache.ratis.proto.RaftProtos.AppendEntriesReplyProto;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.rpc.RpcFactory;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.leader.FollowerInfo;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppender;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLogIOException;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.TimeDuration;

/**
 * Ratis's gRPC transport with two changes to the leader's appenders, one per follower: how they
 * pace AppendEntries, and what they report to {@link HeartbeatQuorum} (which requests, sent when,
 * each follower accepted) for read barriers. Ratis takes a user-defined transport as a class name
 * in {@code raft.rpc.type} (RaftSettings); the quorums travel in the server's {@code Parameters}.
 *
 * <p>Ratis's appender waits until {@code raft.server.log.appender.wait-time.min} (1 ms) has passed
 * since its last send to a follower before sending again, so that entries arriving meanwhile share
 * one AppendEntries and one follower fsync. A lone client always paid that wait: the leader tells
 * the followers the new commit index right after each write commits, and the client's next write
 * arrives well within 1 ms of that send. {@link PromptLogAppender} waits only while entries are
 * still in flight to the follower, when batching pays, and sends at once when the follower has
 * acknowledged them.
 */
public final class PromptGrpc implements RpcType {
    public PromptGrpc() {}

    @Override
    public String name() {
        return SupportedRpcType.GRPC.name();
    }

    @Override
    public RpcFactory newFactory(Parameters parameters) {
        return new Factory(parameters);
    }

    private static final class Factory extends GrpcFactory {
        private final HeartbeatQuorum.Groups quorums;

        Factory(Parameters parameters) {
            super(parameters);
            // RaftNode always passes its quorums; a factory built without them (PromptGrpcTest)
            // reports to quorums nobody waits on.
            HeartbeatQuorum.Groups given = parameters.get(HeartbeatQuorum.PARAMETER, HeartbeatQuorum.Groups.class);
            this.quorums = given != null ? given : new HeartbeatQuorum.Groups();
        }

        @Override
        public LogAppender newLogAppender(RaftServer.Division server, LeaderState state, FollowerInfo follower) {
            HeartbeatQuorum quorum = quorums.of(server.getMemberId().getGroupId());
            return new PromptLogAppender(server, new ReportingLeaderState(state), follower, quorum);
        }
    }

    /**
     * Ratis's leader state as the appender sees it, with the one hook Ratis offers into reply
     * handling: every AppendEntries reply that does not depose the leader comes through
     * {@link #onAppendEntriesReply}, and the successful ones go to the quorum.
     */
    private record ReportingLeaderState(LeaderState ratis) implements LeaderState {
        @Override
        public void restart(LogAppender appender) {
            ratis.restart(appender);
        }

        @Override
        public AppendEntriesRequestProto newAppendEntriesRequestProto(FollowerInfo follower,
                List<LogEntryProto> entries, TermIndex previous, long callId) {
            return ratis.newAppendEntriesRequestProto(follower, entries, previous, callId);
        }

        @Override
        public void checkHealth(FollowerInfo follower) {
            ratis.checkHealth(follower);
        }

        @Override
        public boolean onFollowerTerm(FollowerInfo follower, long followerTerm) {
            return ratis.onFollowerTerm(follower, followerTerm);
        }

        @Override
        public void onFollowerCommitIndex(FollowerInfo follower, long commitIndex) {
            ratis.onFollowerCommitIndex(follower, commitIndex);
        }

        @Override
        public void onFollowerSuccessAppendEntries(FollowerInfo follower) {
            ratis.onFollowerSuccessAppendEntries(follower);
        }

        @Override
        public boolean isFollowerBootstrapping(FollowerInfo follower) {
            return ratis.isFollowerBootstrapping(follower);
        }

        @Override
        public void onAppendEntriesReply(LogAppender appender, AppendEntriesReplyProto reply) {
            if (reply.getResult() == AppendEntriesReplyProto.AppendResult.SUCCESS
                    && reply.getServerReply().getSuccess() && appender instanceof PromptLogAppender prompt) {
                prompt.accepted(reply.getServerReply().getCallId(), reply.getTerm());
            }
            ratis.onAppendEntriesReply(appender, reply);
        }
    }

    /**
     * Skips the minimum wait when no client or configuration entry is in flight to the follower.
     * Ratis's commit-index records (log metadata entries, appended after each commit) do not count:
     * one goes out right after every commit, and waiting behind it would put the lone client's
     * next write back behind the 1 ms wait. Runs on the appender's own thread, like everything it
     * overrides: Ratis builds a request ({@link #newAppendEntriesRequest}), records it as pending,
     * then asks {@link #getRemainingWaitTime} whether to wait before sending; between sends it
     * asks again to decide how long to sleep. A follower that stops answering keeps its data in
     * flight, so it gets Ratis's own pacing.
     */
    static final class PromptLogAppender extends GrpcLogAppender {
        /** Requests this many unanswered are forgotten (a follower that stopped answering). */
        private static final int MAX_UNANSWERED = 4096;

        private final HeartbeatQuorum quorum;
        /** When each unanswered request was built (no later than sent), by call id. */
        private final ConcurrentSkipListMap<Long, Long> builtNanos = new ConcurrentSkipListMap<>();
        /** The leader term of this appender's requests (an appender lives within one term). */
        private volatile long term = -1;
        /** Index of the last client or configuration entry sent to this follower. */
        private long lastDataIndex;
        /** The request being prepared found no data in flight to this follower. */
        private boolean aloneInFlight;

        PromptLogAppender(RaftServer.Division server, LeaderState state, FollowerInfo follower,
                          HeartbeatQuorum quorum) {
            super(server, state, follower);
            this.quorum = quorum;
            quorum.register(this);
        }

        @Override
        public CompletableFuture<LifeCycle.State> stopAsync() {
            quorum.unregister(this);
            return super.stopAsync();
        }

        /** The follower accepted the request {@code callId} of {@code replyTerm}. */
        void accepted(long callId, long replyTerm) {
            Long built = builtNanos.get(callId);
            builtNanos.headMap(callId, true).clear(); // answered, or overtaken by this answer
            if (built != null && replyTerm == term) {
                quorum.accepted(getFollowerId(), term, built);
            }
        }

        @Override
        public AppendEntriesRequestProto newAppendEntriesRequest(long callId, boolean heartbeat)
                throws RaftLogIOException {
            long now = System.nanoTime();
            AppendEntriesRequestProto request = super.newAppendEntriesRequest(callId, heartbeat);
            if (request != null) {
                term = request.getLeaderTerm();
                builtNanos.put(callId, now);
                if (builtNanos.size() > MAX_UNANSWERED) {
                    builtNanos.pollFirstEntry();
                }
                aloneInFlight = !dataInFlight();
                for (LogEntryProto entry : request.getEntriesList()) {
                    if (!entry.hasMetadataEntry()) {
                        lastDataIndex = Math.max(lastDataIndex, entry.getIndex());
                    }
                }
            }
            return request;
        }

        @Override
        protected TimeDuration getRemainingWaitTime() {
            boolean sendNow = aloneInFlight || !dataInFlight();
            aloneInFlight = false;
            return sendNow ? TimeDuration.ZERO : super.getRemainingWaitTime();
        }

        private boolean dataInFlight() {
            return getFollower().getMatchIndex() < lastDataIndex;
        }
    }
}
