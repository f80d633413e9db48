package dev.mlops.monitoring.profile;

import dev.mlops.core.InvalidArgumentException;
import java.util.HashSet;
import java.util.Set;

/**
 * Remembers which builder options were set, so that setting one twice fails fast instead of the
 * last call silently winning (Caffeine's builder rule). Not thread-safe, like the builders.
 */
final class SetOnce {

    private final Set<String> set = new HashSet<>();

    /** @throws InvalidArgumentException naming the option when it was set before */
    void mark(String option) {
        if (!set.add(option)) {
            throw new InvalidArgumentException(option, "is already set");
        }
    }
}
