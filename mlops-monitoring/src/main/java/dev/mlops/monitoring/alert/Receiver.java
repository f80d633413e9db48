package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import dev.mlops.core.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named destination for notifications with one or more notifiers, like an Alertmanager receiver
 * with its integrations. Each notifier has its own {@code send_resolved} setting and its own record of
 * what it was last told, so one failing notifier does not cause duplicates on the others.
 *
 * <p>Immutable and thread-safe (as thread-safe as its notifiers).
 */
public final class Receiver {

    /**
     * A notifier of a receiver.
     *
     * @param notifier what delivers
     * @param sendResolved whether it is told about resolved alerts
     */
    public record Integration(Notifier notifier, boolean sendResolved) {
        public Integration {
            Objects.requireNonNull(notifier, "notifier");
        }
    }

    private final String name;
    private final List<Integration> integrations;

    private Receiver(String name, List<Integration> integrations) {
        this.name = name;
        this.integrations = List.copyOf(integrations);
    }

    /** A receiver whose notifiers use their {@linkplain Notifier#sendResolvedByDefault() default}. */
    public static Receiver of(String name, Notifier... notifiers) {
        Builder b = builder(name);
        for (Notifier n : notifiers) {
            b.notifier(n);
        }
        return b.build();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<Integration> integrations() {
        return integrations;
    }

    @Override
    public String toString() {
        return "Receiver[" + name + ", " + integrations.size() + " notifiers]";
    }

    /** Builds a {@link Receiver}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<Integration> integrations = new ArrayList<>();

        private Builder(String name) {
            this.name = Names.require("receiver name", name);
        }

        /** Adds a notifier with its default {@code send_resolved}. */
        public Builder notifier(Notifier notifier) {
            Objects.requireNonNull(notifier, "notifier");
            return notifier(notifier, notifier.sendResolvedByDefault());
        }

        /** Adds a notifier, saying whether it is told about resolved alerts. */
        public Builder notifier(Notifier notifier, boolean sendResolved) {
            integrations.add(new Integration(notifier, sendResolved));
            return this;
        }

        /**
         * The receiver.
         *
         * @throws InvalidArgumentException if no notifier was added
         */
        public Receiver build() {
            if (integrations.isEmpty()) {
                throw new InvalidArgumentException("notifiers", "receiver '" + name + "' has no notifier");
            }
            return new Receiver(name, integrations);
        }
    }
}
