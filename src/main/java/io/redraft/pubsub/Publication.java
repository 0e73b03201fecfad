package io.redraft.pubsub;

/**
 * A message PUBLISH (or SPUBLISH, {@code sharded}) sent, as applying its log entry reports it.
 * Its token names it on every replica alike: the entry's log index and its place in the entry.
 */
public record Publication(byte[] channel, byte[] message, boolean sharded) {
    /** Bits of a token that hold the publication's ordinal within its entry. */
    static final int ORDINAL_BITS = 20;

    public static long token(long index, int ordinal) {
        if (ordinal >= 1 << ORDINAL_BITS) {
            throw new IllegalStateException("more than " + (1 << ORDINAL_BITS) + " publications in one entry");
        }
        return (index << ORDINAL_BITS) | ordinal;
    }

    public static long indexOf(long token) {
        return token >>> ORDINAL_BITS;
    }
}
