package io.redraft.command;

import io.redraft.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Renders replies as compact text so tests can compare them (records holding byte[] compare by identity). */
final class Replies {

    private Replies() {
    }

    static String show(Reply r) {
        if (r instanceof Reply.Status s) {
            return "+" + s.text();
        }
        if (r instanceof Reply.Error e) {
            return "-" + e.text();
        }
        if (r instanceof Reply.Int i) {
            return ":" + i.value();
        }
        if (r instanceof Reply.Bulk b) {
            return "\"" + new String(b.value(), StandardCharsets.UTF_8) + "\"";
        }
        if (r instanceof Reply.Null) {
            return "(nil)";
        }
        if (r instanceof Reply.Array a) {
            return "[" + join(a.items()) + "]";
        }
        if (r instanceof Reply.SetReply s) {
            return "~[" + join(s.items()) + "]";
        }
        if (r instanceof Reply.MapReply m) {
            StringBuilder sb = new StringBuilder("{");
            List<Reply> kv = m.keysAndValues();
            for (int i = 0; i < kv.size(); i += 2) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(show(kv.get(i))).append('=').append(show(kv.get(i + 1)));
            }
            return sb.append('}').toString();
        }
        if (r instanceof Reply.Verbatim v) {
            return "=" + v.format() + ":" + new String(v.value(), StandardCharsets.UTF_8);
        }
        if (r instanceof Reply.Dbl d) {
            return "," + d.value();
        }
        if (r instanceof Reply.Bool b) {
            return b.value() ? "#t" : "#f";
        }
        if (r instanceof Reply.Push p) {
            return ">[" + join(p.items()) + "]";
        }
        if (r instanceof Reply.Frames f) {
            StringBuilder sb = new StringBuilder();
            for (Reply frame : f.frames()) {
                sb.append(sb.length() == 0 ? "" : " ").append(show(frame));
            }
            return sb.toString(); // frames back to back, as the client reads them
        }
        if (r instanceof Reply.Pairs p) {
            return "[" + join(p.flat()) + "]"; // the RESP2 shape
        }
        throw new IllegalArgumentException(String.valueOf(r));
    }

    private static String join(List<Reply> items) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(show(items.get(i)));
        }
        return sb.toString();
    }

    static byte[][] argv(String... args) {
        byte[][] argv = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return argv;
    }
}
