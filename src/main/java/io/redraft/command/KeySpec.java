package io.redraft.command;

import java.util.List;

/**
 * A Redis 7 key specification of the common "index + range" form: keys start at argument
 * {@code index}; {@code lastKey} is relative to it (0 = just that one, -1 = to the end);
 * {@code flags} are Redis's key-spec flag names in Redis's order ("RW", "access", ...).
 */
public record KeySpec(String notes, List<String> flags, int index, int lastKey, int keyStep, int limit) {

    public static KeySpec of(int index, int lastKey, int keyStep, String... flags) {
        return new KeySpec(null, List.of(flags), index, lastKey, keyStep, 0);
    }

    public KeySpec withNotes(String text) {
        return new KeySpec(text, flags, index, lastKey, keyStep, limit);
    }

    /** A single key at argument 1. */
    public static KeySpec single(String... flags) {
        return of(1, 0, 1, flags);
    }

    /** Every argument from 1 to the end is a key. */
    public static KeySpec all(String... flags) {
        return of(1, -1, 1, flags);
    }
}
