package io.redraft.server;

import io.redraft.command.MemoryLimit;
import io.redraft.command.OutputBufferLimits;
import io.redraft.server.Setting.Invalid;
import io.redraft.server.Setting.Parser;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The value parsers the settings table uses; each says what a valid value looks like when it refuses one. */
final class SettingParsers {
    /** Node ids appear in NODES/LEADER replies (space separated) and in the default data dir path. */
    static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private SettingParsers() {
    }

    static String checkId(String id) throws Invalid {
        if (!ID_PATTERN.matcher(id).matches()) {
            throw Invalid.because("bad node id '" + id
                    + "': use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return id;
    }

    /** A node id; YAML may give it as a number ({@code id: 3}). */
    static final Parser<String> NODE_ID = new Parser<>() {
        @Override
        public String parse(String text) throws Invalid {
            return checkId(text);
        }

        @Override
        public String fromYaml(Object raw) throws Invalid {
            if (!(raw instanceof String || raw instanceof Integer || raw instanceof Long)) {
                throw Invalid.mustBe("a string", null);
            }
            return checkId(raw.toString());
        }
    };

    static final Parser<HostPort> ADDRESS = textOnly("a host:port string", text -> {
        try {
            return HostPort.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw Invalid.because(e.getMessage());
        }
    });

    static final Parser<Path> DIRECTORY = textOnly("a directory path", text -> {
        if (text.isBlank()) {
            throw Invalid.because("empty directory path");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw Invalid.because("bad directory path '" + text + "'");
        }
    });

    static final Parser<Boolean> BOOLEAN = new Parser<>() {
        @Override
        public Boolean parse(String text) throws Invalid {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("yes")) {
                return true;
            }
            if (t.equals("false") || t.equals("no")) {
                return false;
            }
            throw Invalid.mustBe(what(), null);
        }

        @Override
        public Boolean fromYaml(Object raw) throws Invalid {
            if (!(raw instanceof Boolean b)) {
                throw Invalid.mustBe(what(), null);
            }
            return b;
        }

        @Override
        public String what() {
            return "true or false";
        }
    };

    /** A file the node can read (certificates, keys). */
    static final Parser<Path> READABLE_FILE = textOnly("a readable file", text -> {
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw Invalid.because("bad file path '" + text + "'");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw Invalid.because("cannot read '" + text + "'");
        }
        return path;
    });

