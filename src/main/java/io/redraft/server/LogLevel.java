package io.redraft.server;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;

/**
 * Redis's log levels (the {@code loglevel} setting) and the logback level of the root logger each one sets.
 * Redraft has no log lines between INFO and DEBUG, so {@code verbose} logs what {@code notice} does. Ratis and
 * Netty keep their own WARN level from logback.xml: at INFO they flood the log.
 */
public enum LogLevel {
    DEBUG(Level.DEBUG), VERBOSE(Level.INFO), NOTICE(Level.INFO), WARNING(Level.WARN), NOTHING(Level.OFF);

    private final Level logback;

    LogLevel(Level logback) {
        this.logback = logback;
    }

    public Level logback() {
        return logback;
    }

    /** Sets the root logger's level; takes effect at once, for every thread. */
    public void apply() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(logback);
        }
    }
}
