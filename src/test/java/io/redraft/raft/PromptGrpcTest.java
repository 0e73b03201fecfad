package io.redraft.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's Ratis settings name PromptGrpc as the transport, and Ratis resolves it to Ratis's own
 * gRPC (every cluster test then runs its appender). Its timing is measured by bench/compare.sh.
 */
class PromptGrpcTest {
    @TempDir
    Path dir;

    @Test
    void theServerSettingsResolveToPromptGrpc() {
        var properties = RaftSettings.server(dir, "127.0.0.1", 0, 1000, 500, 1000);
        RpcType type = RaftConfigKeys.Rpc.type(properties, s -> { });
        assertInstanceOf(PromptGrpc.class, type);
        assertEquals(SupportedRpcType.GRPC.name(), type.name());
        assertInstanceOf(GrpcFactory.class, type.newFactory(new Parameters()));
        assertEquals(SupportedRpcType.GRPC, type.newFactory(new Parameters()).getRpcType());
    }

    @Test
    void theLeaderStillLogsCommitIndexes() {
        // A restarted node relies on them to know which of its log tail was committed (RedraftNode).
        var properties = RaftSettings.server(dir, "127.0.0.1", 0, 1000, 500, 1000);
        assertTrue(RaftServerConfigKeys.Log.logMetadataEnabled(properties));
    }
}
