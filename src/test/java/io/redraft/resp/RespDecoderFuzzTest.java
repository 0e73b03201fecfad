package io.redraft.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of {@link RespDecoder}: it must never throw, must emit only non-empty argv
 * arrays optionally followed by one final protocol error, and must not depend on how the input
 * is fragmented (inputs stay far below the 64 KiB limits, the one place fragmentation matters).
 */
class RespDecoderFuzzTest {

    private static final String[] SEEDS = {
        "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n",
        "*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$0\r\n\r\n",
        "SET \"a b\" 'c\\'d' \"\\x41\\n\"\r\nGET a\n",
        "*0\r\n*-1\r\n\r\nPING\r\n",
        "*2\r\n$3\r\nGET\r\n$3\r\na\0b\r\n",
    };

    private static final byte[] ALPHABET = "*$\r\n\r\n0123456789-+ \"'\\xaAfF\0:".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void decoderNeverThrowsAndOutputIsWellFormed() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random rnd = new Random(0xC0FFEE);
            int errors = 0;
            int requests = 0;
            for (int iter = 0; iter < 20_000; iter++) {
                byte[] input = iter % 3 == 0 ? randomInput(rnd) : mutate(rnd);
                List<Object> whole = RespDecoderTest.decodeWhole(new RespDecoder(1 << 20), input);
                checkShape(whole, input);
                List<Object> split = RespDecoderTest.decodeChunks(new RespDecoder(1 << 20),
                        RespDecoderTest.randomSplit(input, rnd));
                assertEquals(RespDecoderTest.render(whole), RespDecoderTest.render(split),
                        () -> "fragmentation changed the result for " + show(input));
                if (!whole.isEmpty() && whole.get(whole.size() - 1) instanceof RespProtocolError) {
                    errors++;
                }
                requests += whole.size();
            }
            // Sanity: the generator exercises both the happy and the error paths.
            assertTrue(errors > 1_000, "errors " + errors);
            assertTrue(requests > 10_000, "requests " + requests);
        });
    }

    private static void checkShape(List<Object> out, byte[] input) {
        for (int i = 0; i < out.size(); i++) {
            Object o = out.get(i);
            if (o instanceof byte[][] argv) {
                if (argv.length == 0) {
                    fail("empty argv emitted for " + show(input));
                }
            } else if (o instanceof RespProtocolError e) {
                if (i != out.size() - 1) {
                    fail("output after protocol error for " + show(input));
                }
                if (!e.message().startsWith("Protocol error: ")) {
                    fail("bad message " + e.message());
                }
            } else {
                fail("unexpected " + o);
            }
        }
    }

    private static byte[] randomInput(Random rnd) {
        int n = rnd.nextInt(120);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = rnd.nextInt(8) == 0 ? (byte) rnd.nextInt(256) : ALPHABET[rnd.nextInt(ALPHABET.length)];
        }
        return b;
    }

    private static byte[] mutate(Random rnd) {
        ByteArrayOutputStream seed = new ByteArrayOutputStream();
        int parts = 1 + rnd.nextInt(4);
        for (int i = 0; i < parts; i++) {
            seed.writeBytes(SEEDS[rnd.nextInt(SEEDS.length)].getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] b = seed.toByteArray();
        int mutations = rnd.nextInt(4); // zero mutations keeps some fully valid pipelines
        for (int m = 0; m < mutations && b.length > 0; m++) {
            int pos = rnd.nextInt(b.length);
            byte val = rnd.nextBoolean() ? ALPHABET[rnd.nextInt(ALPHABET.length)] : (byte) rnd.nextInt(256);
            switch (rnd.nextInt(3)) {
                case 0:
                    b[pos] = val;
                    break;
                case 1: {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, pos);
                    c[pos] = val;
                    System.arraycopy(b, pos, c, pos + 1, b.length - pos);
                    b = c;
                    break;
                }
                default: {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, pos);
                    System.arraycopy(b, pos + 1, c, pos, b.length - pos - 1);
                    b = c;
                    break;
                }
            }
        }
        return b;
    }

    private static String show(byte[] input) {
        StringBuilder sb = new StringBuilder();
        for (byte x : input) {
            int c = x & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }
}
