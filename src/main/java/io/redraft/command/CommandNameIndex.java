package io.redraft.command;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Command names looked up straight from the request's bytes, ignoring ASCII case as Redis's
 * lookupCommand does: no String, no lower-cased copy per request (the lookup runs several times
 * per command on the hot path). Open addressing over a power-of-two table, immutable once built.
 */
final class CommandNameIndex {
    private final byte[][] names;
    private final CommandSpec[] specs;
    private final int mask;

    CommandNameIndex(Map<String, CommandSpec> byLowerCaseName) {
        int capacity = Integer.highestOneBit(Math.max(4, byLowerCaseName.size() * 4) - 1) << 1;
        names = new byte[capacity][];
        specs = new CommandSpec[capacity];
        mask = capacity - 1;
        byLowerCaseName.forEach((name, spec) -> {
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            int i = hash(bytes) & mask;
            while (names[i] != null) {
                i = (i + 1) & mask;
            }
            names[i] = bytes;
            specs[i] = spec;
        });
    }

    /** The command named {@code name} in any ASCII case, or null. */
    CommandSpec get(byte[] name) {
        for (int i = hash(name) & mask; names[i] != null; i = (i + 1) & mask) {
            if (equalsIgnoreCase(names[i], name)) {
                return specs[i];
            }
        }
        return null;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    private static int hash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            h = 31 * h + lower(b);
        }
        return h ^ (h >>> 16);
    }

    private static boolean equalsIgnoreCase(byte[] lowerCase, byte[] name) {
        if (lowerCase.length != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (lowerCase[i] != lower(name[i])) {
                return false;
            }
        }
        return true;
    }
}
