package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The options every HTTP notifier's builder shares: request timeout, retry policy, how to wait between
 * attempts, and the HTTP client. Each option may be set once.
 *
 * @param <B> the concrete builder
 */
public abstract class HttpNotifierBuilder<B extends HttpNotifierBuilder<B>> {

    /** The default time allowed for connecting and for each request. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    Duration timeout;
    RetryPolicy retryPolicy;
    Sleeper sleeper;
    HttpClient httpClient;

    HttpNotifierBuilder() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The time allowed to connect and for each request's response; default 10 s. */
    public B timeout(Duration timeout) {
        if (this.timeout != null) {
            throw new InvalidArgumentException("timeout", "is already set");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidArgumentException("timeout", "must be positive, was " + timeout);
        }
        this.timeout = timeout;
        return self();
    }

    /** How failed requests are retried; default {@link RetryPolicy#defaults()}. */
    public B retryPolicy(RetryPolicy policy) {
        if (this.retryPolicy != null) {
            throw new InvalidArgumentException("retryPolicy", "is already set");
        }
        this.retryPolicy = Objects.requireNonNull(policy, "policy");
        return self();
    }

    /** How to wait between attempts; default {@link Sleeper#threadSleep()}. */
    public B sleeper(Sleeper sleeper) {
        if (this.sleeper != null) {
            throw new InvalidArgumentException("sleeper", "is already set");
        }
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return self();
    }

    /**
     * A client to share (it stays the host's and is not closed with the notifier); default: the notifier
     * creates its own, whose threads stop when the notifier is closed.
     */
    public B httpClient(HttpClient client) {
        if (this.httpClient != null) {
            throw new InvalidArgumentException("httpClient", "is already set");
        }
        this.httpClient = Objects.requireNonNull(client, "client");
        return self();
    }

    HttpDelivery delivery(String what) {
        return new HttpDelivery(httpClient, timeout == null ? DEFAULT_TIMEOUT : timeout,
                retryPolicy == null ? RetryPolicy.defaults() : retryPolicy,
                sleeper == null ? Sleeper.threadSleep() : sleeper, what);
    }

    /** {@code url} if it is an absolute http(s) URL with a host. */
    static URI requireHttpUrl(String field, URI url) {
        Objects.requireNonNull(url, field);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new InvalidArgumentException(field, "must be an absolute http or https URL with a host");
        }
        return url;
    }
}
