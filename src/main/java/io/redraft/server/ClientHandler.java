package io.redraft.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.redraft.command.CommandExecutor;
import io.redraft.command.CommandFlag;
import io.redraft.command.CommandSpec;
import io.redraft.command.OutputBufferLimits;
import io.redraft.command.OutputBufferLimits.ClientClass;
import io.redraft.resp.Reply;
import io.redraft.resp.ReplyEncoder;
import io.redraft.resp.RespProtocolError;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's commands with pipelining while keeping Redis's ordering: replies go
 * out in request order, and a read never starts before an earlier write on the same connection
 * has been applied (nor a write before an earlier read), so a client always reads its own writes.
 * Everything here runs on the channel's event loop.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientHandler.class);
    /** Above this many unanswered requests the connection stops reading until replies drain. */
    private static final int MAX_PENDING = 1024;

    private enum Kind { READ, WRITE, LOCAL }

    /** A reply slot, filled when its command completes. */
    private static final class Slot {
        Reply reply;
        boolean close;
        /** For INFO commandstats, SLOWLOG and metrics: the command (null if unknown), its arguments and start time. */
        CommandSpec command;
        byte[][] argv;
        long startNanos;
    }

    private final CommandExecutor executor;
    private final ClientSession session;
    private final Runnable onClose;
    private final ServerStats stats;
    private final ArrayDeque<Slot> replies = new ArrayDeque<>();
    private final ArrayDeque<byte[][]> waiting = new ArrayDeque<>();
    private int readsInFlight;
    private int writesInFlight;
    private int localsInFlight;
    private boolean closing;
    /** Shutdown: no more requests are read; those already read are still answered. */
    private boolean readingPaused;
    /** True while {@link #pump} runs, so synchronous completions don't recurse. */
    private boolean pumping;
    /**
     * A flush is queued on the event loop: the replies of one log entry complete as separate
     * tasks, and flushing once after them costs one write syscall instead of one per reply.
     */
    private boolean flushQueued;
    /**
     * Completions that arrived off the event loop (the apply thread answers a whole log entry's
     * commands back to back): one task drains them all, so a pipelined batch is encoded into one
     * buffer and written once rather than as one task and one write per reply.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> completed =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean drainQueued =
            new java.util.concurrent.atomic.AtomicBoolean();
    private volatile ChannelHandlerContext ctx;
    /** Bytes of replies and pushes handed to Netty and not yet written to the socket. */
    private final AtomicLong outputPending = new AtomicLong();
    private final OutputBufferLimits.Tracker outputTracker = new OutputBufferLimits.Tracker();
    /** This node's limits (CONFIG SET changes them); Redis's defaults without a node. */
    private final OutputBufferLimits outputLimits;

    ClientHandler(CommandExecutor executor, ClientSession session, Runnable onClose, ServerStats stats) {
        this.executor = executor;
        this.session = session;
        this.onClose = onClose;
        this.stats = stats;
        this.outputLimits = session.node() != null && session.node().connectionLimits() != null
                ? session.node().connectionLimits().outputBuffers() : new OutputBufferLimits();
        session.pushTo(this::push);
    }

    /**
     * Hands {@code out} to Netty, counting it as unsent output until the socket takes it; false
     * (and the connection closing) when that output passes the client-output-buffer-limit of the
     * connection's class: pubsub while it has subscriptions, else normal, as in Redis. A client
     * that sends requests without reading the replies is dropped instead of the node buffering
     * for it without bound (when a limit is set: Redis's default for normal clients has none).
     */
    private boolean writeCounted(ChannelHandlerContext c, ByteBuf out, boolean flush, ClientClass clientClass) {
        int size = out.readableBytes();
        long pending = outputPending.addAndGet(size);
        if (outputTracker.exceeded(outputLimits.of(clientClass), pending, System.nanoTime())) {
            outputPending.addAndGet(-size);
            out.release();
            LOG.warn("closing client {}: {} output buffer of {} bytes over client-output-buffer-limit",
                    session.remoteAddress(), clientClass.name().toLowerCase(java.util.Locale.ROOT), pending);
            c.channel().close();
            return false;
        }
        (flush ? c.writeAndFlush(out) : c.write(out)).addListener(f -> outputPending.addAndGet(-size));
        return true;
    }

    /**
     * Writes a pub/sub message out of band, from the node's delivery thread. A subscriber too
     * slow to take them is disconnected once its unsent output passes the pub/sub output limit,
     * as Redis does, instead of the node buffering for it without bound.
     */
    private void push(Reply frame) {
        ChannelHandlerContext c = ctx;
        if (c == null || !c.channel().isActive()) {
            return;
        }
        ByteBuf out = c.alloc().buffer();
        ReplyEncoder.encode(frame, session.protocol(), out);
        writeCounted(c, out, true, ClientClass.PUBSUB); // only subscribers get pushes
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        waiting.clear();
        session.subscriptions().clear();
        executor.connectionClosed(session);
        onClose.run();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing || session.killed()) {
            return;
        }
        if (msg instanceof RespProtocolError error) {
            // Redis answers earlier requests first, then the error, then closes.
            Slot slot = new Slot();
            slot.reply = Reply.error("ERR " + error.message());
            slot.close = true;
            replies.add(slot);
            closing = true;
            waiting.clear();
            writeReplies();
            return;
        }
        byte[][] argv = (byte[][]) msg;
        if (waiting.isEmpty() && canStart(kindOf(argv))) {
            start(argv);
        } else {
            waiting.add(argv);
        }
        if (replies.size() + waiting.size() >= MAX_PENDING) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private Kind kindOf(byte[][] argv) {
        CommandSpec spec = executor.table().lookup(argv[0]);
        if (spec == null) {
            return Kind.LOCAL;
        }
        if (spec.flags().contains(CommandFlag.BLOCKING)) {
            return Kind.LOCAL; // while it blocks, nothing after it on this connection runs (as Redis)
        }
        return spec.isWrite() ? Kind.WRITE : spec.isRead() ? Kind.READ : Kind.LOCAL;
    }

    private boolean canStart(Kind kind) {
        switch (kind) {
            case WRITE:
                return readsInFlight == 0 && localsInFlight == 0;
            case READ:
                return writesInFlight == 0 && localsInFlight == 0;
            default:
                // Connection commands may change state later commands depend on (SELECT, HELLO).
                return readsInFlight == 0 && writesInFlight == 0 && localsInFlight == 0;
        }
    }

    private void start(byte[][] argv) {
        Kind kind = kindOf(argv);
        Slot slot = new Slot();
        replies.add(slot);
        count(kind, 1);
        slot.command = session.noteCommand(executor.table(), argv);
        slot.argv = argv;
        slot.startNanos = System.nanoTime();
        CompletionStage<Reply> result;
        try {
            result = executor.execute(session, argv);
        } catch (RuntimeException e) {
            result = java.util.concurrent.CompletableFuture.completedFuture(Reply.error("ERR " + e));
        }
        slot.close = session.takeCloseAfterReply();
        result.whenComplete((reply, error) -> {
            if (ctx.executor().inEventLoop()) {
                settle(slot, kind, reply, error);
                pump();
            } else {
                completed.add(() -> settle(slot, kind, reply, error));
                if (drainQueued.compareAndSet(false, true)) {
                    ctx.executor().execute(this::drainCompleted);
                }
            }
        });
    }

    private void drainCompleted() {
        drainQueued.set(false); // before polling: a completion added from now on queues a new drain
        for (Runnable r; (r = completed.poll()) != null; ) {
            r.run();
        }
        pump();
    }

    /** Records a command's reply in its slot; {@link #pump} writes it when its turn comes. */
    private void settle(Slot slot, Kind kind, Reply reply, Throwable error) {
        slot.reply = error == null ? reply : Reply.error("ERR " + error);
        count(kind, -1);
        stats.record(session, slot.argv, slot.command, System.nanoTime() - slot.startNanos, slot.reply);
        slot.argv = null;
        session.commandDone();
    }

    /** Writes the replies that are ready and starts the requests that may run now. */
    private void pump() {
        if (pumping) {
            return; // the loop below, further up this stack, picks it up
        }
        pumping = true;
        try {
            writeReplies();
            while (!closing && !waiting.isEmpty() && canStart(kindOf(waiting.peek()))) {
                start(waiting.poll());
                writeReplies();
            }
        } finally {
            pumping = false;
        }
        if (!closing && !readingPaused && replies.size() + waiting.size() < MAX_PENDING / 2
                && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void count(Kind kind, int delta) {
        switch (kind) {
            case READ -> readsInFlight += delta;
            case WRITE -> writesInFlight += delta;
            default -> localsInFlight += delta;
        }
    }

    /** Writes every reply at the head of the queue that is ready, in order. */
    private void writeReplies() {
        ByteBuf out = null;
        while (!replies.isEmpty() && replies.peek().reply != null) {
            Slot slot = replies.poll();
            if (out == null) {
                out = ctx.alloc().buffer();
            }
            ReplyEncoder.encode(slot.reply, session.protocol(), out);
            if (slot.close) {
                closing = true;
                replies.clear();
                waiting.clear();
                ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        if (out != null) {
            // on the event loop, where subscriptions change
            ClientClass clientClass = session.subscriptions().active() ? ClientClass.PUBSUB : ClientClass.NORMAL;
            if (!writeCounted(ctx, out, false, clientClass)) {
                closing = true;
                replies.clear();
                waiting.clear();
                return;
            }
            if (!flushQueued) {
                flushQueued = true;
                ctx.executor().execute(() -> {
                    flushQueued = false;
                    ctx.flush();
                });
            }
        }
    }

    /** Stops reading requests (shutdown); the ones already read keep running and are answered. */
    void pauseReading() {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            try {
                c.executor().execute(() -> {
                    readingPaused = true;
                    c.channel().config().setAutoRead(false);
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // its event loop is gone, and the connection with it
            }
        }
    }

    /**
     * Whether every read and write this connection has read is answered. Local commands are left
     * out: a blocking pop or SHUTDOWN itself may never be, and what waits behind them never starts.
     */
    java.util.concurrent.CompletableFuture<Boolean> answered() {
        ChannelHandlerContext c = ctx;
        if (c == null || !c.channel().isActive()) {
            return java.util.concurrent.CompletableFuture.completedFuture(true);
        }
        java.util.concurrent.CompletableFuture<Boolean> result = new java.util.concurrent.CompletableFuture<>();
        try {
            c.executor().execute(() -> result.complete(
                    readsInFlight + writesInFlight == 0 && (localsInFlight > 0 || waiting.isEmpty())));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.complete(true); // its event loop is gone, and the connection with it
        }
        return result;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
