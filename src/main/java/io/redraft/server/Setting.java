package io.redraft.server;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One row of the settings table ({@link Settings}): a node setting with its YAML key, its flag, its default, how
 * its text is parsed and checked, a one-line description, and its Redis CONFIG name when CONFIG GET shows it.
 *
 * <p>The flag is always {@code --} + the YAML key with '_' turned into '-' ({@code snapshot_threshold} is
 * {@code --snapshot-threshold}), so the two cannot drift apart.
 *
 * @param key the YAML key, snake_case
 * @param label the flag's value placeholder in help text ("N", "HOST:PORT"); null for a switch (boolean flag)
 * @param defaultValue the default, or null when it is derived from other settings (see {@code defaultDoc})
 * @param defaultDoc the default as shown in help and docs
 * @param parser turns the flag's text or the YAML value into the value, or says what is wrong with it
 * @param format the value as CONFIG GET shows it
 * @param runtimeSettable whether CONFIG SET may change it while the node runs (CONFIG GET shows every setting)
 * @param doc one line: what the setting means
 */
public record Setting<T>(String key, String label, T defaultValue, String defaultDoc, Parser<T> parser,
                         Function<T, String> format, boolean runtimeSettable, String doc) {

    /** A setting fixed while the node runs. */
    static <T> Setting<T> of(String key, String label, Parser<T> parser, T defaultValue, String doc) {
        return new Setting<>(key, label, defaultValue, null, parser, String::valueOf, false, doc);
    }

    /** The command-line flag: {@code --} + the key in kebab-case. */
    public String flag() {
        return "--" + key.replace('_', '-');
    }

    /** The CONFIG GET/SET name: the key in kebab-case, as Redis names its parameters. */
    public String configName() {
        return key.replace('_', '-');
    }

    /** True for a switch like {@code --bootstrap} that takes no value. */
    public boolean isSwitch() {
        return label == null;
    }

    /** The default as help text and docs show it. */
    public String defaultText() {
        if (defaultDoc != null) {
            return defaultDoc;
        }
        return defaultValue == null ? "none" : format.apply(defaultValue);
    }

    /** The value as CONFIG GET shows it. */
    @SuppressWarnings("unchecked")
    public String formatValue(Object value) {
        return value == null ? "" : format.apply((T) value);
    }

    /** Same setting, with the default shown as {@code text} (for defaults derived from other settings). */
    Setting<T> defaultShownAs(String text) {
        return new Setting<>(key, label, defaultValue, text, parser, format, runtimeSettable, doc);
    }

    /** Same setting, changeable with CONFIG SET while the node runs. */
    Setting<T> runtime() {
        return new Setting<>(key, label, defaultValue, defaultDoc, parser, format, true, doc);
    }

    /** Same setting, shown by CONFIG GET and docs with {@code f}. */
    Setting<T> formatted(Function<T, String> f) {
        return new Setting<>(key, label, defaultValue, defaultDoc, parser, f, runtimeSettable, doc);
    }

    /**
     * Turns text (a flag's value, a CONFIG SET argument, a YAML scalar) into a value. YAML values first go through
     * {@link #fromYaml}, which by default accepts any scalar as its text.
     */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text) throws Invalid;

        /** The value of a YAML key (never null: a null value counts as absent). */
        default T fromYaml(Object raw) throws Invalid {
            if (raw instanceof Map || raw instanceof List) {
                throw Invalid.mustBe(what(), describe(raw));
            }
            return parse(String.valueOf(raw));
        }

        /** What a valid value looks like, for messages ("a positive integer"). */
        default String what() {
            return "a valid value";
        }
    }

    /**
     * A bad value. {@link #message} names where it came from: {@code --flag must be ..., got '...'} or
     * {@code --flag: bad address ...}, and the same with {@code config file 'f': 'key'} for YAML.
     */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final String what;
        private final String got;
        private String redisReason;

        private Invalid(String what, String got, String reason) {
            super(reason);
            this.what = what;
            this.got = got;
        }

        /** Same, with the reason CONFIG SET gives in Redis's words ("argument must be a memory value"). */
        public Invalid redis(String reason) {
            this.redisReason = reason;
            return this;
        }

        /** The reason for CONFIG SET's error: Redis's words where Redis has them. */
        public String redisReason() {
            if (redisReason != null) {
                return redisReason;
            }
            return what == null ? getMessage() : "argument must be " + what;
        }

        /** "must be {what}, got {got}" ({@code got} already quoted or described; null to leave it out). */
        public static Invalid mustBe(String what, String got) {
            return new Invalid(what, got, null);
        }

        /** A reason that reads after "source: ", e.g. "bad address 'x': expected host:port". */
        public static Invalid because(String reason) {
            return new Invalid(null, null, reason);
        }

        /** What a valid value looks like, or null when this carries a reason instead. */
        public String what() {
            return what;
        }

        /** The message with its source in front ("--maxclients", "config file 'f': 'maxclients'"). */
        public String message(String source) {
            if (what == null) {
                return source + ": " + getMessage();
            }
            return source + " must be " + what + (got == null ? "" : ", got " + got);
        }
    }

    /** A YAML value in a message: "'x'" for text, "a number (7)", "a list", .... */
    static String describe(Object v) {
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof Boolean) {
            return "a boolean (" + v + ")";
        }
        if (v instanceof Number) {
            return "a number (" + v + ")";
        }
        return "'" + v + "'";
    }

    static String quote(String text) {
        return "'" + text + "'";
    }
}
