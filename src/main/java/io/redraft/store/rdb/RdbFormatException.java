package io.redraft.store.rdb;

/** A serialized value that does not decode: RESTORE answers {@code ERR Bad data format}. */
public final class RdbFormatException extends Exception {
    public RdbFormatException(String message) {
        super(message, null, false, false);
    }
}
