package io.redraft.command;

import io.redraft.resp.Reply;
import java.util.concurrent.CompletionStage;

/** Redraft's own cluster administration commands; they delegate to the node. */
public final class ClusterCommands {

    private ClusterCommands() {
    }

    /** BOOTSTRAP id raft_addr */
    public static CompletionStage<Reply> bootstrap(Session session, byte[][] argv) {
        return session.node().bootstrap(Args.str(argv[1]), Args.str(argv[2]));
    }

    /** JOIN id raft_addr */
    public static CompletionStage<Reply> join(Session session, byte[][] argv) {
        return session.node().join(Args.str(argv[1]), Args.str(argv[2]));
    }

    /** REMOVE id */
    public static CompletionStage<Reply> remove(Session session, byte[][] argv) {
        return session.node().remove(Args.str(argv[1]));
    }

    public static CompletionStage<Reply> leader(Session session, byte[][] argv) {
        return session.node().leader();
    }

    public static CompletionStage<Reply> nodes(Session session, byte[][] argv) {
        return session.node().nodes();
    }

    public static CompletionStage<Reply> snapshot(Session session, byte[][] argv) {
        return session.node().snapshot();
    }
}
