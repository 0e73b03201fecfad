package io.redraft.pubsub;

/** Where a write reports the messages it publishes; the hosting node delivers them after the entry applies. */
@FunctionalInterface
public interface PublishSink {
    /** Records the message and returns its token (see {@link Publication#token}). */
    long publish(byte[] channel, byte[] message, boolean sharded);

    /** For contexts that deliver nowhere (reads); the token 0 resolves to no receivers. */
    PublishSink NONE = (channel, message, sharded) -> 0;
}