    static final Parser<UUID> UUID_TEXT = textOnly("a UUID such as 8a4c2f0e-3b1d-4e6a-9c7b-2d5f1e0a9b3c", text -> {
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw Invalid.mustBe("a UUID such as 8a4c2f0e-3b1d-4e6a-9c7b-2d5f1e0a9b3c", Setting.quote(text));
        }
    });

    /** Redis's yes/no; YAML 1.1 reads a bare yes/no as a boolean, which means the same. */
    static final Parser<Boolean> YES_NO = yamlBooleansAsYesNo(described("yes or no", text -> {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("yes") || t.equals("no")) {
            return t.equals("yes");
        }
        throw Invalid.mustBe("yes or no", Setting.quote(text)).redis("argument must be 'yes' or 'no'");
    }));

    /** {@code parser}, reading YAML's booleans as the words yes and no. */
    static <T> Parser<T> yamlBooleansAsYesNo(Parser<T> parser) {
        return new Parser<>() {
            @Override
            public T parse(String text) throws Invalid {
                return parser.parse(text);
            }

            @Override
            public T fromYaml(Object raw) throws Invalid {
                return raw instanceof Boolean b ? parser.parse(b ? "yes" : "no") : parser.fromYaml(raw);
            }

            @Override
            public String what() {
                return parser.what();
            }
        };
    }

    static final Parser<Long> POSITIVE = integer(1, Long.MAX_VALUE, "a positive integer");

    static final Parser<Long> MEMORY = described("a memory value such as 0, 100mb or 1gb", text -> {
        Long bytes = MemoryLimit.parseBytes(text);
        if (bytes == null) {
            throw Invalid.mustBe("a memory value such as 0, 100mb or 1gb", Setting.quote(text))
                    .redis("argument must be a memory value");
        }
        return bytes;
    });

    /** Any text; a YAML number is a password too, a YAML list, mapping or boolean is not. */
    static final Parser<String> PASSWORD = new Parser<>() {
        @Override
        public String parse(String text) {
            return text;
        }

        @Override
        public String fromYaml(Object raw) throws Invalid {
            if (!(raw instanceof String || raw instanceof Number)) {
                throw Invalid.mustBe(what(), Setting.describe(raw));
            }
            return String.valueOf(raw);
        }

        @Override
        public String what() {
            return "a string";
        }
    };

    /** A memory value of at least {@code min} bytes. */
    static Parser<Long> memoryAtLeast(long min) {
        String what = "a memory value of at least " + min + " bytes, such as 1gb";
        return described(what, text -> {
            Long bytes = MemoryLimit.parseBytes(text);
            if (bytes == null) {
                throw Invalid.mustBe(what, Setting.quote(text)).redis("argument must be a memory value");
            }
            if (bytes < min) {
                throw Invalid.mustBe(what, Setting.quote(text))
                        .redis("argument must be between " + min + " and " + Long.MAX_VALUE + " inclusive");
            }
            return bytes;
        });
    }

    /** Redis's client-output-buffer-limit: class hard soft seconds, repeated; only the named classes. */
    static final Parser<Map<OutputBufferLimits.ClientClass, OutputBufferLimits.Limit>> OUTPUT_BUFFER_LIMITS =
            described("class limits such as 'normal 1mb 512kb 60 pubsub 32mb 8mb 60'", text -> {
                try {
                    return OutputBufferLimits.parse(text);
                } catch (IllegalArgumentException e) {
                    throw Invalid.because(e.getMessage() + " Expected e.g. 'normal 1mb 512kb 60 pubsub 32mb 8mb 60', "
                            + "got '" + text + "'").redis(e.getMessage());
                }
            });

    /** An integer within [min, max]. */
    static Parser<Long> integer(long min, long max) {
        return integer(min, max, "an integer from " + min + " to " + max);
    }

    private static Parser<Long> integer(long min, long max, String what) {
        return described(what, text -> {
            long value;
            try {
                value = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw Invalid.mustBe(what, Setting.quote(text)).redis("argument couldn't be parsed into an integer");
            }
            if (value < min || value > max) {
                throw Invalid.mustBe(what, Setting.quote(text))
                        .redis("argument must be between " + min + " and " + max + " inclusive");
            }
            return value;
        });
    }

    /** One of a few names (case-insensitive); {@code choices} is how messages list them. */
    static <T> Parser<T> oneOf(String choices, Function<String, T> lookup) {
        String what = "one of " + choices;
        return described(what, text -> {
            T value = lookup.apply(text.trim());
            if (value == null) {
                throw Invalid.mustBe(what, Setting.quote(text))
                        .redis("argument(s) must be one of the following: " + choices);
            }
            return value;
        });
    }

    /** One of an enum's constants, by their lower-case names with '-' for '_'. */
    static <E extends Enum<E>> Parser<E> oneOf(Class<E> type) {
        E[] all = type.getEnumConstants();
        String choices = Arrays.stream(all).map(SettingParsers::redisName).collect(Collectors.joining(", "));
        return oneOf(choices, text -> Arrays.stream(all).filter(e -> redisName(e).equalsIgnoreCase(text))
                .findFirst().orElse(null));
    }

    static String redisName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static <T> Parser<T> described(String what, Parser<T> parse) {
        return new Parser<>() {
            @Override
            public T parse(String text) throws Invalid {
                return parse.parse(text);
            }

            @Override
            public String what() {
                return what;
            }
        };
    }

    /** A parser that takes only text from YAML, not numbers or booleans. */
    private static <T> Parser<T> textOnly(String what, Parser<T> parse) {
        return new Parser<>() {
            @Override
            public T parse(String text) throws Invalid {
                return parse.parse(text);
            }

            @Override
            public T fromYaml(Object raw) throws Invalid {
                if (!(raw instanceof String s)) {
                    throw Invalid.mustBe(what, Setting.describe(raw));
                }
                return parse(s);
            }

            @Override
            public String what() {
                return what;
            }
        };
    }
}
