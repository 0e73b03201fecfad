package io.redraft.store;

/**
 * A value that commands change in place (hashes, sets, lists, sorted sets). Its version grows
 * with every real change, so {@link ModifiedKeys} can tell a write that changed the value from
 * one that only looked at it (SADD of a present member, LREM of nothing) without per-command code.
 */
public interface Versioned {
    long version();
}
