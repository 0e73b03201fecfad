package io.redraft.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster dashboard ({@code --http-addr}): a static page (resources under
 * {@code io/redraft/dashboard/}) whose script polls {@code /api/status} every second. GET only
 * (405 otherwise); any other path is 404. The JDK's HTTP server on two daemon threads: the page is for
 * a few operators, not for load.
 */
final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final String RESOURCES = "/io/redraft/dashboard/";
    /** Path -> resource file and content type. */
    private static final Map<String, String[]> STATIC = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/dashboard.css", new String[] {"dashboard.css", "text/css; charset=utf-8"},
            "/dashboard.js", new String[] {"dashboard.js", "text/javascript; charset=utf-8"});

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, byte[]> files = new java.util.HashMap<>();

    private DashboardServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on {@code address} and serves {@code status} (JSON text) at /api/status. */
    static DashboardServer start(HostPort address, Supplier<String> status) throws IOException {
        HttpServer server = HttpServer.create(address.toSocketAddress(), 16);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "dashboard-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        DashboardServer dashboard = new DashboardServer(server, executor);
        for (Map.Entry<String, String[]> e : STATIC.entrySet()) {
            dashboard.files.put(e.getKey(), load(e.getValue()[0]));
        }
        server.createContext("/", exchange -> dashboard.handle(exchange, status));
        server.setExecutor(executor);
        server.start();
        LOG.info("dashboard on http://{}/", address);
        return dashboard;
    }

    private static byte[] load(String name) {
        try (InputStream in = DashboardServer.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange, Supplier<String> status) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/api/status")) {
                String json;
                try {
                    json = status.get();
                } catch (RuntimeException e) { // e.g. the Raft group closing under us: the page shows the error
                    LOG.debug("status failed", e);
                    send(exchange, 503, "text/plain; charset=utf-8",
                            ("status unavailable: " + e + "\n").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                send(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
            } else if (STATIC.containsKey(path)) {
                send(exchange, 200, STATIC.get(path)[1], files.get(path));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            LOG.warn("dashboard request failed", e);
        }
    }

    private static void send(HttpExchange exchange, int code, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
