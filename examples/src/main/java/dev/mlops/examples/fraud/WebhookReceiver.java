package dev.mlops.examples.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.mlops.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP endpoint on 127.0.0.1 standing in for the on-call team's alert receiver: it accepts
 * Alertmanager-style webhook posts ({@code WebhookNotifier}), keeps a one-line summary of each, and
 * answers 200. Started by {@link #start()}, stopped by {@link #close()}. Thread-safe.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = Json.newMapper();

    private WebhookReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts listening on an ephemeral port of the loopback interface. */
    public static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        });
        WebhookReceiver receiver = new WebhookReceiver(server, executor);
        server.createContext("/alerts", exchange -> {
            try (exchange; InputStream body = exchange.getRequestBody()) {
                receiver.record(body.readAllBytes());
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    /** Where to post alerts. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts");
    }

    /** One summary per received post, in arrival order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    private void record(byte[] body) throws IOException {
        JsonNode n = json.readTree(body);
        StringBuilder s = new StringBuilder(n.path("status").asText()).append(':');
        for (JsonNode a : n.path("alerts")) {
            s.append(' ').append(a.path("labels").path("alertname").asText())
                    .append(" (").append(a.path("annotations").path("summary").asText()).append(')');
        }
        received.add(s.toString());
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
