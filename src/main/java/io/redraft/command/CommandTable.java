package io.redraft.command;

import static io.redraft.command.CommandFlag.*;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every command Redraft knows, one row each, with Redis 7's metadata. Adding a command means
 * adding a row here and a handler next to its family; nothing else dispatches on names.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> byName;

    private CommandTable(Map<String, CommandSpec> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** The table with every built-in command. */
    public static CommandTable standard() {
        Builder t = new Builder();
        // name, arity, flags, first key, last key, step, handler
        t.local("ping", -1, EnumSet.of(FAST, STALE), 0, 0, 0, ConnectionCommands::ping);
        return t.build();
    }

    /** Looks a command up by name, case-insensitively; null when unknown. */
    public CommandSpec lookup(byte[] name) {
        return byName.get(new String(name, java.nio.charset.StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    }

    public CommandSpec lookup(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    public Collection<CommandSpec> all() {
        return byName.values();
    }

    public int size() {
        return byName.size();
    }

    public static final class Builder {
        private final Map<String, CommandSpec> rows = new LinkedHashMap<>();

        public Builder write(String name, int arity, EnumSet<CommandFlag> flags, int firstKey, int lastKey,
                             int step, Handler.Write handler) {
            return add(name, arity, flags, firstKey, lastKey, step, handler);
        }

        public Builder read(String name, int arity, EnumSet<CommandFlag> flags, int firstKey, int lastKey,
                            int step, Handler.Read handler) {
            return add(name, arity, flags, firstKey, lastKey, step, handler);
        }

        public Builder local(String name, int arity, EnumSet<CommandFlag> flags, int firstKey, int lastKey,
                             int step, Handler.Local handler) {
            return add(name, arity, flags, firstKey, lastKey, step, handler);
        }

        private Builder add(String name, int arity, EnumSet<CommandFlag> flags, int firstKey, int lastKey,
                            int step, Handler handler) {
            if (rows.put(name, new CommandSpec(name, arity, Collections.unmodifiableSet(flags), firstKey,
                    lastKey, step, handler)) != null) {
                throw new IllegalStateException("duplicate command " + name);
            }
            return this;
        }

        public CommandTable build() {
            return new CommandTable(new LinkedHashMap<>(rows));
        }
    }
}
