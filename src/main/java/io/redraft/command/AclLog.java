package io.redraft.command;

import io.redraft.resp.Reply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * ACL LOG: this node's recent denials and failed AUTHs, newest first, at most 128 (Redis's
 * acllog-max-len). A denial equal to a recent one (same reason, context, object and user, within
 * 60 s) only updates it, as Redis groups them.
 */
public final class AclLog {
    static final int MAX_LEN = 128;
    private static final long GROUP_MS = 60_000;

    private static final class Entry {
        final long id;
        final String reason;
        final String context;
        final String object;
        final String username;
        final long created;
        long updated;
        long count = 1;
        String clientInfo;

        Entry(long id, String reason, String context, String object, String username, long now, String clientInfo) {
            this.id = id;
            this.reason = reason;
            this.context = context;
            this.object = object;
            this.username = username;
            this.created = now;
            this.updated = now;
            this.clientInfo = clientInfo;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    synchronized void add(Session session, String reason, String context, String object, String username) {
        long now = System.currentTimeMillis();
        String info = ConnectionCommands.clientInfoLine(session, session.lastCommand());
        for (Entry e : entries) {
            if (now - e.updated < GROUP_MS && e.reason.equals(reason) && e.context.equals(context)
                    && e.object.equals(object) && e.username.equals(username)) {
                e.count++;
                e.updated = now;
                e.clientInfo = info;
                entries.remove(e);
                entries.addFirst(e);
                return;
            }
        }
        entries.addFirst(new Entry(nextId++, reason, context, object, username, now, info));
        while (entries.size() > MAX_LEN) {
            entries.removeLast();
        }
    }

    synchronized void reset() {
        entries.clear();
    }

    /** ACL LOG [count]: Redis 7.2's fields. */
    synchronized Reply reply(long count) {
        long now = System.currentTimeMillis();
        List<Reply> out = new ArrayList<>();
        Iterator<Entry> it = entries.iterator();
        while (it.hasNext() && out.size() < count) {
            Entry e = it.next();
            out.add(new Reply.MapReply(List.of(
                    Reply.bulk("count"), Reply.integer(e.count),
                    Reply.bulk("reason"), Reply.bulk(e.reason),
                    Reply.bulk("context"), Reply.bulk(e.context),
                    Reply.bulk("object"), Reply.bulk(e.object),
                    Reply.bulk("username"), Reply.bulk(e.username),
                    Reply.bulk("age-seconds"), new Reply.Dbl((now - e.created) / 1000.0),
                    Reply.bulk("client-info"), Reply.bulk(e.clientInfo),
                    Reply.bulk("entry-id"), Reply.integer(e.id),
                    Reply.bulk("timestamp-created"), Reply.integer(e.created),
                    Reply.bulk("timestamp-last-updated"), Reply.integer(e.updated))));
        }
        return Reply.array(out);
    }
}
