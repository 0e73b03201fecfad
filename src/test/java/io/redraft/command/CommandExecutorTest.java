package io.redraft.command;

import static io.redraft.command.Replies.argv;
import static io.redraft.command.Replies.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.resp.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class CommandExecutorTest {

    /** Records where the executor sent each request. */
    static final class RecordingPath implements ReplicatedPath {
        final List<String> calls = new ArrayList<>();

        @Override
        public CompletionStage<Reply> write(int db, byte[][] argv) {
            calls.add("write db=" + db + " " + new String(argv[0]));
            return CompletableFuture.completedFuture(Reply.OK);
        }

        @Override
        public CompletionStage<Reply> transaction(int db, List<byte[][]> commands, List<WatchedKey> watched) {
            calls.add("transaction db=" + db + " " + commands.size() + " commands");
            return CompletableFuture.completedFuture(Reply.OK);
        }

        @Override
        public CompletionStage<Reply> read(int db, byte[][] argv, Handler.Read handler, boolean stale) {
            calls.add("read db=" + db + " " + new String(argv[0]) + " stale=" + stale);
            return CompletableFuture.completedFuture(Reply.OK);
        }
    }

    final RecordingPath path = new RecordingPath();
    final CommandExecutor executor = new CommandExecutor(CommandTable.standard(), path);
    final TestSession session = new TestSession(7);

    String exec(String... args) {
        return show(executor.execute(session, argv(args)).toCompletableFuture().join());
    }

    @Test
    void execWithWrongArityInsideMultiEndsTheBlockAsRedisDoes() {
        assertEquals("+OK", exec("MULTI"));
        assertEquals("+QUEUED", exec("SET", "k", "v"));
        assertEquals("-EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command",
                exec("EXEC", "extra"));
        assertEquals("-ERR EXEC without MULTI", exec("EXEC"));
        assertTrue(path.calls.isEmpty());
    }

    @Test
    void unknownCommandText() {
        assertEquals("-ERR unknown command 'foo', with args beginning with: 'a' 'b' ", exec("foo", "a", "b"));
        assertEquals("-ERR unknown command 'foo', with args beginning with: ", exec("foo"));
        assertEquals("-ERR unknown command 'x  y', with args beginning with: 'a b' ", exec("x\r\ny", "a\nb"));
        assertTrue(path.calls.isEmpty());
    }

    @Test
    void unknownCommandTruncatesLikeRedis() {
        String name = "n".repeat(200);
        String a = "a".repeat(100);
        String b = "b".repeat(100);
        // the list stops once it reaches 128 bytes; each argument is cut to what is left
        String expected = "-ERR unknown command '" + "n".repeat(128) + "', with args beginning with: '" + a
                + "' '" + "b".repeat(25) + "' ";
        assertEquals(expected, exec(name, a, b, "c"));
    }

    @Test
    void wrongArityText() {
        assertEquals("-ERR wrong number of arguments for 'get' command", exec("GET"));
        assertEquals("-ERR wrong number of arguments for 'get' command", exec("get", "a", "b"));
        assertEquals("-ERR wrong number of arguments for 'set' command", exec("SET", "a"));
        assertEquals("-ERR wrong number of arguments for 'client' command", exec("CLIENT"));
        assertTrue(path.calls.isEmpty());
    }

    @Test
    void routesByHandlerKind() {
        session.db = 3;
        assertEquals("+OK", exec("SET", "k", "v"));
        assertEquals("+OK", exec("get", "k"));
        session.stale = true;
        assertEquals("+OK", exec("EXISTS", "k"));
        assertEquals("+PONG", exec("PING"));
        assertEquals(List.of("write db=3 SET", "read db=3 get stale=false", "read db=3 EXISTS stale=true"),
                path.calls);
    }

    @Test
    void subcommandErrors() {
        assertEquals("-ERR unknown subcommand 'foo'. Try CLIENT HELP.", exec("client", "foo"));
        assertEquals("-ERR unknown subcommand 'bar'. Try COMMAND HELP.", exec("Command", "bar"));
        assertEquals("-ERR wrong number of arguments for 'client|setname' command", exec("CLIENT", "SETNAME"));
        assertEquals("-ERR wrong number of arguments for 'command|count' command", exec("COMMAND", "COUNT", "x"));
    }
}
