package dev.mlops.monitoring.alert;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes notifications to SLF4J: one line per notification, at WARN while something fires and at INFO
 * when all is resolved, naming the receiver, the group and each alert's status, labels and summary
 * annotation. Label and annotation text is quoted Go-style, so a value with a line break cannot forge
 * log lines. Never fails (unless the logging backend throws).
 *
 * <p>Thread-safe and stateless. The default logger is {@code dev.mlops.monitoring.alert.notifications}.
 */
public final class LogNotifier implements Notifier {

    /** The default logger's name. */
    public static final String DEFAULT_LOGGER = "dev.mlops.monitoring.alert.notifications";

    private final Logger logger;

    private LogNotifier(Logger logger) {
        this.logger = logger;
    }

    /** Logs to {@link #DEFAULT_LOGGER}. */
    public static LogNotifier create() {
        return new LogNotifier(LoggerFactory.getLogger(DEFAULT_LOGGER));
    }

    /** Logs to {@code logger}. */
    public static LogNotifier to(Logger logger) {
        return new LogNotifier(Objects.requireNonNull(logger, "logger"));
    }

    @Override
    public void send(Notification n) {
        StringBuilder b = new StringBuilder();
        for (NotifiedAlert a : n.alerts()) {
            b.append(b.length() == 0 ? "" : "; ").append(a.status().label()).append(' ').append(a.labels());
            String summary = a.annotations().get("summary");
            if (summary != null) {
                b.append(" summary=").append(GoText.quote(summary));
            }
        }
        String line = GoText.escapeControls(n.title()) + " receiver=" + GoText.quote(n.receiver()) + " group=" + GoText.quote(n.groupKey())
                + " alerts: " + b;
        if (n.status() == AlertState.FIRING) {
            logger.warn(line);
        } else {
            logger.info(line);
        }
    }

    @Override
    public String toString() {
        return "LogNotifier[" + logger.getName() + "]";
    }
}
