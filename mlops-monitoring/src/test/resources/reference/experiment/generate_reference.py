#!/usr/bin/env python3
"""Reference values for dev.mlops.monitoring.experiment (AbTest, StudentT).

Welch's t-test is scipy.stats.ttest_ind(treatment, control, equal_var=False) on raw samples and
scipy.stats.ttest_ind_from_stats(..., equal_var=False) on summaries; its interval is SciPy's
result.confidence_interval() where SciPy offers one, else mean difference +- t.ppf(1 - alpha/2, df) * se.
The relative lift follows GrowthBook's gbstats.frequentist.tests.TwoSidedTTest (delta-method
variance, Welch-Satterthwaite df, t quantiles from SciPy); its p-value is written with t.sf, which
equals gbstats' 2 * (1 - t.cdf(|z|)) without the cancellation. The sample-ratio check is
scipy.stats.chisquare(observed, f_exp=shares * total).

Run:  python3 generate_reference.py   (writes reference_experiment.json beside this file)
"""
import json
import os
import platform

import numpy as np
import scipy
from scipy import stats


def welch_from_stats(mc, vc, nc, mt, vt, nt, alpha):
    res = stats.ttest_ind_from_stats(mt, np.sqrt(vt), nt, mc, np.sqrt(vc), nc, equal_var=False)
    se = np.sqrt(vt / nt + vc / nc)
    df = (vt / nt + vc / nc) ** 2 / ((vt / nt) ** 2 / (nt - 1) + (vc / nc) ** 2 / (nc - 1))
    half = stats.t.ppf(1 - alpha / 2, df) * se
    return {"statistic": float(res.statistic), "p_value": float(res.pvalue), "df": float(df),
            "difference": float(mt - mc), "lower": float(mt - mc - half), "upper": float(mt - mc + half)}


def relative_lift(mc, vc, nc, mt, vt, nt, alpha):
    """gbstats TwoSidedTTest: variance = s2_b / (mean_a^2 n_b) + s2_a mean_b^2 / (mean_a^4 n_a)."""
    if mc == 0:
        return None
    variance = vt / (mc ** 2 * nt) + vc * mt ** 2 / (mc ** 4 * nc)
    if variance <= 0:
        return None
    point = (mt - mc) / mc
    dof = (vt / nt + vc / nc) ** 2 / (vt ** 2 / (nt ** 2 * (nt - 1)) + vc ** 2 / (nc ** 2 * (nc - 1)))
    width = stats.t.ppf(1 - alpha / 2, dof) * np.sqrt(variance)
    p = 2 * stats.t.sf(abs(point / np.sqrt(variance)), dof)
    return {"estimate": float(point), "standard_error": float(np.sqrt(variance)), "df": float(dof),
            "lower": float(point - width), "upper": float(point + width), "p_value": float(min(1.0, p))}


def mean_cases(rng):
    cases = []

    def raw(name, control, treatment, alpha=0.05):
        control = np.asarray(control, dtype=np.float64)
        treatment = np.asarray(treatment, dtype=np.float64)
        res = stats.ttest_ind(treatment, control, equal_var=False)
        ci = res.confidence_interval(confidence_level=1 - alpha)
        mc, mt = float(np.mean(control)), float(np.mean(treatment))
        vc, vt = float(np.var(control, ddof=1)), float(np.var(treatment, ddof=1))
        nc, nt = len(control), len(treatment)
        welch = {"statistic": float(res.statistic), "p_value": float(res.pvalue), "df": float(res.df),
                 "difference": mt - mc, "lower": float(ci.low), "upper": float(ci.high)}
        cases.append({"name": name, "alpha": alpha, "control": [float(v) for v in control],
                      "treatment": [float(v) for v in treatment],
                      "summary": {"control": [nc, mc, vc], "treatment": [nt, mt, vt]},
                      "welch": welch, "lift": relative_lift(mc, vc, nc, mt, vt, nt, alpha)})

    def summary(name, nc, mc, vc, nt, mt, vt, alpha=0.05):
        cases.append({"name": name, "alpha": alpha,
                      "summary": {"control": [nc, mc, vc], "treatment": [nt, mt, vt]},
                      "welch": welch_from_stats(mc, vc, nc, mt, vt, nt, alpha),
                      "lift": relative_lift(mc, vc, nc, mt, vt, nt, alpha)})

    raw("normal_unequal_sizes", rng.normal(10, 2, 400), rng.normal(10.4, 3, 250))
    raw("lognormal_revenue", rng.lognormal(2, 1, 1500), rng.lognormal(2.05, 1, 1400), alpha=0.1)
    raw("tiny_samples", [1.0, 2.0, 4.0], [2.5, 3.0], alpha=0.01)
    raw("no_difference", rng.normal(5, 1, 300), rng.normal(5, 1, 300))
    raw("negative_control_mean", rng.normal(-3, 1, 100), rng.normal(-2.5, 1, 120))
    summary("large_summaries", 1_000_000, 12.31, 40.2, 1_000_500, 12.36, 41.0)
    summary("strong_effect_tiny_p", 5000, 1.0, 1.0, 5000, 1.3, 1.2)
    summary("one_arm_constant", 50, 3.0, 0.0, 60, 3.4, 0.5)
    summary("zero_control_mean", 100, 0.0, 1.0, 100, 0.2, 1.0)
    return cases


