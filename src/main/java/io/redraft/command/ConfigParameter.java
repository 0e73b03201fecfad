package io.redraft.command;

import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A parameter as CONFIG GET and CONFIG SET see it. The node supplies its own ({@link NodeServices#configParameters});
 * the command layer adds the fixed facts (appendonly, save, ...).
 */
public interface ConfigParameter {
    /** The Redis name, lower case ("maxmemory-policy"). */
    String name();

    /** The current value as CONFIG GET shows it. */
    String value();

    /**
     * Checks a CONFIG SET value without applying it; returns what applies it. Throws IllegalArgumentException
     * whose message is the reason in Redis's words ("argument must be a memory value").
     */
    default Runnable prepare(String value) {
        throw new IllegalArgumentException("Redraft cannot change this parameter at run time");
    }

    /** A parameter whose value never changes. */
    static ConfigParameter fixed(String name, String value) {
        return new ConfigParameter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String value() {
                return value;
            }
        };
    }

    /** A run-time integer within [min, max], with Redis's messages for a bad value. */
    static ConfigParameter integer(String name, Supplier<Object> current, long min, long max, LongConsumer apply) {
        return new ConfigParameter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String value() {
                return String.valueOf(current.get());
            }

            @Override
            public Runnable prepare(String text) {
                Long v = ConnectionLimits.parseBounded(text, min, max);
                if (v == null) {
                    throw new IllegalArgumentException(ConnectionLimits.rangeError(text, min, max));
                }
                return () -> apply.accept(v);
            }
        };
    }
}
