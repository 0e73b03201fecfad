package io.redraft.command;

import io.redraft.resp.Reply;

/**
 * The timeout of a blocking command, in seconds as a float, parsed as Redis 7.0's
 * getTimeoutFromObjectOrReply does: {@code (long long) ceill(seconds * 1000.0)} milliseconds,
 * 0 meaning forever, negative refused.
 */
record BlockingTimeout(long millis, Reply error) {
    static final Reply NOT_A_FLOAT = Reply.error("ERR timeout is not a float or out of range");
    static final Reply NEGATIVE = Reply.error("ERR timeout is negative");

    static BlockingTimeout parse(byte[] arg) {
        LongDouble seconds = LongDouble.parse(arg);
        if (seconds == null) {
            return new BlockingTimeout(0, NOT_A_FLOAT);
        }
        // x87 turns an infinite or too large product into LLONG_MIN, hence "negative" for "inf" and 1e30.
        long millis = seconds.times(1000).ceilToLong();
        if (millis < 0) {
            return new BlockingTimeout(0, NEGATIVE);
        }
        return new BlockingTimeout(millis, null);
    }

    boolean forever() {
        return millis == 0;
    }
}
