package io.redraft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** A subscriber that stops reading is dropped at the pub/sub output limit; the node carries on. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SlowSubscriberTest {
    @TempDir
    Path dir;

    @Test
    void subscriberThatNeverReadsIsDisconnectedAboveTheHardLimit() throws Exception {
        NodeProcess node = new NodeProcess("n1", dir).start();
        try (Socket stuck = new Socket()) {
            assertEquals("OK", node.call("BOOTSTRAP", node.id, node.raftAddr()));
            stuck.setReceiveBufferSize(64 * 1024);
            stuck.connect(new InetSocketAddress("127.0.0.1", node.redisPort), 10_000);
            OutputStream out = stuck.getOutputStream();
            out.write("*2\r\n$9\r\nSUBSCRIBE\r\n$4\r\nfeed\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = stuck.getInputStream();
            byte[] confirmation = "*3\r\n$9\r\nsubscribe\r\n$4\r\nfeed\r\n:1\r\n".getBytes(StandardCharsets.US_ASCII);
            assertEquals(new String(confirmation, StandardCharsets.US_ASCII),
                    new String(in.readNBytes(confirmation.length), StandardCharsets.US_ASCII));
            // From here on the subscriber reads nothing.

            String payload = "x".repeat(256 * 1024);
            try (Jedis publisher = node.client()) {
                TestCluster.await(Duration.ofSeconds(30), () -> {
                    try {
                        return publisher.publish("warmup", "1") == 0;
                    } catch (RuntimeException e) {
                        return false; // the new cluster is still electing its leader
                    }
                }, "the node accepting writes");
                long delivered = 0;
                // 256 x 256 KB = 64 MB, twice the 32 MB hard limit; the kernel buffers a few MB.
                for (int i = 0; i < 256 && delivered < 256; i++) {
                    delivered += publisher.publish("feed", payload);
                    if (publisher.pubsubNumSub("feed").get("feed") == 0) {
                        break;
                    }
                }
                TestCluster.await(Duration.ofSeconds(30),
                        () -> publisher.pubsubNumSub("feed").get("feed") == 0, "the stuck subscriber dropped");
                assertTrue(delivered > 100, "delivered to the subscriber before it was dropped: " + delivered);
                assertEquals(0L, publisher.publish("feed", "after"));
                assertEquals("PONG", publisher.ping());
                assertEquals(List.of(), publisher.pubsubChannels());
            }
        } finally {
            node.stop();
        }
    }
}
