package io.redraft.server;

/**
 * A user mistake in flags, the YAML config file or the environment (data dir, ports). The message is a
 * single line meant for the user; {@link Main} prints it as {@code redraft: <message>} and exits with 2.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;


    public ConfigException(String message) {
        super(message);
    }
}
