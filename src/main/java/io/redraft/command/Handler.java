package io.redraft.command;

import io.redraft.resp.Reply;
import java.util.concurrent.CompletionStage;

/** How a command runs; the kind decides whether it goes through the Raft log. */
public sealed interface Handler {

    /** Mutates the store; replicated as part of a log entry and applied deterministically. */
    @FunctionalInterface
    non-sealed interface Write extends Handler {
        Reply apply(ExecContext ctx, byte[][] argv);
    }

    /** Reads the store without mutating it; runs after a linearizable read barrier. */
    @FunctionalInterface
    non-sealed interface Read extends Handler {
        Reply read(ExecContext ctx, byte[][] argv);
    }

    /** Runs on the connection: connection state, server introspection, cluster admin. */
    @FunctionalInterface
    non-sealed interface Local extends Handler {
        CompletionStage<Reply> handle(Session session, byte[][] argv);
    }
}
