package dev.mlops.monitoring.alert;

import dev.mlops.core.InvalidArgumentException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mutes target alerts while a matching source alert is firing, as an Alertmanager inhibition rule:
 * a page for an SLO mutes the ticket for the same SLO, a "model down" alert mutes its drift alerts.
 *
 * <p>An alert is inhibited when it matches all {@code targetMatchers} and some <em>firing</em> alert
 * matches all {@code sourceMatchers} and has the same value (absent = {@code ""}) for every label in
 * {@code equal}. An alert that matches both sides cannot be inhibited by a source that also matches
 * both sides, so a rule never lets alerts of one kind mute each other. Silenced sources still inhibit.
 *
 * @param sourceMatchers which alerts inhibit (at least one matcher)
 * @param targetMatchers which alerts are inhibited (at least one matcher)
 * @param equal labels whose values must be equal in source and target
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, Set<String> equal) {

    public InhibitRule {
        sourceMatchers = List.copyOf(Objects.requireNonNull(sourceMatchers, "sourceMatchers"));
        targetMatchers = List.copyOf(Objects.requireNonNull(targetMatchers, "targetMatchers"));
        if (sourceMatchers.isEmpty()) {
            throw new InvalidArgumentException("sourceMatchers", "an inhibition rule needs at least one source matcher");
        }
        if (targetMatchers.isEmpty()) {
            throw new InvalidArgumentException("targetMatchers", "an inhibition rule needs at least one target matcher");
        }
        TreeSet<String> names = new TreeSet<>();
        for (String n : Objects.requireNonNull(equal, "equal")) {
            names.add(Labels.requireName(n));
        }
        equal = Set.copyOf(names);
    }

    /** A rule: {@code source} alerts inhibit {@code target} alerts with equal values of {@code equal}. */
    public static InhibitRule of(List<Matcher> source, List<Matcher> target, String... equal) {
        return new InhibitRule(source, target, Set.copyOf(Arrays.asList(equal)));
    }

    /** Whether {@code target} is inhibited by any of the {@code firing} alerts' labels. */
    public boolean inhibits(Labels target, Collection<Labels> firing) {
        if (!Matcher.all(targetMatchers, target)) {
            return false;
        }
        boolean targetIsSource = Matcher.all(sourceMatchers, target);
        for (Labels source : firing) {
            if (!Matcher.all(sourceMatchers, source)) {
                continue;
            }
            if (targetIsSource && Matcher.all(targetMatchers, source)) {
                continue;
            }
            if (equal.stream().allMatch(n -> source.value(n).equals(target.value(n)))) {
                return true;
            }
        }
        return false;
    }
}
