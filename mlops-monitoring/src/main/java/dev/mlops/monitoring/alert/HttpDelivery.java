package dev.mlops.monitoring.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * POSTs a JSON body with retries: 2xx is success; 429, 5xx, I/O errors and timeouts are retried per the
 * {@link RetryPolicy} (waiting at least what {@code Retry-After} asks); anything else fails at once.
 *
 * <p>Owns its {@link HttpClient}'s executor when it created the client, and shuts it down on
 * {@link #close()}. Thread-safe.
 */
final class HttpDelivery implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int MAX_BODY_IN_MESSAGE = 200;

    private final HttpClient client;
    private final ExecutorService ownExecutor;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final String what;
    private final ObjectMapper mapper = Json.newMapper();
    private volatile boolean closed;

    HttpDelivery(HttpClient provided, Duration timeout, RetryPolicy retry, Sleeper sleeper, String what) {
        this.timeout = timeout;
        this.retry = retry;
        this.sleeper = sleeper;
        this.what = what;
        if (provided != null) {
            this.client = provided;
            this.ownExecutor = null;
        } else {
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "mlops-alert-http-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            this.ownExecutor = Executors.newCachedThreadPool(factory);
            this.client = HttpClient.newBuilder()
                    .connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(ownExecutor)
                    .build();
        }
    }

    /** The mapper notifiers build their payloads with. */
    ObjectMapper mapper() {
        return mapper;
    }

    /**
     * POSTs {@code payload} to {@code url} with {@code Content-Type: application/json} and the extra
     * headers.
     *
     * @param start the time the delivery started, to turn an HTTP-date {@code Retry-After} into a wait
     * @throws DeliveryException when the notification was not delivered
     */
    void postJson(URI url, Map<String, String> headers, JsonNode payload, Instant start) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new DeliveryException(what + " payload could not be written: " + e.getOriginalMessage(), 0, -1, e);
        }
        if (closed) {
            throw new DeliveryException(what + " notifier is closed", 0, -1, null);
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "mlops-alerting")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(rb::header);
        HttpRequest request = rb.build();
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            int status = -1;
            IOException error = null;
            Optional<String> retryAfter = Optional.empty();
            String responseBody = "";
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return;
                }
                retryAfter = response.headers().firstValue("Retry-After");
                responseBody = response.body();
            } catch (IOException e) {
                error = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException(what + " delivery to " + origin(url) + " was interrupted", attempt, -1, e);
            }
            boolean retryable = error != null || status == 429 || (status >= 500 && status < 600);
            String outcome = error != null ? error.getClass().getSimpleName()
                    + (error.getMessage() == null ? "" : ": " + error.getMessage())
                    : "HTTP " + status + describeBody(responseBody);
            if (!retryable) {
                throw new DeliveryException(what + " delivery to " + origin(url) + " failed with " + outcome
                        + " (not retried)", attempt, status, null);
            }
            if (attempt >= retry.maxAttempts()) {
                throw new DeliveryException(what + " delivery to " + origin(url) + " failed after " + attempt
                        + " attempts, last: " + outcome, attempt, status, error);
            }
            Duration wait = retry.backoff(attempt);
            Instant elapsed = start.plus(waited);
            Optional<Duration> asked = retryAfter.flatMap(v -> parseRetryAfter(v, elapsed));
            if (asked.isPresent()) {
                if (asked.get().compareTo(retry.maxRetryAfter()) > 0) {
                    throw new DeliveryException(what + " delivery to " + origin(url) + " failed with " + outcome
                            + ": Retry-After " + asked.get() + " exceeds the limit " + retry.maxRetryAfter(),
                            attempt, status, error);
                }
                if (asked.get().compareTo(wait) > 0) {
                    wait = asked.get();
                }
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException(what + " delivery to " + origin(url) + " was interrupted", attempt, status, e);
            }
            waited = waited.plus(wait);
        }
    }

    /** A {@code Retry-After} value (delta-seconds or an HTTP date) as a wait from {@code now}. */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String v = value.strip();
        if (v.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Scheme, host and port only: paths and queries of webhook URLs are often secrets. */
    static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    private static String describeBody(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < body.length() && b.length() < MAX_BODY_IN_MESSAGE; i++) {
            char c = body.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return ": " + b.toString().strip() + (body.length() > MAX_BODY_IN_MESSAGE ? "…" : "");
    }

    @Override
    public void close() {
        closed = true;
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }
}
