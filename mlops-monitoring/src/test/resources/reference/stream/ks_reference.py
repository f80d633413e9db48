#!/usr/bin/env python3
"""Reference values for KSWIN's two-sample Kolmogorov-Smirnov test, from SciPy's public
scipy.stats.ks_2samp(method="exact"), for equal sample sizes (the only case KSWIN uses).

Run from this folder:  python3 ks_reference.py   (needs SciPy; writes ks_reference.json)
Each case holds the two samples, SciPy's statistic and exact two-sided p-value. Samples are
continuous (no ties) except the "ties" cases, which check the statistic only (SciPy's exact p-value
assumes no ties, and so does ours).
"""
import json
import os
import random
import warnings

from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    rng = random.Random(2024)
    cases = []
    for n in (1, 2, 5, 10, 20, 30, 50, 100, 400, 1000):
        for shift in (0.0, 0.3, 1.0, 3.0):
            a = [rng.gauss(0, 1) for _ in range(n)]
            b = [rng.gauss(shift, 1) for _ in range(n)]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                res = stats.ks_2samp(a, b, method="exact")
            cases.append({"kind": "continuous", "a": a, "b": b,
                          "statistic": float(res.statistic), "pvalue": float(res.pvalue)})
    for n in (10, 30, 100):
        a = [float(rng.randint(0, 3)) for _ in range(n)]
        b = [float(rng.randint(1, 4)) for _ in range(n)]
        res = stats.ks_2samp(a, b, method="exact")
        cases.append({"kind": "ties", "a": a, "b": b,
                      "statistic": float(res.statistic), "pvalue": float(res.pvalue)})
    with open(os.path.join(HERE, "ks_reference.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f)
        f.write("\n")
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
