package io.redraft.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.redraft.resp.Reply;
import io.redraft.resp.ReplyEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pub/Sub replies byte for byte, as Redis 7 sends them (checked against redis-server 7.0.15). */
class PubSubCommandsTest {
    final TestSession.TestNode node = new TestSession.TestNode();
    final TestSession sub = new TestSession(1, node);
    final TestSession pub = new TestSession(2, node);
    final CommandExecutor executor = new CommandExecutor(DataHarness.TABLE, node.data);

    Reply exec(TestSession s, String... args) {
        return executor.execute(s, Replies.argv(args)).toCompletableFuture().join();
    }

    /** The bytes a client of protocol {@code s.protocol} reads for the reply. */
    String wire(TestSession s, String... args) {
        return encode(exec(s, args), s.protocol);
    }

    static String encode(Reply r, int protocol) {
        ByteBuf buf = Unpooled.buffer();
        ReplyEncoder.encode(r, protocol, buf);
        return buf.toString(StandardCharsets.UTF_8).replace("\r\n", "|");
    }

    String pushedWire(TestSession s) {
        StringBuilder sb = new StringBuilder();
        synchronized (s.pushed) {
            for (Reply r : s.pushed) {
                sb.append(encode(r, s.protocol));
            }
            s.pushed.clear();
        }
        return sb.toString();
    }

    static final String NOT_ALLOWED = "only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";

    @Test
    void resp2SubscribeConfirmsEachChannelWithTheRunningCount() {
        assertEquals("*3|$9|subscribe|$1|a|:1|*3|$9|subscribe|$1|b|:2|", wire(sub, "SUBSCRIBE", "a", "b"));
        assertEquals("*3|$10|psubscribe|$2|p*|:3|", wire(sub, "PSUBSCRIBE", "p*"));
        assertEquals("*3|$9|subscribe|$1|a|:3|", wire(sub, "SUBSCRIBE", "a"));
        assertEquals("*3|$11|unsubscribe|$1|a|:2|*3|$11|unsubscribe|$1|b|:1|", wire(sub, "UNSUBSCRIBE"));
        assertEquals("*3|$11|unsubscribe|$-1|:1|", wire(sub, "UNSUBSCRIBE"));
        assertEquals("*3|$12|punsubscribe|$1|x|:1|", wire(sub, "PUNSUBSCRIBE", "x"));
        assertEquals("*3|$12|punsubscribe|$2|p*|:0|", wire(sub, "PUNSUBSCRIBE"));
        assertEquals("*3|$12|punsubscribe|$-1|:0|", wire(sub, "PUNSUBSCRIBE"));
        assertFalse(sub.subscriptions().active());
    }

    @Test
    void resp2SubscribedModeAllowsOnlyPubSubPingQuitReset() {
        wire(sub, "SUBSCRIBE", "a");
        assertEquals("-ERR Can't execute 'get': " + NOT_ALLOWED + "|", wire(sub, "GET", "k"));
        assertEquals("-ERR Can't execute 'client|id': " + NOT_ALLOWED + "|", wire(sub, "CLIENT", "ID"));
        assertEquals("-ERR Can't execute 'publish': " + NOT_ALLOWED + "|", wire(sub, "PUBLISH", "a", "m"));
        assertEquals("-ERR Can't execute 'multi': " + NOT_ALLOWED + "|", wire(sub, "MULTI"));
        // Unknown commands and bad arity are refused first, as in Redis.
        assertEquals("-ERR wrong number of arguments for 'set' command|", wire(sub, "SET", "a"));
        assertEquals("*2|$4|pong|$0||", wire(sub, "PING"));
        assertEquals("*2|$4|pong|$2|hi|", wire(sub, "PING", "hi"));
        assertEquals("*3|$10|ssubscribe|$1|s|:1|", wire(sub, "SSUBSCRIBE", "s"));
        assertEquals("*3|$11|unsubscribe|$1|a|:0|", wire(sub, "UNSUBSCRIBE"));
        // Still subscribed to a shard channel: still in subscribed mode.
        assertEquals("-ERR Can't execute 'get': " + NOT_ALLOWED + "|", wire(sub, "GET", "k"));
        assertEquals("+RESET|", wire(sub, "RESET"));
        assertFalse(sub.subscriptions().active());
        assertEquals("$-1|", wire(sub, "GET", "k"));
        assertEquals("+PONG|", wire(sub, "PING"));
        assertEquals(0, node.pubsub.shardNumsub(Replies.argv("s")[0]));
    }

    @Test
    void resp3ConfirmationsAndMessagesArePushesAndAnyCommandRuns() {
        sub.protocol = 3;
        assertEquals(">3|$9|subscribe|$1|a|:1|>3|$9|subscribe|$1|b|:2|", wire(sub, "SUBSCRIBE", "a", "b"));
        assertEquals(">3|$10|psubscribe|$2|a*|:3|", wire(sub, "PSUBSCRIBE", "a*"));
        assertEquals("_|", wire(sub, "GET", "k"));
        assertEquals("+PONG|", wire(sub, "PING"));
        assertEquals(":2|", wire(pub, "PUBLISH", "a", "hi"));
        assertEquals(">3|$7|message|$1|a|$2|hi|>4|$8|pmessage|$2|a*|$1|a|$2|hi|", pushedWire(sub));
        assertEquals(">3|$11|unsubscribe|$1|a|:2|>3|$11|unsubscribe|$1|b|:1|", wire(sub, "UNSUBSCRIBE"));
        assertEquals(">3|$11|unsubscribe|_|:1|", wire(sub, "UNSUBSCRIBE"));
    }

