package io.redraft.command;

import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A parameter as CONFIG GET and CONFIG SET see it. The node supplies its own ({@link NodeServices#configParameters});
 * the command layer adds the fixed facts (appendonly, save, ...).
 *
 * @param name the Redis name, lower case ("maxmemory-policy")
 * @param current the current value as CONFIG GET shows it
 * @param preparer checks a CONFIG SET value without applying it and returns what applies it; throws
 *                 IllegalArgumentException whose message is the reason in Redis's words
 */
public record ConfigParameter(String name, Supplier<String> current, Function<String, Runnable> preparer) {

    /** The reason CONFIG SET gives for a parameter that cannot change while the node runs. */
    public static final String NOT_AT_RUN_TIME = "Redraft cannot change this parameter at run time";

    /** The current value as CONFIG GET shows it. */
    public String value() {
        return current.get();
    }

    /** Checks a CONFIG SET value without applying it; returns what applies it. */
    public Runnable prepare(String value) {
        return preparer.apply(value);
    }

    /** A parameter CONFIG SET may not change. */
    public static ConfigParameter readOnly(String name, Supplier<String> current) {
        return new ConfigParameter(name, current, text -> {
            throw new IllegalArgumentException(NOT_AT_RUN_TIME);
        });
    }

    /** A parameter whose value never changes. */
    static ConfigParameter fixed(String name, String value) {
        return readOnly(name, () -> value);
    }

    /** A run-time integer within [min, max], with Redis's messages for a bad value. */
    static ConfigParameter integer(String name, Supplier<Object> current, long min, long max, LongConsumer apply) {
        return new ConfigParameter(name, () -> String.valueOf(current.get()), text -> {
            Long v = ConnectionLimits.parseBounded(text, min, max);
            if (v == null) {
                throw new IllegalArgumentException(ConnectionLimits.rangeError(text, min, max));
            }
            return () -> apply.accept(v);
        });
    }
}
