package io.redraft.pubsub;

import java.util.ArrayList;
import java.util.List;

/** The publications of one log entry, collected while it applies, in order. */
public final class EntryPublications implements PublishSink {
    private final long index;
    private final List<Publication> publications = new ArrayList<>(0);

    public EntryPublications(long index) {
        this.index = index;
    }

    @Override
    public long publish(byte[] channel, byte[] message, boolean sharded) {
        long token = Publication.token(index, publications.size());
        publications.add(new Publication(channel, message, sharded));
        return token;
    }

    public long index() {
        return index;
    }

    public List<Publication> list() {
        return publications;
    }

    public boolean isEmpty() {
        return publications.isEmpty();
    }
}
