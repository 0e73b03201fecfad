package io.redraft.raft;

/** A write that may or may not have been applied: the client is told so, never that it failed. */
final class OutcomeUnknownException extends RuntimeException {
    OutcomeUnknownException(String message) {
        super(message, null, false, false);
    }
}
