package io.redraft.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny blocking RESP2 client, used by {@code redraft cluster} to watch its nodes and by a node to ask a cluster
 * member to {@code JOIN} it. Not thread-safe beyond {@code call} being synchronized; after an
 * {@link IOException} the connection is in an unknown state and should be closed.
 *
 * <p>Replies: simple and bulk strings become {@link String} (UTF-8), integers {@link Long}, arrays
 * {@code List<Object>}, nil {@code null}; a top-level error reply is thrown as {@link ServerError} (an error
 * nested inside an array is returned as a {@code ServerError} element). RESP3 replies, should a server send
 * them, are mapped to the nearest Java type (doubles to {@link Double}, booleans to {@link Boolean}, maps to
 * {@link Map}).
 */
public final class RespClient implements AutoCloseable {

    /** An error reply ({@code -ERR ...}); the message is the text after the '-'. */
    public static final class ServerError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ServerError(String message) {
            super(message);
        }
    }

    private static final int MAX_LINE = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Connects, waiting at most {@code timeoutMs} for the connection and for each reply. */
    public RespClient(HostPort addr, int timeoutMs) throws IOException {
        this(addr.host(), addr.port(), timeoutMs);
    }

    public RespClient(String host, int port, int timeoutMs) throws IOException {
        this(host, port, timeoutMs, null);
    }

    /**
     * Over TLS when {@code tls} is not null: the server's certificate must be valid for {@code host}
     * (a SAN naming it), as gRPC checks for Raft traffic.
     */
    public RespClient(HostPort addr, int timeoutMs, javax.net.ssl.SSLSocketFactory tls) throws IOException {
        this(addr.host(), addr.port(), timeoutMs, tls);
    }

    public RespClient(String host, int port, int timeoutMs, javax.net.ssl.SSLSocketFactory tls) throws IOException {
        Socket plain = new Socket();
        Socket s = plain;
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(host, port), timeoutMs);
            plain.setSoTimeout(timeoutMs);
            if (tls != null) {
                javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) tls.createSocket(plain, host, port, true);
                javax.net.ssl.SSLParameters params = ssl.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(params);
                s = ssl;
                ssl.startHandshake();
            }
        } catch (IOException | RuntimeException e) {
            s.close();
            plain.close();
            throw e;
        }
        this.socket = s;
        this.in = new BufferedInputStream(s.getInputStream());
        this.out = new BufferedOutputStream(s.getOutputStream());
    }

    /**
     * AUTH as the default user with {@code password}, when there is one: a node's own requirepass,
     * which is what its cluster's default user needs from it.
     */
    public void authenticate(String password) throws IOException {
        if (password != null && !password.isEmpty()) {
            call("AUTH", password);
        }
    }

    /** Sends one command and reads its reply. */
    public synchronized Object call(String... args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("empty command");
        }
        writeCommand(args);
        Object reply = read();
        if (reply instanceof ServerError e) {
            throw new ServerError(e.getMessage());
        }
        return reply;
    }

    private void writeCommand(String[] args) throws IOException {
        out.write(('*' + Integer.toString(args.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] b = arg.getBytes(StandardCharsets.UTF_8);
            out.write(('$' + Integer.toString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.write('\r');
            out.write('\n');
        }
        out.flush();
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by server");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                return new ServerError(line);
            case ':':
                return parseLong(line);
            case '$':
            case '=': {
                long len = parseLong(line);
                if (len < 0) {
                    return null;
                }
                String s = new String(readBytes(len), StandardCharsets.UTF_8);
                return type == '=' && s.length() >= 4 ? s.substring(4) : s; // verbatim: drop "txt:"
            }
            case '*':
            case '~':
            case '>': {
                long n = parseLong(line);
                if (n < 0) {
                    return null;
                }
                List<Object> list = new ArrayList<>((int) Math.min(n, 1024));
                for (long i = 0; i < n; i++) {
                    list.add(read());
                }
                return list;
            }
            case '%': {
                long n = parseLong(line);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (long i = 0; i < n; i++) {
                    Object k = read();
                    map.put(k, read());
                }
                return map;
            }
            case '_':
                return null;
            case '#':
                return "t".equals(line);
            case ',':
                try {
                    return Double.parseDouble(line.replace("inf", "Infinity"));
                } catch (NumberFormatException e) {
                    throw new IOException("protocol error: bad double '" + line + "'");
                }
            case '(':
                return new java.math.BigInteger(line);
            case '!': {
                long len = parseLong(line);
                return new ServerError(new String(readBytes(len), StandardCharsets.UTF_8));
            }
            default:
                throw new IOException("protocol error: unexpected reply type '" + (char) type + "'");
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by server");
            }
            if (b == '\r') {
                int next = in.read();
                if (next == '\n') {
                    return buf.toString(StandardCharsets.UTF_8);
                }
                if (next < 0) {
                    throw new EOFException("connection closed by server");
                }
                buf.write(b);
                b = next;
            }
            buf.write(b);
            if (buf.size() > MAX_LINE) {
                throw new IOException("protocol error: reply line too long");
            }
        }
    }

    private byte[] readBytes(long len) throws IOException {
        if (len > Integer.MAX_VALUE - 8) {
            throw new IOException("protocol error: bulk string too long");
        }
        byte[] data = in.readNBytes((int) len);
        if (data.length != len) {
            throw new EOFException("connection closed by server");
        }
        if (in.read() != '\r' || in.read() != '\n') {
            throw new IOException("protocol error: bulk string not terminated by CRLF");
        }
        return data;
    }

    private static long parseLong(String s) throws IOException {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IOException("protocol error: bad number '" + s + "'");
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
