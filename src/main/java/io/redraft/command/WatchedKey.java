package io.redraft.command;

/**
 * One key a connection WATCHes, as EXEC ships it into the log: the log position the watch was
 * taken at, and whether the key was already expired then (its deletion is then no change, and
 * its expiry does not abort EXEC, as in Redis's watchedKey.expired).
 */
public record WatchedKey(int db, byte[] key, long point, boolean expiredAtWatch) {}
