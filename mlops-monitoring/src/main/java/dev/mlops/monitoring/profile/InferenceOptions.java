package dev.mlops.monitoring.profile;

import dev.mlops.core.InvalidArgumentException;

/**
 * How {@link Expectations#infer} turns a reference profile into expectations. Immutable.
 *
 * @param maxDomainSize a categorical column gets a domain (the set of its reference values) only
 *     when it has at most this many distinct values and its frequent-items sketch is exact; TFDV's
 *     {@code infer_schema} uses 100 as well
 * @param rangeMargin the inferred numeric range is the reference [min, max] widened on each side by
 *     this fraction of its width; 0 (the default) keeps it as observed
 * @param minDomainMass the fraction of a batch's values that must lie in the domain (TFDV's
 *     {@code distribution_constraints.min_domain_mass}); 1 (the default) flags any unexpected value
 */
public record InferenceOptions(int maxDomainSize, double rangeMargin, double minDomainMass) {

    /** maxDomainSize 100, rangeMargin 0, minDomainMass 1. */
    public static final InferenceOptions DEFAULTS = new InferenceOptions(100, 0, 1);

    public InferenceOptions {
        if (maxDomainSize < 0) {
            throw new InvalidArgumentException("maxDomainSize", "must be >= 0, was " + maxDomainSize);
        }
        if (!(rangeMargin >= 0) || Double.isInfinite(rangeMargin)) {
            throw new InvalidArgumentException("rangeMargin", "must be finite and >= 0, was " + rangeMargin);
        }
        if (!(minDomainMass >= 0 && minDomainMass <= 1)) {
            throw new InvalidArgumentException("minDomainMass", "must be in [0, 1], was " + minDomainMass);
        }
    }

    public InferenceOptions withMaxDomainSize(int size) {
        return new InferenceOptions(size, rangeMargin, minDomainMass);
    }

    public InferenceOptions withRangeMargin(double margin) {
        return new InferenceOptions(maxDomainSize, margin, minDomainMass);
    }

    public InferenceOptions withMinDomainMass(double mass) {
        return new InferenceOptions(maxDomainSize, rangeMargin, mass);
    }
}
