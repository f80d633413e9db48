package dev.mlops.monitoring.alert;

/**
 * Delivers a {@link Notification} somewhere: a log, a webhook, Slack, PagerDuty, or the host's own
 * channel. An Alertmanager "integration".
 *
 * <p>{@link #send} returns normally when the notification was delivered and throws when it was not
 * (built-in notifiers throw {@link DeliveryException}). The {@link AlertManager} catches every
 * exception, logs and counts it, and does not record the notification as sent, so the next flush of
 * the group tries again; nothing a notifier throws reaches the evaluation loop.
 *
 * <p>Implementations must be thread-safe: the manager may deliver notifications for different groups
 * at the same time when it is given a notification executor. Their {@code toString()} must not reveal
 * secrets (URLs with tokens, routing keys), because it appears in log lines.
 */
@FunctionalInterface
public interface Notifier {

    /**
     * Delivers {@code notification}.
     *
     * @throws RuntimeException (usually {@link DeliveryException}) if it was not delivered
     */
    void send(Notification notification);

    /**
     * Whether this kind of notifier is told about resolved alerts unless the receiver says otherwise
     * (Alertmanager's defaults: true for webhook, PagerDuty and the log, false for Slack).
     */
    default boolean sendResolvedByDefault() {
        return true;
    }
}
