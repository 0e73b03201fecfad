package io.redraft.resp;

/**
 * Emitted by {@link RespDecoder} in place of a request when the client sent malformed input.
 * It is always the last message the decoder produces for a channel: the connection layer should
 * reply {@code -ERR <message>} and close, as Redis does.
 *
 * @param message the full Redis text, e.g. {@code "Protocol error: invalid bulk length"}
 */
public record RespProtocolError(String message) {}
