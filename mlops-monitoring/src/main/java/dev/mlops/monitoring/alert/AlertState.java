package dev.mlops.monitoring.alert;

/**
 * The state of an alert instance, or of a rule (the most severe state of its instances).
 *
 * <p>As in Prometheus: an instance is {@link #PENDING} from the first evaluation at which its condition
 * holds until it has held for the rule's {@code for} duration, then {@link #FIRING}; when the condition
 * stops holding (and any {@code keep_firing_for} has run out) a firing instance becomes
 * {@link #RESOLVED} and is kept for 15 minutes so that the resolution is delivered; a pending instance
 * whose condition stops holding simply disappears. A rule with no pending or firing instances is
 * {@link #INACTIVE}.
 */
public enum AlertState {
    /** Nothing is pending or firing. */
    INACTIVE,
    /** The condition holds but not yet for the rule's {@code for} duration; never notified. */
    PENDING,
    /** The condition has held for the rule's {@code for} duration (or is being kept firing). */
    FIRING,
    /** The alert was firing and has stopped; kept for a while so the resolution is notified. */
    RESOLVED;

    /** The lower-case name used in notification payloads ({@code firing}, {@code resolved}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
