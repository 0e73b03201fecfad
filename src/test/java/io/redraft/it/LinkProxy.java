package io.redraft.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One direction of one network link between two nodes: a TCP proxy that forwards the connections
 * one node opens to another. Cutting it drops every open connection and swallows new ones
 * (accepted, read and discarded, never answered), as a network that loses packets would.
 */
final class LinkProxy implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    LinkProxy(String listenIp, int port, InetSocketAddress target) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(listenIp), port));
        this.target = target;
        Thread acceptor = new Thread(this::acceptLoop, "proxy-" + listenIp + ":" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Cuts the link (true) or restores it (false). Changing it drops open connections. */
    void setCut(boolean cut) {
        if (this.cut == cut) {
            return;
        }
        this.cut = cut;
        dropAll();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket in = server.accept();
                sockets.add(in);
                if (cut) {
                    daemon(() -> swallow(in));
                } else {
                    daemon(() -> forward(in));
                }
            } catch (IOException e) {
                if (!closed) {
                    sleepQuietly(10);
                }
            }
        }
    }

    private void forward(Socket in) {
        try (Socket out = new Socket()) {
            sockets.add(out);
            out.connect(target, 5000);
            in.setTcpNoDelay(true);
            out.setTcpNoDelay(true);
            daemon(() -> pump(out, in));
            pump(in, out);
        } catch (IOException e) {
            // target down or link cut: the caller sees a dropped connection
        } finally {
            closeQuietly(in);
        }
    }

    /** Copies bytes until either side closes, then closes both so the peer notices at once. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream input = from.getInputStream();
            OutputStream output = to.getOutputStream();
            int n;
            while (!cut && (n = input.read(buffer)) >= 0) {
                output.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // closed by the other pump or by a cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void swallow(Socket in) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream input = in.getInputStream()) {
            while (cut && input.read(buffer) >= 0) {
                // discard: the sender waits for answers that never come
            }
        } catch (IOException e) {
            // dropped when the link is restored
        } finally {
            closeQuietly(in);
        }
    }

    private void dropAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    private void closeQuietly(Socket s) {
        sockets.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "proxy-conn");
        t.setDaemon(true);
        t.start();
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropAll();
    }
}
