package io.redraft.command;

import io.redraft.resp.Reply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Puts replies whose order is the hash table's layout (SMEMBERS, HGETALL, HKEYS, KEYS, ... —
 * the commands Redis tags {@code nondeterministic_output(_order)}) into unsigned byte order
 * before a logged script sees them, as Redis before 5 sorted them for scripts. Replicas lay out
 * their tables differently (a restored one inserts in sorted order), so without this a script
 * could write something different on each.
 */
final class ScriptReplyOrder {
    private static final Comparator<Reply> BYTES = (a, b) -> Arrays.compareUnsigned(bytes(a), bytes(b));

    private ScriptReplyOrder() {
    }

    static boolean layoutOrdered(CommandInfo info) {
        return info.tips().contains("nondeterministic_output_order") || info.tips().contains("nondeterministic_output");
    }

    static Reply canonical(Reply reply) {
        if (reply instanceof Reply.Array a) {
            List<Reply> items = a.items();
            if (items.size() == 2 && items.get(0) instanceof Reply.Bulk && items.get(1) instanceof Reply.Array) {
                return Reply.array(items.get(0), canonical(items.get(1))); // SCAN-style [cursor, elements]
            }
            return allBulk(items) ? Reply.array(sorted(items)) : reply;
        }
        if (reply instanceof Reply.SetReply s) {
            return allBulk(s.items()) ? new Reply.SetReply(sorted(s.items())) : reply;
        }
        if (reply instanceof Reply.MapReply m) {
            return new Reply.MapReply(sortedPairs(m.keysAndValues()));
        }
        if (reply instanceof Reply.Pairs p) {
            return new Reply.Pairs(sortedPairs(p.flat()));
        }
        return reply;
    }

    private static boolean allBulk(List<Reply> items) {
        for (Reply r : items) {
            if (!(r instanceof Reply.Bulk)) {
                return false;
            }
        }
        return true;
    }

    private static List<Reply> sorted(List<Reply> items) {
        List<Reply> out = new ArrayList<>(items);
        out.sort(BYTES);
        return out;
    }

    /** Key/value pairs sorted by key (then value, for replies that may repeat a key). */
    private static List<Reply> sortedPairs(List<Reply> flat) {
        List<Reply[]> pairs = new ArrayList<>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            pairs.add(new Reply[] {flat.get(i), flat.get(i + 1)});
        }
        pairs.sort((x, y) -> {
            int c = BYTES.compare(x[0], y[0]);
            return c != 0 ? c : BYTES.compare(x[1], y[1]);
        });
        List<Reply> out = new ArrayList<>(flat.size());
        for (Reply[] p : pairs) {
            out.add(p[0]);
            out.add(p[1]);
        }
        return out;
    }

    private static byte[] bytes(Reply r) {
        if (r instanceof Reply.Bulk b) {
            return b.value();
        }
        if (r instanceof Reply.Dbl d) {
            return Double.toString(d.value()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        if (r instanceof Reply.Int i) {
            return Long.toString(i.value()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return new byte[0];
    }
}
