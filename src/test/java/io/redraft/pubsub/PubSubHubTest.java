package io.redraft.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redraft.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PubSubHubTest {
    /** A prefix matcher keeps this test independent of the command layer's glob. */
    final PubSubHub hub = new PubSubHub((pattern, channel) -> {
        String p = str(pattern);
        return p.endsWith("*") ? str(channel).startsWith(p.substring(0, p.length() - 1)) : p.equals(str(channel));
    });
    final List<String> aGot = new ArrayList<>();
    final List<String> bGot = new ArrayList<>();
    final Subscriptions a = new Subscriptions(hub, frame -> aGot.add(show(frame)));
    final Subscriptions b = new Subscriptions(hub, frame -> bGot.add(show(frame)));

    static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String show(Reply frame) {
        StringBuilder sb = new StringBuilder();
        for (Reply item : ((Reply.Push) frame).items()) {
            sb.append(sb.length() == 0 ? "" : " ").append(str(((Reply.Bulk) item).value()));
        }
        return sb.toString();
    }

    static Publication pub(String channel, String message) {
        return new Publication(bytes(channel), bytes(message), false);
    }

    long receivers(long token) throws Exception {
        return hub.receivers(token).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void deliversToChannelAndPatternSubscribersAndCountsEveryDelivery() throws Exception {
        assertTrue(a.subscribe(bytes("news")));
        assertFalse(a.subscribe(bytes("news")));
        assertTrue(a.psubscribe(bytes("n*")));
        assertTrue(b.subscribe(bytes("news")));
        hub.deliver(7, List.of(pub("news", "one"), pub("other", "two"), pub("nope", "three")));
        assertEquals(List.of("message news one", "pmessage n* news one", "pmessage n* nope three"), aGot);
        assertEquals(List.of("message news one"), bGot);
        assertEquals(3, receivers(Publication.token(7, 0))); // a twice (channel and pattern), b once
        assertEquals(0, receivers(Publication.token(7, 1)));
        assertEquals(1, receivers(Publication.token(7, 2)));
    }

    @Test
    void shardChannelsAreTheirOwnNamespace() throws Exception {
        a.ssubscribe(bytes("s"));
        b.subscribe(bytes("s"));
        b.psubscribe(bytes("*"));
        hub.deliver(3, List.of(new Publication(bytes("s"), bytes("m"), true)));
        assertEquals(List.of("smessage s m"), aGot);
        assertEquals(List.of(), bGot);
        assertEquals(1, receivers(Publication.token(3, 0)));
        assertEquals(1, hub.shardNumsub(bytes("s")));
        assertEquals(1, hub.numsub(bytes("s")));
        assertEquals(List.of("s"), hub.shardChannels(null).stream().map(PubSubHubTest::str).toList());
    }

    @Test
    void aPublisherAskingBeforeDeliveryWaitsForIt() throws Exception {
        b.subscribe(bytes("c"));
        CompletableFuture<Long> early = hub.receivers(Publication.token(10, 1)).toCompletableFuture();
        assertFalse(early.isDone());
        hub.deliver(9, List.of(pub("c", "x")));
        assertFalse(early.isDone());
        hub.deliver(10, List.of(pub("zzz", "y"), pub("c", "z")));
        assertEquals(1L, early.get(5, TimeUnit.SECONDS));
    }

    @Test
    void entriesSkippedByASnapshotHaveNoLocalReceivers() throws Exception {
        CompletableFuture<Long> skipped = hub.receivers(Publication.token(20, 0)).toCompletableFuture();
        hub.deliver(25, List.of()); // a snapshot at 25 was loaded: entry 20 never applies here
        assertEquals(0L, skipped.get(5, TimeUnit.SECONDS));
        assertEquals(0, receivers(Publication.token(24, 3)));
    }

    @Test
    void entriesReplayedAtStartupReachNobody() throws Exception {
        a.subscribe(bytes("c"));
        hub.skipReplayThrough(5);
        hub.deliver(5, List.of(pub("c", "old")));
        hub.deliver(6, List.of(pub("c", "new")));
        assertEquals(List.of("message c new"), aGot);
        assertEquals(0, receivers(Publication.token(5, 0)));
        assertEquals(1, receivers(Publication.token(6, 0)));
    }

    @Test
    void introspectionAndClear() {
        a.subscribe(bytes("x"));
        a.subscribe(bytes("y"));
        b.subscribe(bytes("x"));
        a.psubscribe(bytes("p*"));
        b.psubscribe(bytes("p*"));
        b.psubscribe(bytes("q*"));
        assertEquals(2, hub.numsub(bytes("x")));
        assertEquals(0, hub.numsub(bytes("p*")));
        assertEquals(2, hub.numpat());
        assertEquals(List.of("x"), hub.channels(bytes("x*")).stream().map(PubSubHubTest::str).toList());
        assertEquals(3, a.count());
        assertTrue(a.active());
        a.clear();
        assertFalse(a.active());
        assertEquals(1, hub.numsub(bytes("x")));
        assertEquals(0, hub.numsub(bytes("y")));
        assertEquals(List.of("x"), hub.channels(null).stream().map(PubSubHubTest::str).toList());
        assertEquals(2, hub.numpat());
        b.punsubscribe(bytes("q*"));
        assertEquals(1, hub.numpat());
    }

    @Test
    void tokensNameEntryAndPlace() {
        long t = Publication.token(123_456_789L, 42);
        assertEquals(123_456_789L, Publication.indexOf(t));
        assertTrue(Publication.token(5, 0) > Publication.token(4, 1000));
    }
}
