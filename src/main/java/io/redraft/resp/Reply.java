package io.redraft.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A reply in RESP3's data model. Encoded as RESP2 or RESP3 per connection by {@link ReplyEncoder},
 * so command code never has to know which protocol a client speaks.
 */
public sealed interface Reply {

    /** {@code +OK}-style status line. */
    record Status(String text) implements Reply {}

    /** Error line; {@code text} carries the code prefix, e.g. {@code "ERR syntax error"}. */
    record Error(String text) implements Reply {}

    record Int(long value) implements Reply {}

    record Bulk(byte[] value) implements Reply {}

    /** RESP3 double; RESP2 sends it as a bulk string. */
    record Dbl(double value) implements Reply {}

    /** RESP3 boolean; RESP2 sends it as integer 1 or 0. */
    record Bool(boolean value) implements Reply {}

    /** Null. {@code array} selects RESP2's {@code *-1} rather than {@code $-1}. */
    record Null(boolean array) implements Reply {}

    record Array(List<Reply> items) implements Reply {}

    /** RESP3 map (alternating keys and values); RESP2 sends a flat array. */
    record MapReply(List<Reply> keysAndValues) implements Reply {}

    /**
     * Member/score or field/value pairs (ZRANGE WITHSCORES, HRANDFIELD WITHVALUES): RESP2 sends
     * one flat array, RESP3 an array of two-element arrays, as Redis 7 does.
     */
    record Pairs(List<Reply> flat) implements Reply {}

    /** RESP3 set; RESP2 sends an array. */
    record SetReply(List<Reply> items) implements Reply {}

    /** RESP3 verbatim string (e.g. INFO); RESP2 sends a bulk string. */
    record Verbatim(String format, byte[] value) implements Reply {}

    /** RESP3 out-of-band push (pub/sub); RESP2 sends an array. */
    record Push(List<Reply> items) implements Reply {}

    /**
     * Several top-level replies answering one request, written back to back: SUBSCRIBE a b
     * confirms each channel in a frame of its own. Local to a connection, never replicated.
     */
    record Frames(List<Reply> frames) implements Reply {}

    Reply OK = new Status("OK");
    Reply QUEUED = new Status("QUEUED");
    Reply PONG = new Status("PONG");
    Reply NULL = new Null(false);
    Reply NULL_ARRAY = new Null(true);
    Reply ZERO = new Int(0);
    Reply ONE = new Int(1);
    Reply EMPTY_ARRAY = new Array(List.of());

    static Reply status(String text) {
        return new Status(text);
    }

    static Reply error(String text) {
        return new Error(text);
    }

    static Reply integer(long value) {
        return value == 0 ? ZERO : value == 1 ? ONE : new Int(value);
    }

    static Reply bulk(byte[] value) {
        return value == null ? NULL : new Bulk(value);
    }

    static Reply bulk(String value) {
        return value == null ? NULL : new Bulk(value.getBytes(StandardCharsets.UTF_8));
    }

    static Reply array(List<Reply> items) {
        return new Array(items);
    }

    static Reply array(Reply... items) {
        return new Array(List.of(items));
    }
}
