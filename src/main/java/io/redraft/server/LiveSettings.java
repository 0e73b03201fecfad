package io.redraft.server;

import io.redraft.command.ConfigParameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A running node's settings as CONFIG GET and CONFIG SET see them: every row of {@link Settings}, by its kebab-case
 * name, with the value the node runs with. CONFIG SET may change the rows marked run-time settable; each change
 * is checked by the row's parser and then handed to the effect {@link #onChange registered} for it.
 */
final class LiveSettings {
    private final Map<Setting<?>, Object> values = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<Setting<?>, Consumer<Object>> effects = new IdentityHashMap<>();
    private final Map<Setting<?>, Supplier<String>> shown = new IdentityHashMap<>();

    LiveSettings(ServerConfig config) {
        for (Setting<?> s : Settings.ALL) {
            values.put(s, config.get(s));
        }
    }

    /** What to do when CONFIG SET changes {@code setting} (called with the new value, after it is stored). */
    @SuppressWarnings("unchecked")
    <T> LiveSettings onChange(Setting<T> setting, Consumer<T> effect) {
        if (!setting.runtimeSettable()) {
            throw new IllegalArgumentException(setting.key() + " cannot change at run time");
        }
        effects.put(setting, v -> effect.accept((T) v));
        return this;
    }

    /**
     * CONFIG GET shows {@code setting} as {@code current} says, for a row whose CONFIG SET changes only part of the
     * state (client-output-buffer-limit: the classes named), so its last value is not the whole story.
     */
    LiveSettings showing(Setting<?> setting, Supplier<String> current) {
        shown.put(setting, current);
        return this;
    }

    @SuppressWarnings("unchecked")
    <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    /** One CONFIG parameter per setting, in table order. */
    List<ConfigParameter> parameters() {
        List<ConfigParameter> params = new ArrayList<>();
        for (Setting<?> s : Settings.ALL) {
            if (!Settings.SECRET.contains(s)) {
                params.add(parameter(s));
            }
        }
        return params;
    }

    private ConfigParameter parameter(Setting<?> s) {
        Supplier<String> current = shown.getOrDefault(s, () -> s.formatValue(values.get(s)));
        if (!s.runtimeSettable()) {
            return ConfigParameter.readOnly(s.configName(), current);
        }
        return new ConfigParameter(s.configName(), current, text -> {
            Object value;
            try {
                value = s.parser().parse(text);
            } catch (Setting.Invalid e) {
                throw new IllegalArgumentException(e.redisReason());
            }
            return () -> {
                values.put(s, value);
                Consumer<Object> effect = effects.get(s);
                if (effect != null) {
                    effect.accept(value);
                }
            };
        });
    }
}
