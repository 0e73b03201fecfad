package io.redraft.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * RESP hot paths: decoding a pipeline of 16 SETs (what {@code redis-benchmark -P 16} sends), and
 * encoding typical replies (OK, a bulk, a 100-element array) in RESP2 and RESP3.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RespBench {
    private byte[] pipeline;
    private ByteBuf in;
    private final RespDecoder decoder = new RespDecoder();
    private final List<Object> decoded = new ArrayList<>();
    private ByteBuf out;
    private Reply ok;
    private Reply bulk;
    private Reply array;

    @Setup
    public void setup() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            String key = "key:" + (100000 + i);
            sb.append("*3\r\n$3\r\nSET\r\n$").append(key.length()).append("\r\n").append(key)
                    .append("\r\n$3\r\nxxx\r\n");
        }
        pipeline = sb.toString().getBytes(StandardCharsets.US_ASCII);
        in = Unpooled.buffer(pipeline.length);
        out = Unpooled.buffer(64 * 1024);
        ok = Reply.status("OK");
        bulk = Reply.bulk(new byte[64]);
        List<Reply> items = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            items.add(Reply.bulk(("member:" + i).getBytes(StandardCharsets.US_ASCII)));
        }
        array = Reply.array(items);
    }

    /** Sixteen pipelined SET commands, decoded into argv arrays. */
    @Benchmark
    public int decodeSetPipeline16() {
        in.clear().writeBytes(pipeline);
        decoded.clear();
        while (in.isReadable()) {
            int before = in.readerIndex();
            decoder.decode(null, in, decoded);
            if (in.readerIndex() == before) {
                break;
            }
        }
        return decoded.size();
    }

    @Benchmark
    public int encodeOkResp2() {
        out.clear();
        ReplyEncoder.encode(ok, 2, out);
        return out.writerIndex();
    }

    @Benchmark
    public int encodeBulk64Resp2() {
        out.clear();
        ReplyEncoder.encode(bulk, 2, out);
        return out.writerIndex();
    }

    @Benchmark
    public int encodeArray100Resp2() {
        out.clear();
        ReplyEncoder.encode(array, 2, out);
        return out.writerIndex();
    }

    @Benchmark
    public int encodeArray100Resp3() {
        out.clear();
        ReplyEncoder.encode(array, 3, out);
        return out.writerIndex();
    }

    /** The leader's replies travel back through ReplyCodec: encode and decode a batch of 64 OKs. */
    @Benchmark
    public int replyCodecBatch64() {
        List<Reply> replies = new ArrayList<>(64);
        for (int i = 0; i < 64; i++) {
            replies.add(ok);
        }
        return ReplyCodec.listFromBytes(ReplyCodec.toBytes(replies)).size();
    }
}