def proportion_cases():
    cases = []
    for name, xc, nc, xt, nt, alpha in [("conversion_lift", 480, 10_000, 540, 10_050, 0.05),
                                        ("no_change", 100, 1000, 100, 1000, 0.05),
                                        ("small_counts", 3, 40, 9, 38, 0.1),
                                        ("zero_control", 0, 500, 4, 500, 0.05)]:
        pc, pt = xc / nc, xt / nt
        pooled = (xc + xt) / (nc + nt)
        var = pooled * (1 - pooled) * (1 / nc + 1 / nt)
        z = 0.0 if var == 0 else (pt - pc) / np.sqrt(var)
        p = 1.0 if var == 0 else float(min(1.0, 2 * stats.norm.sf(abs(z))))
        cases.append({"name": name, "alpha": alpha, "counts": [xc, nc, xt, nt],
                      "z": float(z), "z_p_value": p,
                      "lift": relative_lift(pc, pc * (1 - pc), nc, pt, pt * (1 - pt), nt, alpha)})
    return cases


def srm_cases():
    cases = []
    for name, observed, shares in [("even_split_ok", [5000, 5100], [0.5, 0.5]),
                                   ("even_split_mismatch", [5000, 5600], [0.5, 0.5]),
                                   ("thirds", [1000, 1040, 990], [1 / 3, 1 / 3, 1 / 3]),
                                   ("ninety_ten", [9050, 950], [0.9, 0.1]),
                                   ("unnormalised_weights", [2100, 1000], [2, 1]),
                                   ("mismatch_three_arms", [1000, 1000, 1300], [1, 1, 1])]:
        obs = np.asarray(observed, dtype=np.float64)
        w = np.asarray(shares, dtype=np.float64)
        res = stats.chisquare(obs, f_exp=w / w.sum() * obs.sum())
        cases.append({"name": name, "observed": observed, "shares": shares,
                      "statistic": float(res.statistic), "p_value": float(res.pvalue),
                      "mismatch": bool(res.pvalue < 0.001)})
    return cases


def student_t_cases():
    rows = []
    for t, df in [(0.0, 3.0), (0.5, 1.0), (1.96, 30.0), (2.5, 7.3), (-1.2, 4.5), (10.0, 3.0), (50.0, 3.0),
                  (5.0, 2.5), (1.0, 1e6), (4.0, 123456.7), (8.0, 1e5), (1.5, 0.7), (30.0, 200.0), (0.01, 12.0)]:
        rows.append({"t": t, "df": df, "sf": float(stats.t.sf(t, df))})
    # a grid over both branches of the incomplete beta and from heavy tails to near-normal
    for t in [0.1, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 8.0, 20.0]:
        for df in [1.0, 2.5, 10.0, 100.0, 1e4, 1e6, 1e8]:
            rows.append({"t": t, "df": df, "sf": float(stats.t.sf(t, df))})
    isf = []
    for q, df in [(0.025, 1.0), (0.025, 2.0), (0.025, 9.7), (0.005, 30.0), (0.05, 1e6), (0.0005, 3.3),
                  (1e-10, 5.0), (0.3, 17.0), (0.975, 8.0)]:
        isf.append({"q": q, "df": df, "isf": float(stats.t.isf(q, df))})
    return {"sf": rows, "isf": isf}


def main():
    rng = np.random.default_rng(4242)
    out = {
        "generator": "generate_reference.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "python": platform.python_version(),
        "means": mean_cases(rng),
        "proportions": proportion_cases(),
        "srm": srm_cases(),
        "student_t": student_t_cases(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference_experiment.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, allow_nan=False)
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
