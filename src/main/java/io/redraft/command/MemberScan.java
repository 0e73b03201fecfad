package io.redraft.command;

import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.is;

import io.redraft.resp.Reply;
import io.redraft.store.HashValue;
import io.redraft.store.MemberTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HSCAN and SSCAN: cursor and option parsing with Redis 7's errors, and the scan itself over a
 * {@link MemberTable}. Like Redis with its small encodings (listpack, intset), a collection of at
 * most {@link #SMALL} elements is returned whole with cursor 0; larger ones are walked with
 * {@link MemberTable#scan}, whose cursors are hash thresholds.
 */
final class MemberScan {
    /** Redis's hash-max-listpack-entries / set-max-listpack-entries default. */
    static final int SMALL = 128;

    static final Reply INVALID_CURSOR = Reply.error("ERR invalid cursor");

    /** The empty scan reply Redis sends for a missing key: cursor 0, no elements. */
    static final Reply EMPTY_SCAN = Reply.array(Reply.bulk("0"), Reply.EMPTY_ARRAY);

    private MemberScan() {
    }

    /**
     * Redis 7's parseScanCursorOrReply: {@code strtoul(text, &end, 10)}, refusing a leading space,
     * overflow and anything but the string's end after the digits. Redis checks {@code *end ==
     * '\0'}, so a NUL byte right after the digits ends the cursor. As with strtoul, a sign is
     * accepted (a negative number wraps around: "-1" is 2^64-1) and the empty text is 0. The
     * unsigned value comes back in a long; null means "ERR invalid cursor".
     */
    static Long parseCursor(byte[] s) {
        if (s.length == 0) {
            return 0L; // strtoul converts nothing and stops at the terminating NUL
        }
        if (isSpace(s[0])) {
            return null;
        }
        int i = 0;
        boolean negative = false;
        if (s[0] == '+' || s[0] == '-') {
            negative = s[0] == '-';
            i++;
        }
        if (i >= s.length || s[i] < '0' || s[i] > '9') {
            return null; // no conversion: strtoul leaves end at the sign
        }
        long value = 0;
        for (; i < s.length && s[i] >= '0' && s[i] <= '9'; i++) {
            int d = s[i] - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, 10)) > 0) {
                return null; // ERANGE: value * 10 + d needs more than 64 unsigned bits
            }
            value = value * 10 + d;
        }
        if (i < s.length && s[i] != 0) {
            return null;
        }
        return negative ? -value : value;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Parsed MATCH/COUNT options, or an error reply. */
    /** Parsed SCAN-family options; {@code type} is SCAN's TYPE filter (null when absent). */
    record Options(byte[] pattern, long count, String type, Reply error) {
        boolean matches(byte[] element) {
            return pattern == null || Glob.matches(pattern, element, false);
        }

        static Options failed(Reply error) {
            return new Options(null, 0, null, error);
        }
    }

    /** Parses {@code [MATCH pattern] [COUNT count]} from {@code argv[from..]}, as scanGenericCommand. */
    static Options options(byte[][] argv, int from) {
        return options(argv, from, false);
    }

    /** As {@link #options(byte[][], int)}; SCAN itself also accepts {@code [TYPE type]}. */
    static Options options(byte[][] argv, int from, boolean acceptType) {
        byte[] pattern = null;
        long count = 10;
        String type = null;
        for (int i = from; i < argv.length; ) {
            int remaining = argv.length - i;
            if (is(argv[i], "count") && remaining >= 2) {
                Long c = Args.toLong(argv[i + 1]);
                if (c == null) {
                    return Options.failed(Args.NOT_INTEGER);
                }
                if (c < 1) {
                    return Options.failed(SYNTAX_ERROR);
                }
                count = c;
                i += 2;
            } else if (is(argv[i], "match") && remaining >= 2) {
                byte[] p = argv[i + 1];
                pattern = p.length == 1 && p[0] == '*' ? null : p;
                i += 2;
            } else if (acceptType && is(argv[i], "type") && remaining >= 2) {
                // Redis 7 compares case-insensitively and ignores unknown type names (no error)
                type = new String(argv[i + 1], java.nio.charset.StandardCharsets.UTF_8);
                i += 2;
            } else {
                return Options.failed(SYNTAX_ERROR);
            }
        }
        return new Options(pattern, count, type, null);
    }

    /**
     * Scans {@code table} from {@code cursor}; {@code withValues} emits each hash field's value
     * after it (only for fields that match).
     */
    static Reply scan(MemberTable table, long cursor, Options opts, boolean withValues) {
        List<Reply> items = new ArrayList<>();
        long next;
        if (table.size() <= SMALL) {
            for (int slot = 0, n = table.capacity(); slot < n; slot++) {
                emit(table, slot, opts, withValues, items);
            }
            next = 0;
        } else {
            int count = (int) Math.min(opts.count(), Integer.MAX_VALUE);
            next = table.scan(cursor, count, slot -> emit(table, slot, opts, withValues, items));
        }
        return Reply.array(Reply.bulk(Long.toUnsignedString(next).getBytes(StandardCharsets.US_ASCII)),
                Reply.array(items));
    }

    private static void emit(MemberTable table, int slot, Options opts, boolean withValues, List<Reply> out) {
        byte[] m = table.memberAt(slot);
        if (m == null || !opts.matches(m)) {
            return;
        }
        out.add(Reply.bulk(m));
        if (withValues) {
            out.add(Reply.bulk(((HashValue) table).valueIn(slot)));
        }
    }
}
