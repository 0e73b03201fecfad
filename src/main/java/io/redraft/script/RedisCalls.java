package io.redraft.script;

import io.redraft.resp.Reply;

/**
 * How a script's {@code redis.call}/{@code redis.pcall} reach the data: implemented by the command
 * layer, which checks Redis's scripting rules and runs the command's handler on the script's
 * store and time. Command failures come back as {@link Reply.Error}, never as exceptions.
 */
@FunctionalInterface
public interface RedisCalls {
    Reply call(byte[][] argv);
}
