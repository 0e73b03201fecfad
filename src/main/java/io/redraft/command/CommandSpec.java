package io.redraft.command;

import java.util.Set;

/**
 * One row of the command table, with Redis's metadata: arity (negative means "at least"),
 * flags and the first/last/step key positions (last -1 means "to the end").
 */
public record CommandSpec(String name, int arity, Set<CommandFlag> flags, int firstKey, int lastKey,
                          int step, Handler handler) {

    public boolean arityOk(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    public boolean isWrite() {
        return handler instanceof Handler.Write;
    }

    public boolean isRead() {
        return handler instanceof Handler.Read;
    }
}
