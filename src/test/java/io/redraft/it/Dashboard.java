package io.redraft.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.json.JSONObject;

/** The test side of nodes' --http-addr dashboards: which port each node serves, and plain HTTP requests. */
final class Dashboard {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    /** The flags giving {@code n} its own dashboard port (for {@link TestCluster#formWith}). */
    synchronized List<String> flagsFor(NodeProcess n) {
        try {
            if (!ports.containsKey(n.id)) {
                ports.put(n.id, NodeProcess.freePort());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return List.of("--http-addr", "127.0.0.1:" + ports.get(n.id));
    }

    String url(NodeProcess n, String path) {
        return "http://127.0.0.1:" + ports.get(n.id) + path;
    }

    HttpResponse<String> request(NodeProcess n, String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(n, path)))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The node's /api/status, or null if it does not answer 200 right now. */
    JSONObject status(NodeProcess n) {
        try {
            HttpResponse<String> r = request(n, "GET", "/api/status");
            return r.statusCode() == 200 ? new JSONObject(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
