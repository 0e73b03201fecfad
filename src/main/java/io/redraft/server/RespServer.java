package io.redraft.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.redraft.command.CommandExecutor;
import io.redraft.command.ConnectionLimits;
import io.redraft.command.NodeServices;
import io.redraft.command.Session;
import io.redraft.resp.RespDecoder;
import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The client-facing RESP listener. */
final class RespServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Class<? extends ServerChannel> channelType;
    private final AtomicInteger connected = new AtomicInteger();
    /** Open connections by client id, for CLIENT LIST and CLIENT KILL. */
    private final java.util.concurrent.ConcurrentSkipListMap<Long, ClientSession> sessions =
            new java.util.concurrent.ConcurrentSkipListMap<>();
    private ServerStats stats = new ServerStats();
    private Channel channel;
    /** The TLS listener ({@code --tls-port}), or null. */
    private Channel tlsChannel;

    RespServer() {
        if (Epoll.isAvailable()) {
            boss = new EpollEventLoopGroup(1, new DefaultThreadFactory("resp-accept", true));
            workers = new EpollEventLoopGroup(0, new DefaultThreadFactory("resp-io", true));
            channelType = EpollServerSocketChannel.class;
        } else {
            boss = new NioEventLoopGroup(1, new DefaultThreadFactory("resp-accept", true));
            workers = new NioEventLoopGroup(0, new DefaultThreadFactory("resp-io", true));
            channelType = NioServerSocketChannel.class;
        }
    }

    void start(HostPort address, CommandExecutor executor, NodeServices node) throws IOException {
        start(address, null, null, executor, node);
    }

    /**
     * Listens on {@code address} and, when {@code tls} is not null, on {@code tlsAddress} too: the
     * same server with an SslHandler first in each connection's pipeline, as Redis's tls-port.
     */
    void start(HostPort address, HostPort tlsAddress, io.netty.handler.ssl.SslContext tls, CommandExecutor executor,
               NodeServices node) throws IOException {
        ConnectionLimits limits = node.connectionLimits();
        if (limits != null) {
            boss.scheduleAtFixedRate(() -> closeIdle(limits), 1, 1, TimeUnit.SECONDS);
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 511)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true);
        channel = bind(bootstrap.clone().childHandler(connections(null, limits, executor, node)), address, "redis");
        if (tls != null) {
            tlsChannel = bind(bootstrap.clone().childHandler(connections(tls, limits, executor, node)), tlsAddress,
                    "TLS");
        }
    }

    /** Sets up each accepted connection; {@code tls} non-null for the TLS listener. */
    private ChannelInitializer<SocketChannel> connections(io.netty.handler.ssl.SslContext tls, ConnectionLimits limits,
                                                          CommandExecutor executor, NodeServices node) {
        return new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (tls != null) {
                    // A plaintext client or one without a valid certificate fails the
                    // handshake and is closed (ClientHandler closes on any pipeline
                    // exception), as on Redis's TLS port.
                    ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                }
                if (limits != null && connected.get() >= limits.maxClients()) {
                    stats.rejectedConnections.increment();
                    ch.pipeline().addLast(REFUSE);
                    return;
                }
                connected.incrementAndGet();
                stats.connectionsReceived.increment();
                ClientSession session = new ClientSession(String.valueOf(ch.remoteAddress()), node);
                session.attach(ch);
                sessions.put(session.id(), session);
                Runnable onClose = () -> {
                    connected.decrementAndGet();
                    sessions.remove(session.id());
                };
                RespDecoder decoder = limits == null ? new RespDecoder()
                        : new RespDecoder(RespDecoder.DEFAULT_MAX_BULK_LEN, limits::queryBufferLimit);
                ch.pipeline().addLast(decoder, new ClientHandler(executor, session, onClose, stats));
            }
        };
    }

    private static Channel bind(ServerBootstrap bootstrap, HostPort address, String what) throws IOException {
        try {
            return bootstrap.bind(address.toSocketAddress()).syncUninterruptibly().channel();
        } catch (Exception e) {
            // Epoll reports a taken port as a NativeIoException, NIO as a BindException.
            String msg = String.valueOf(e.getMessage());
            if (e instanceof BindException || msg.contains("in use")) {
                BindException bind = new BindException(what + " address " + address + " is already in use");
                bind.initCause(e);
                throw bind;
            }
            throw new IOException("cannot listen on " + address + ": " + msg, e);
        }
    }

    /** Over maxclients: Redis's error, then the connection closes (Redis accepts and then refuses too). */
    @ChannelHandler.Sharable
    private static final class Refuse extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ByteBuf error = Unpooled.copiedBuffer("-" + ConnectionLimits.MAX_CLIENTS_REACHED + "\r\n",
                    StandardCharsets.US_ASCII);
            ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static final Refuse REFUSE = new Refuse();

    /**
     * Redis's clientsCronHandleTimeout: closes clients silent for longer than {@code timeout},
     * except subscribers and clients waiting for a reply (a blocked BLPOP is not idle).
     */
    private void closeIdle(ConnectionLimits limits) {
        long timeout = limits.idleTimeoutSeconds();
        if (timeout <= 0) {
            return;
        }
        long now = System.currentTimeMillis();
        for (ClientSession s : sessions.values()) {
            if (s.isIdleFor(timeout * 1000, now) && !s.subscriptions().active()) {
                s.kill();
            }
        }
    }

    /** Set before {@link #start}: where connections count commands and errors. */
    void useStats(ServerStats stats) {
        this.stats = stats;
    }

    /**
     * Open connections, in id order. A killed one is left out at once, as Redis frees it at once:
     * its channel's close, which unregisters it, completes a moment later on its event loop.
     */
    java.util.Collection<Session> sessions() {
        return sessions.values().stream().filter(s -> !s.killed()).<Session>map(s -> s).toList();
    }

    int connectedClients() {
        return connected.get();
    }

    /** Stops accepting connections; open ones keep being served until {@link #close}. */
    void stopAccepting() {
        closeListeners();
    }

    /** Shutdown: open connections stop sending requests in; what they sent is still answered. */
    void pauseReading() {
        handlers().forEach(ClientHandler::pauseReading);
    }

    /** Waits until every connection's reads and writes in flight are answered; false on timeout. */
    boolean awaitAnswered(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (ClientHandler h : handlers()) {
                try {
                    all &= h.answered().get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                            TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    all = false;
                }
            }
            if (all) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private List<ClientHandler> handlers() {
        List<ClientHandler> result = new java.util.ArrayList<>();
        for (ClientSession s : sessions.values()) {
            ClientHandler h = s.handler();
            if (h != null) {
                result.add(h);
            }
        }
        return result;
    }

    private void closeListeners() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        if (tlsChannel != null) {
            tlsChannel.close().syncUninterruptibly();
        }
    }

    @Override
    public void close() {
        closeListeners();
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    }
}
