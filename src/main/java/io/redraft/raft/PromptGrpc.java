package io.redraft.raft;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.grpc.server.GrpcLogAppender;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.rpc.RpcFactory;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.leader.FollowerInfo;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppender;
import org.apache.ratis.server.raftlog.RaftLogIOException;
import org.apache.ratis.util.TimeDuration;

/**
 * Ratis's gRPC transport with one change: how the leader paces AppendEntries to a follower.
 * Ratis takes a user-defined transport as a class name in {@code raft.rpc.type} (RaftSettings).
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
        Factory(Parameters parameters) {
            super(parameters);
        }

        @Override
        public LogAppender newLogAppender(RaftServer.Division server, LeaderState state, FollowerInfo follower) {
            return new PromptLogAppender(server, state, follower);
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
        /** Index of the last client or configuration entry sent to this follower. */
        private long lastDataIndex;
        /** The request being prepared found no data in flight to this follower. */
        private boolean aloneInFlight;

        PromptLogAppender(RaftServer.Division server, LeaderState state, FollowerInfo follower) {
            super(server, state, follower);
        }

        @Override
        public AppendEntriesRequestProto newAppendEntriesRequest(long callId, boolean heartbeat)
                throws RaftLogIOException {
            AppendEntriesRequestProto request = super.newAppendEntriesRequest(callId, heartbeat);
            if (request != null) {
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
