package io.redraft.server;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The raw {@code redraft server} flags, exactly as typed (absent when not given). {@link ConfigLoader} merges them
 * with the YAML file and the defaults and validates the result. The flags themselves come from the settings
 * table ({@link Settings#ALL}) through {@link #addTo}; only {@code --config} is not a setting.
 */
public final class ServerOptions {

    /** The YAML file given with --config, or null. */
    public String config;

    private final Map<Setting<?>, String> flags = new LinkedHashMap<>();

    /** The text given with this setting's flag ("true" for a switch), or null when the flag was not given. */
    public String flag(Setting<?> setting) {
        return flags.get(setting);
    }

    /** Adds a flag for every setting, then {@code --config}, to a picocli command; parsing fills this object. */
    public void addTo(CommandSpec spec) {
        for (Setting<?> s : Settings.ALL) {
            OptionSpec.Builder option = OptionSpec.builder(s.flag());
            String description = s.doc() + (s.isSwitch() ? "" : " (default: " + s.defaultText() + ")");
            if (s.isSwitch()) {
                option.arity("0").type(boolean.class);
            } else {
                option.arity("1").type(String.class).paramLabel(s.label());
            }
            Binding binding = new Binding(s);
            spec.addOption(option.description(description).getter(binding).setter(binding).build());
        }
        IGetter configGetter = new IGetter() {
            @SuppressWarnings("unchecked")
            @Override
            public <T> T get() {
                return (T) config;
            }
        };
        ISetter configSetter = new ISetter() {
            @Override
            public <T> T set(T value) {
                config = (String) value;
                return null;
            }
        };
        spec.addOption(OptionSpec.builder("--config").paramLabel("FILE").type(String.class)
                .description("YAML file with the keys " + Settings.keyList() + "; flags override it")
                .getter(configGetter).setter(configSetter).build());
    }

    /** Where picocli reads and writes one setting's flag: this object's map, as text. */
    private final class Binding implements IGetter, ISetter {
        private final Setting<?> setting;

        Binding(Setting<?> setting) {
            this.setting = setting;
        }

        @SuppressWarnings("unchecked")
        @Override
        public <T> T get() {
            String text = flags.get(setting);
            if (setting.isSwitch()) {
                return (T) Boolean.valueOf(text != null);
            }
            return (T) text;
        }

        @Override
        public <T> T set(T value) {
            // picocli resets options to their initial value (null, or false for a switch) before parsing
            if (value == null || Boolean.FALSE.equals(value)) {
                flags.remove(setting);
            } else {
                flags.put(setting, String.valueOf(value));
            }
            return null;
        }
    }
}