    @Test
    void publishCountsThisNodesReceiversAndDeliversInOrder() {
        wire(sub, "SUBSCRIBE", "news");
        assertEquals(":0|", wire(pub, "PUBLISH", "other", "x"));
        for (int i = 0; i < 5; i++) {
            assertEquals(":1|", wire(pub, "PUBLISH", "news", "m" + i));
        }
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            expected.append("*3|$7|message|$4|news|$2|m").append(i).append('|');
        }
        assertEquals(expected.toString(), pushedWire(sub));
        assertEquals("-ERR wrong number of arguments for 'publish' command|", wire(pub, "PUBLISH", "news"));
    }

    @Test
    void publishInsideMultiAnswersItsCountToo() {
        wire(sub, "SUBSCRIBE", "c");
        wire(pub, "MULTI");
        assertEquals("+QUEUED|", wire(pub, "PUBLISH", "c", "1"));
        wire(pub, "SET", "k", "v");
        wire(pub, "PUBLISH", "none", "2");
        assertEquals("*3|:1|+OK|:0|", wire(pub, "EXEC"));
        assertEquals("*3|$7|message|$1|c|$1|1|", pushedWire(sub));
    }

    @Test
    void shardedPubSub() {
        assertEquals("*3|$10|ssubscribe|$1|s|:1|*3|$10|ssubscribe|$1|t|:2|", wire(sub, "SSUBSCRIBE", "s", "t"));
        assertEquals("*3|$9|subscribe|$1|s|:1|", wire(sub, "SUBSCRIBE", "s")); // its own count
        assertEquals(":1|", wire(pub, "SPUBLISH", "s", "m"));
        assertEquals(":1|", wire(pub, "PUBLISH", "s", "n"));
        assertEquals("*3|$8|smessage|$1|s|$1|m|*3|$7|message|$1|s|$1|n|", pushedWire(sub));
        String shardChannels = wire(pub, "PUBSUB", "SHARDCHANNELS"); // unspecified order, as above
        assertTrue(shardChannels.equals("*2|$1|s|$1|t|") || shardChannels.equals("*2|$1|t|$1|s|"), shardChannels);
        assertEquals("*4|$1|s|:1|$1|x|:0|", wire(pub, "PUBSUB", "SHARDNUMSUB", "s", "x"));
        assertEquals("*3|$12|sunsubscribe|$1|s|:1|*3|$12|sunsubscribe|$1|t|:0|", wire(sub, "SUNSUBSCRIBE"));
        assertEquals("*3|$12|sunsubscribe|$-1|:0|", wire(sub, "SUNSUBSCRIBE"));
    }

    @Test
    void pubsubIntrospection() {
        wire(sub, "SUBSCRIBE", "a", "b");
        wire(sub, "PSUBSCRIBE", "a*", "b*");
        wire(pub, "PSUBSCRIBE", "a*");
        pub.protocol = 3;
        // in table order, like Redis's dict order: unspecified (the key hash is seeded per process)
        String channels = wire(pub, "PUBSUB", "CHANNELS");
        assertTrue(channels.equals("*2|$1|a|$1|b|") || channels.equals("*2|$1|b|$1|a|"), channels);
        assertEquals("*1|$1|b|", wire(pub, "PUBSUB", "CHANNELS", "b*"));
        assertEquals("*6|$1|a|:1|$1|b|:1|$1|c|:0|", wire(pub, "PUBSUB", "NUMSUB", "a", "b", "c"));
        assertEquals("*0|", wire(pub, "PUBSUB", "NUMSUB"));
        assertEquals(":2|", wire(pub, "PUBSUB", "NUMPAT"));
        assertEquals("-ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP.|",
                wire(pub, "PUBSUB", "CHANNELS", "a", "b"));
        assertEquals("-ERR wrong number of arguments for 'pubsub|numpat' command|", wire(pub, "PUBSUB", "NUMPAT", "x"));
        assertEquals("-ERR unknown subcommand 'FOO'. Try PUBSUB HELP.|", wire(pub, "PUBSUB", "FOO"));
        assertTrue(wire(pub, "PUBSUB", "HELP").startsWith("*14|+PUBSUB <subcommand> [<arg> [value] [opt] ...]."));
    }

    @Test
    void clientListShowsSubscriptions() {
        wire(sub, "SUBSCRIBE", "a", "b");
        wire(sub, "PSUBSCRIBE", "p*");
        sub.protocol = 3; // CLIENT is refused in RESP2 subscribed mode
        String line = Replies.show(exec(sub, "CLIENT", "INFO"));
        assertTrue(line.contains(" flags=P db=0 sub=2 psub=1 ssub=0 "), line);
        assertEquals("=txt:", Replies.show(exec(sub, "CLIENT", "LIST", "TYPE", "normal")));
        assertTrue(Replies.show(exec(sub, "CLIENT", "LIST", "TYPE", "pubsub")).contains("id=1 "));
    }

    @Test
    void commandMetadataIsRedis7s() {
        assertEquals("[\"publish\", :3, ~[+pubsub, +loading, +stale, +fast], :0, :0, :0, ~[+@pubsub, +@fast]]",
                info("publish"));
        assertEquals("[\"subscribe\", :-2, ~[+pubsub, +noscript, +loading, +stale], :0, :0, :0, ~[+@pubsub, +@slow]]",
                info("subscribe"));
        assertEquals("[\"ssubscribe\", :-2, ~[+pubsub, +noscript, +loading, +stale], :1, :-1, :1, ~[+@pubsub, +@slow]]",
                info("ssubscribe"));
    }

    private String info(String name) {
        Reply r = exec(pub, "COMMAND", "INFO", name);
        List<Reply> first = ((Reply.Array) ((Reply.Array) r).items().get(0)).items();
        return Replies.show(Reply.array(new ArrayList<>(first.subList(0, 7))));
    }
}
