package io.redraft.raft;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** The Ratis settings Redraft runs with, in one place. */
final class RaftSettings {
    /**
     * Default election timeouts (the election_timeout_min/max settings); generous enough for a loaded 2-core
     * machine, short enough for ~1 s failover.
     */
    static final TimeDuration ELECTION_TIMEOUT_MIN = TimeDuration.valueOf(500, TimeUnit.MILLISECONDS);
    static final TimeDuration ELECTION_TIMEOUT_MAX = TimeDuration.valueOf(1000, TimeUnit.MILLISECONDS);

    private RaftSettings() {}

    static RaftProperties server(Path dataDir, String host, int port, long snapshotThreshold, long electionMinMs,
                                 long electionMaxMs) {
        RaftProperties p = new RaftProperties();
        // gRPC, not Ratis's Netty transport: the Netty client matches async replies to requests
        // in FIFO order and hands out swapped replies when the leader answers out of order, and
        // it has no server-to-server ReadIndex. PromptGrpc is Ratis's gRPC transport with a leader
        // that sends a lone write's entry at once instead of after Ratis's 1 ms minimum wait.
        p.set(RaftConfigKeys.Rpc.TYPE_KEY, PromptGrpc.class.getName());
        GrpcConfigKeys.Server.setHost(p, host);
        GrpcConfigKeys.Server.setPort(p, port);
        RaftServerConfigKeys.setStorageDir(p, List.of(dataDir.resolve("raft").toFile()));
        RaftServerConfigKeys.setRemovedGroupsDir(p, dataDir.resolve("removed-groups").toFile());

        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(electionMinMs, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(electionMaxMs, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(p, appenderRetryPolicy(electionMinMs));

        // Linearizable reads everywhere: ReadIndex, one heartbeat round per batch of reads
        // (ReplicatedStore). Not the leader lease: Ratis 3.3.0 renews it from any reply to the
        // leader's heartbeats, NOT_LEADER included, so a leader resumed after a pause renewed its
        // lease from the replies that deposed it and served stale reads until it stepped down
        // ~200 ms later (TESTING.md bug 14).
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, false);
        RaftServerConfigKeys.Read.setLeaderHeartbeatCheckEnabled(p, true); // Ratis's default: never skip the round
        RaftServerConfigKeys.Read.setTimeout(p, TimeDuration.valueOf(5, TimeUnit.SECONDS));

        // Acknowledge only what is fsynced (Ratis's default; stated so nobody "tunes" it away).
        RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
        RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
        // Off (Ratis 3.3.0 defaults it on): with it a follower accepts an empty AppendEntries whose
        // previous entry is only queued for append, and commits up to it over an old leader's
        // entries that the queued append is about to replace. The state machine applied them:
        // replicas diverged (TESTING.md bug 16), or the commit index passed the end of the
        // rewritten log and the follower was wedged (bug 15). StaleTailCommitTest replays it.
        RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(p, false);
        // The leader logs each new commit index (Ratis's default), so a restarted node knows which
        // entries of its log tail were committed before it stopped: pub/sub does not replay their
        // messages and ACL logins wait for their user changes (RedraftNode). Off, a lone write
        // took 0.58 ms instead of 0.80 (docs/PERFORMANCE.md), not worth losing that.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, true);
        // Memory: Ratis keeps the open segment's entries and up to cache.num.max closed segments
        // (3.2.0 defaults: 6 segments, 200 MB) on the heap after they are applied. Each entry is a
        // copy of commands the store already holds, so with 64 MB segments a node carried ~110 MB
        // of cached log for 1M small SETs (docs/PERFORMANCE.md, "Memory"). Small segments and a
        // 2-segment cache bound that to ~8 + 16 MB; a follower that lags further is fed from disk.
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf("8MB"));
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, 2);
        RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p, SizeInBytes.valueOf("16MB"));

        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, snapshotThreshold);
        RaftServerConfigKeys.Snapshot.setCreationGap(p, 1);
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, 1);
        return p;
    }

    /**
     * How long the leader's appender for a follower sleeps after its n-th error in a row:
     * 1 ms for the first ten, then a quarter of the minimum election timeout (randomized ±50 %).
     * Ratis's default sleeps 1 s from the 11th error and 5 s from the 31st, and it counts every
     * INCONSISTENCY reply as an error until an append succeeds. A follower that was down for ten
     * seconds had 30 errors when it came back, so each probe for the point where its log matches
     * the leader's waited 5 s: it took minutes to catch up, and meanwhile it did not answer within
     * an election timeout, so in a two-member (or joint) configuration the leader stepped down
     * again and again (TESTING.md bug 12). A down follower costs a few failed sends a second.
     */
    static String appenderRetryPolicy(long electionMinMs) {
        return "1ms,10, " + Math.max(1, electionMinMs / 4) + "ms," + Integer.MAX_VALUE;
    }

    /**
     * Retries while a leader is being found (connection refused, not leader: cheap, ~100 ms apart)
     * but gives up after two request timeouts, so a client waits seconds, not minutes, to learn
     * that a write's outcome is unknown.
     */
    static RetryPolicy retry(int maxAttempts) {
        TimeDuration sleep = TimeDuration.valueOf(100, TimeUnit.MILLISECONDS);
        return event -> {
            Throwable cause = event.getCause();
            boolean timedOut = cause instanceof TimeoutIOException || cause instanceof TimeoutException;
            if (event.getAttemptCount() >= maxAttempts || (timedOut && event.getCauseCount() >= 2)) {
                return RetryPolicy.NO_RETRY_ACTION;
            }
            return () -> sleep;
        };
    }

    /**
     * Membership and snapshot calls: creating or retiring a group opens or closes its storage, and a
     * configuration change waits for the new member to catch up, which takes seconds on a loaded
     * machine; these calls are rare, so they wait longer than writes.
     */
    static RaftProperties groupManagementClient() {
        return clientWithTimeout(20_000);
    }

    static RaftProperties clientWithTimeout(long requestTimeoutMs) {
        RaftProperties p = client();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(requestTimeoutMs, TimeUnit.MILLISECONDS));
        return p;
    }

    /** The server's parameters: TLS as {@link #parameters}, and the read barriers' quorums for its appenders. */
    static Parameters serverParameters(RaftTls tls, HeartbeatQuorum.Groups quorums) {
        Parameters p = parameters(tls);
        p.put(HeartbeatQuorum.PARAMETER, quorums, HeartbeatQuorum.Groups.class);
        return p;
    }

    /**
     * The gRPC TLS settings for the server and for every client this node builds (writes, reads,
     * group management): one mutual-TLS config for Ratis's server, client and admin services.
     */
    static Parameters parameters(RaftTls tls) {
        Parameters p = new Parameters();
        if (tls != null) {
            GrpcTlsConfig conf = new GrpcTlsConfig(tls.keyFile().toFile(), tls.certFile().toFile(),
                    tls.caCertFile().toFile(), true);
            GrpcConfigKeys.TLS.setConf(p, conf);
            GrpcConfigKeys.Server.setTlsConf(p, conf);
            GrpcConfigKeys.Client.setTlsConf(p, conf);
            GrpcConfigKeys.Admin.setTlsConf(p, conf);
        }
        return p;
    }

    static RaftProperties client() {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        return p;
    }
}
