package io.redraft.script;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Redis 7's script shebang, {@code #!lua flags=no-writes,allow-oom}: the first line of a body
 * may name the engine and declare flags. Only {@code no-writes} changes what Redraft does (the
 * script may not write); the others are accepted as Redis accepts them.
 */
public record Shebang(boolean noWrites) {
    static final Shebang NONE = new Shebang(false);
    private static final Set<String> FLAGS =
            Set.of("no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys");

    /** Thrown with Redis's error text for a malformed shebang. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static boolean present(byte[] body) {
        return body.length >= 2 && body[0] == '#' && body[1] == '!';
    }

    /** The shebang of {@code body}, {@link #NONE} when it has none. */
    public static Shebang of(byte[] body) throws Invalid {
        if (!present(body)) {
            return NONE;
        }
        int end = 0;
        while (end < body.length && body[end] != '\n') {
            end++;
        }
        String[] parts = new String(body, 0, end, StandardCharsets.UTF_8).split(" ");
        if (!parts[0].equals("#!lua")) {
            throw new Invalid("ERR Unexpected engine in script shebang: " + parts[0]);
        }
        boolean noWrites = false;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            if (!parts[i].startsWith("flags=")) {
                throw new Invalid("ERR Unknown lua shebang option: " + parts[i]);
            }
            for (String flag : parts[i].substring(6).split(",")) {
                if (flag.isEmpty()) {
                    continue;
                }
                if (!FLAGS.contains(flag)) {
                    throw new Invalid("ERR Unexpected flag in script shebang: " + flag);
                }
                noWrites |= flag.equals("no-writes");
            }
        }
        return new Shebang(noWrites);
    }
}
