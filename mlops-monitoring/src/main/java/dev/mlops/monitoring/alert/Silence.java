package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Mutes the alerts whose labels match all of its matchers between {@code startsAt} (inclusive) and
 * {@code endsAt} (exclusive), as an Alertmanager silence. Muted alerts are left out of notifications,
 * firing and resolved alike (so a resolution that happens while silenced is not notified); they still
 * inhibit other alerts.
 *
 * <p>Create silences with {@link AlertManager#silence}; this record is what the manager hands back.
 *
 * @param id the identifier the manager assigned
 * @param matchers at least one, and at least one that does not match the empty string (a silence must
 *     not be able to mute everything by accident)
 * @param startsAt when it takes effect
 * @param endsAt when it stops, after {@code startsAt}
 * @param createdBy who created it
 * @param comment why
 */
public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy, String comment) {

    /** Where a silence is in its life at a given time. */
    public enum State {
        /** Not yet started. */
        PENDING,
        /** Muting matching alerts. */
        ACTIVE,
        /** Ended. */
        EXPIRED
    }

    public Silence {
        Objects.requireNonNull(id, "id");
        matchers = List.copyOf(Objects.requireNonNull(matchers, "matchers"));
        if (matchers.isEmpty()) {
            throw new InvalidArgumentException("matchers", "a silence needs at least one matcher");
        }
        if (matchers.stream().allMatch(m -> m.matchesValue(""))) {
            throw new InvalidArgumentException("matchers",
                    "at least one matcher must not match the empty string, else the silence mutes every alert");
        }
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        if (!endsAt.isAfter(startsAt)) {
            throw new InvalidArgumentException("endsAt", "must be after startsAt " + startsAt + ", was " + endsAt);
        }
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(comment, "comment");
    }

    /** The silence's state at {@code now}. */
    public State state(Instant now) {
        if (now.isBefore(startsAt)) {
            return State.PENDING;
        }
        return now.isBefore(endsAt) ? State.ACTIVE : State.EXPIRED;
    }

    /** Whether it is active at {@code now} and matches {@code labels}. */
    public boolean mutes(Labels labels, Instant now) {
        return state(now) == State.ACTIVE && Matcher.all(matchers, labels);
    }
}
