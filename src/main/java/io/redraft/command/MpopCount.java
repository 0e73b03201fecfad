package io.redraft.command;

import static io.redraft.command.Args.SYNTAX_ERROR;
import static io.redraft.command.Args.is;
import static io.redraft.command.ListCommands.rangeLong;

import io.redraft.resp.Reply;

/** The optional {@code COUNT n} that ends LMPOP and ZMPOP (and their blocking forms): 1 when absent. */
record MpopCount(long count, Reply error) {

    static MpopCount parse(byte[][] argv, int from) {
        long count = -1;
        for (int j = from; j < argv.length; j++) {
            boolean more = j < argv.length - 1;
            if (count == -1 && is(argv[j], "count") && more) {
                Long c = rangeLong(argv[++j], 1, Long.MAX_VALUE);
                if (c == null) {
                    return new MpopCount(0, Reply.error("ERR count should be greater than 0"));
                }
                count = c;
            } else {
                return new MpopCount(0, SYNTAX_ERROR);
            }
        }
        return new MpopCount(count == -1 ? 1 : count, null);
    }
}
