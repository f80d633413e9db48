package dev.mlops.monitoring.stream;

import dev.mlops.core.InvalidArgumentException;

/** The cross-parameter rule shared by the HDDM detectors. */
final class HoeffdingChecks {

    private HoeffdingChecks() {}

    static void confidences(double driftConfidence, double warningConfidence) {
        if (driftConfidence > warningConfidence) {
            throw new InvalidArgumentException("driftConfidence", "must be <= warningConfidence ("
                    + warningConfidence + "), was " + driftConfidence);
        }
    }
}
