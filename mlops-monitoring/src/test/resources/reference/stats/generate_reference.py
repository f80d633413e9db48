#!/usr/bin/env python3
"""Reference values for dev.mlops.monitoring.drift, computed with NumPy/SciPy.

Run from anywhere:  python3 generate_reference.py
Writes reference_stats.json beside this script. Every random input comes from
numpy.random.default_rng with a fixed seed, so a rerun with the same NumPy/SciPy
versions reproduces the file byte for byte. The JUnit tests read the JSON and
compare the Java results to the values here (relative 1e-9 unless stated).

Large samples are rounded to 6 decimals to keep the file small; the expected
values are computed from exactly the rounded numbers that are written.
"""
import json
import math
import os
import warnings

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial import distance
from scipy.stats._stats_py import _compute_prob_outside_square
from scipy.stats._stats_pythran import _compute_outer_prob_inside_method

warnings.simplefilter("ignore")

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference_stats.json")


def f(x):
    """A JSON number for a float (inf allowed; NaN is never expected)."""
    x = float(x)
    assert not math.isnan(x)
    return x


def arr(a, decimals=None):
    a = np.asarray(a, dtype=np.float64)
    if decimals is not None:
        a = np.round(a, decimals)
    return [float(v) for v in a]


# ----------------------------------------------------------------------------- special functions

def special_cases():
    out = {}
    chi = []
    for df in [0.5, 1, 2, 3, 4, 5, 7, 10, 30, 99, 100, 1000, 9999, 100000]:
        for factor in [1e-6, 1e-3, 0.1, 0.5, 0.9, 1.0, 1.1, 1.5, 2, 3, 5, 10, 30]:
            x = df * factor
            chi.append({"df": df, "x": x, "sf": f(special.chdtrc(df, x))})
        for x in [50.0, 200.0, 700.0, 1400.0]:
            chi.append({"df": df, "x": x, "sf": f(special.chdtrc(df, x))})
    out["chi_square_sf"] = chi

    out["normal_cdf"] = [{"z": z, "cdf": f(special.ndtr(z))}
                         for z in np.concatenate([np.arange(-38.0, 9.0, 0.75), [-1e-3, 0.0, 1e-3]])]
    out["lgamma"] = [{"x": x, "value": f(special.gammaln(x))}
                     for x in [1e-8, 0.01, 0.1, 0.5, 0.9, 1.5, 2.5, 3.7, 9.99, 10.0, 12.5, 50.5, 1e3, 1e6]]
    out["kolmogorov_sf"] = [{"x": x, "sf": f(special.kolmogorov(x))}
                            for x in [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.81, 0.83, 1.0, 1.36,
                                      1.63, 2.0, 3.0, 5.0, 8.0]]
    out["bessel_k_scaled"] = [{"nu": 0.25, "x": x, "value": f(special.kve(0.25, x))}
                              for x in [1e-4, 1e-2, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 50.0, 300.0, 1e4]]
    smirnov = []
    for n in [2, 3, 5, 10, 50, 140, 141, 1000, 20000, 500000, 2000000]:
        for x in [1e-4, 0.5 / n, 1.0 / n, 1.5 / n, 0.01, 0.05, 0.1, 0.3, 0.5, 0.7, 1 - 1.0 / n, 0.999]:
            if 0 <= x <= 1:
                smirnov.append({"n": n, "x": x, "sf": f(special.smirnov(n, x))})
    out["smirnov_sf"] = smirnov

    kstwo = []
    for n in [1, 2, 3, 5, 10, 20, 50, 100, 140, 141, 500, 1000, 5000, 20000, 100000, 100001, 500000, 2000000]:
        xs = set()
        for t in [0.4, 0.6, 0.9, 1.0, 1.2]:  # t = n x, Ruben-Gambino and small-x region
            xs.add(t / n)
        for nx2 in [0.05, 0.3, 0.7, 0.754, 0.8, 1.5, 2.1, 2.3, 3.9, 4.1, 10, 18, 50, 200, 369, 371]:
            xs.add(math.sqrt(nx2 / n))
        for x in [0.45, 0.5, 0.6, 0.9, 1 - 1.0 / n, 0.999]:
            xs.add(x)
        for x in sorted(xs):
            if 0 < x < 1:
                kstwo.append({"n": n, "x": x, "sf": f(stats.kstwo.sf(x, n))})
    out["kstwo_sf"] = kstwo

    square = []
    for n in [1, 2, 5, 10, 37, 100, 1000, 10000]:
        for frac in [0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0]:
            h = max(1, int(round(frac * n)))
            square.append({"n": n, "h": h, "p": f(_compute_prob_outside_square(n, h))})
    out["prob_outside_square"] = square

    inside = []
    for (m, n) in [(2, 3), (5, 7), (10, 4), (20, 30), (37, 100), (200, 150), (1000, 999), (1, 500), (9999, 10000)]:
        g = math.gcd(m, n)
        lcm = m // g * n
        for frac in [0.02, 0.05, 0.1, 0.2, 0.4, 0.7, 1.0]:
            h = max(1, int(round(frac * lcm)))
            if m * n > 1e7 and frac > 0.1:
                continue
            inside.append({"m": m, "n": n, "g": g, "h": h,
                           "p": f(_compute_outer_prob_inside_method(m, n, g, h))})
    out["outer_prob_inside"] = inside
    return out


# ----------------------------------------------------------------------------- hypothesis tests

def ks_cases(rng):
    cases = []

    def add(name, a, b, decimals=None):
        a = np.asarray(arr(a, decimals))
        b = np.asarray(arr(b, decimals))
        r = stats.ks_2samp(a, b)
        exact = max(len(a), len(b)) <= 10000
        cases.append({"name": name, "reference": arr(a), "current": arr(b),
                      "method": "exact" if exact else "asymp",
                      "statistic": f(r.statistic), "pvalue": f(r.pvalue)})

    add("tiny 3 vs 4", rng.normal(size=3), rng.normal(size=4))
    add("one vs one", [1.0], [2.0])
    add("small equal 20 vs 20", rng.normal(size=20), rng.normal(0.5, 1, size=20))
    add("small unequal 50 vs 80", rng.normal(size=50), rng.normal(0.3, 1.2, size=80))
    add("unequal 100 vs 37", rng.normal(size=100), rng.standard_t(3, size=37))
    add("identical samples", np.arange(30.0), np.arange(30.0))
    add("same values different order", [3.0, 1.0, 2.0, 2.0], [2.0, 3.0, 2.0, 1.0])
    add("ties discrete poisson 200 vs 300", rng.poisson(3, size=200), rng.poisson(3.3, size=300))
    add("ties two values", [0.0] * 40 + [1.0] * 60, [0.0] * 55 + [1.0] * 45)
    add("negative zero equals zero", [-0.0, 0.0, 1.0, 2.0], [0.0, 0.0, -0.0, 3.0])
    add("disjoint supports 30 vs 40 (far tail exact)", rng.normal(size=30), rng.normal(10, 1, size=40))
    add("shift 1000 vs 1000 far tail exact equal", rng.normal(size=1000), rng.normal(0.6, 1, size=1000), 6)
    add("shift 1000 vs 999 far tail exact unequal", rng.normal(size=1000), rng.normal(0.6, 1, size=999), 6)
    add("very different sizes 10 vs 10000 exact", rng.normal(size=10), rng.normal(size=10000), 6)
    add("boundary 10000 vs 10000 exact", rng.normal(size=10000), rng.normal(0.02, 1, size=10000), 6)
    add("boundary 10000 vs 9999 exact", rng.normal(size=10000), rng.normal(0.03, 1, size=9999), 6)
    add("boundary 10001 vs 10001 asymp", rng.normal(size=10001), rng.normal(0.02, 1, size=10001), 6)
    add("boundary 10001 vs 10000 asymp", rng.normal(size=10001), rng.normal(0.03, 1, size=10000), 6)
    add("very different sizes 20000 vs 15 asymp small n", rng.normal(size=20000), rng.normal(0.2, 1, size=15), 6)
    add("very different sizes 15000 vs 100 asymp pomeranz", rng.normal(size=15000), rng.normal(0.1, 1, size=100), 6)
    add("very different sizes 12000 vs 3 asymp", rng.normal(size=12000), rng.normal(size=3), 6)
    add("asymp 20000 vs 20000 no drift", rng.normal(size=20000), rng.normal(size=20000), 6)
    add("asymp 20000 vs 15000 smirnov tail", rng.normal(size=20000), rng.normal(0.05, 1, size=15000), 6)
    add("asymp 15000 vs 15000 p underflows", rng.normal(size=15000), rng.normal(0.5, 1, size=15000), 6)
    add("asymp ties 30000 vs 20000 discrete", rng.integers(0, 10, size=30000), rng.integers(0, 10, size=20000))
    add("asymp 12000 vs 12000 small D durbin", np.arange(12000.0), np.arange(12000.0) + 12.5)
    return cases


def chi_square_cases(rng):
    cases = []

    def add(name, ref, cur):
        ref = np.asarray(ref, dtype=np.int64)
        cur = np.asarray(cur, dtype=np.int64)
        keep = (ref > 0) | (cur > 0)
        r, c = ref[keep], cur[keep]
        if len(r) < 2:
            stat, p = 0.0, 1.0
        else:
            expected = r / r.sum() * c.sum()
            res = stats.chisquare(c, expected)
            stat, p = res.statistic, res.pvalue
        cases.append({"name": name, "reference": ref.tolist(), "current": cur.tolist(),
                      "statistic": f(stat), "pvalue": f(p)})

    add("three categories", [30, 50, 20], [25, 55, 20])
    add("same distribution", [10, 20, 30], [20, 40, 60])
    add("strong drift", [500, 300, 200], [100, 300, 600])
    add("far tail", [5000, 3000, 2000], [3000, 3000, 4000])
    add("empty in both ignored", [10, 0, 30], [12, 0, 28])
    add("unseen category in reference", [10, 0, 30], [12, 3, 28])
    add("many categories", rng.integers(5, 100, size=40).tolist(), rng.integers(5, 100, size=40).tolist())
    add("single category", [10, 0], [5, 0])
    return cases


def contingency_cases(rng):
    cases = []

    def add(name, table, correction=True):
        t = np.asarray(table, dtype=np.int64)
        t2 = t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]
        res = stats.chi2_contingency(t2, correction=correction)
        cases.append({"name": name, "table": t.tolist(), "correction": correction,
                      "statistic": f(res.statistic), "pvalue": f(res.pvalue)})

    add("2x2 yates", [[12, 5], [7, 15]])
    add("2x2 no correction", [[12, 5], [7, 15]], correction=False)
    add("2x2 small difference below one half", [[10, 10], [10, 11]])
    add("2x2 far tail", [[900, 100], [100, 900]])
    add("2x3", [[10, 20, 30], [15, 25, 20]])
    add("3x4", rng.integers(1, 60, size=(3, 4)).tolist())
    add("2x3 with an all-zero column dropped", [[10, 0, 30], [15, 0, 20]])
    add("1x3 has no degrees of freedom", [[10, 20, 30]])
    add("2x10 reference vs current", [rng.integers(50, 500, size=10).tolist(), rng.integers(50, 500, size=10).tolist()])
    return cases


def z_cases():
    cases = []
    for (x1, n1, x2, n2) in [(30, 100, 45, 100), (500, 1000, 520, 1100), (10, 10000, 40, 10000),
                             (0, 50, 5, 50), (5, 5, 3, 9), (250, 1000, 250, 1000), (1, 3, 2, 3),
                             (5000, 100000, 8000, 100000)]:
        p1, p2 = x1 / n1, x2 / n2
        p = (x1 + x2) / (n1 + n2)
        z = (p2 - p1) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
        pv = min(1.0, 2 * stats.norm.sf(abs(z)))
        cases.append({"name": f"{x1}/{n1} vs {x2}/{n2}", "x1": x1, "n1": n1, "x2": x2, "n2": n2,
                      "statistic": f(z), "pvalue": f(pv)})
    return cases


def anderson_cases(rng):
    cases = []

    def add(name, *samples):
        samples = [np.asarray(arr(s)) for s in samples]
        r = stats.anderson_ksamp(samples, variant="midrank")
        cases.append({"name": name, "samples": [arr(s) for s in samples],
                      "statistic": f(r.statistic), "pvalue": f(r.pvalue)})

    add("two normal samples", rng.normal(size=50), rng.normal(size=60))
    add("interpolated p", rng.normal(size=200), rng.normal(0.2, 1, size=150))
    add("capped at 0.25", np.arange(20.0), np.arange(20.0) + 0.5)
    add("floored at 0.001", rng.normal(size=100), rng.normal(2, 1, size=100))
    add("ties", rng.integers(0, 5, size=80), rng.integers(0, 6, size=70))
    add("three samples", rng.normal(size=30), rng.normal(0.3, 1, size=40), rng.normal(size=35))
    add("four samples small", rng.normal(size=5), rng.normal(size=4), rng.normal(size=6), rng.normal(1, 1, size=5))
    add("large", rng.normal(size=3000), rng.normal(0.05, 1, size=2500))
    return cases


def cvm_cases(rng):
    cases = []

    def add(name, x, y):
        x = np.asarray(arr(x))
        y = np.asarray(arr(y))
        r = stats.cramervonmises_2samp(x, y)
        method = "exact" if max(len(x), len(y)) <= 20 else "asymptotic"
        cases.append({"name": name, "reference": arr(x), "current": arr(y), "method": method,
                      "statistic": f(r.statistic), "pvalue": f(r.pvalue)})

    add("exact 5 vs 7", rng.normal(size=5), rng.normal(size=7))
    add("exact 2 vs 2", [1.0, 2.0], [3.0, 4.0])
    add("exact 10 vs 10 shift", rng.normal(size=10), rng.normal(1, 1, size=10))
    add("exact 19 vs 20", rng.normal(size=19), rng.normal(0.5, 1, size=20))
    add("exact 20 vs 20", rng.normal(size=20), rng.normal(0.2, 1, size=20))
    add("exact with ties", [1.0, 2.0, 2.0, 3.0, 5.0, 5.0], [2.0, 3.0, 3.0, 4.0, 6.0])
    add("exact identical", [1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    add("asymptotic 21 vs 20", rng.normal(size=21), rng.normal(size=20))
    add("asymptotic 100 vs 150", rng.normal(size=100), rng.normal(0.3, 1, size=150))
    add("asymptotic ties", rng.integers(0, 8, size=300), rng.integers(0, 8, size=250))
    add("asymptotic 2000 vs 3000 drift", rng.normal(size=2000), rng.normal(0.15, 1, size=3000))
    add("asymptotic p near 1", np.arange(50.0), np.arange(50.0) + 0.5)
    return cases


def mwu_cases(rng):
    cases = []

    def add(name, x, y):
        x = np.asarray(arr(x))
        y = np.asarray(arr(y))
        r = stats.mannwhitneyu(x, y)
        _, counts = np.unique(np.concatenate([x, y]), return_counts=True)
        ties = bool(np.any(counts > 1))
        method = "exact" if (min(len(x), len(y)) <= 8 and not ties) else "asymptotic"
        cases.append({"name": name, "reference": arr(x), "current": arr(y), "method": method,
                      "statistic": f(r.statistic), "pvalue": f(r.pvalue)})

    add("exact textbook", [19, 22, 16, 29, 24], [20, 11, 17, 12])
    add("exact 3 vs 50", rng.normal(size=3), rng.normal(size=50))
    add("exact 8 vs 8", rng.normal(size=8), rng.normal(1, 1, size=8))
    add("exact 1 vs 1", [1.0], [2.0])
    add("exact 6 vs 2000", rng.normal(size=6), rng.normal(size=2000))
    add("exact at the centre p=1", [1.0, 4.0], [2.0, 3.0])
    add("asymptotic 9 vs 9", rng.normal(size=9), rng.normal(size=9))
    add("asymptotic small with ties", [1.0, 2.0, 2.0, 3.0], [2.0, 4.0, 5.0])
    add("asymptotic 200 vs 300", rng.normal(size=200), rng.normal(0.2, 1, size=300))
    add("asymptotic heavy ties", rng.integers(0, 3, size=500), rng.integers(0, 3, size=400))
    add("asymptotic far tail", rng.normal(size=2000), rng.normal(1.0, 1, size=2000))
    add("all values equal", [5.0] * 10, [5.0] * 12)
    return cases


# ----------------------------------------------------------------------------- distances

def numeric_distance_cases(rng):
    cases = []

    def add(name, u, v, decimals=None):
        u = np.asarray(arr(u, decimals))
        v = np.asarray(arr(v, decimals))
        std = max(np.std(u), 0.001)
        w = stats.wasserstein_distance(u, v)
        cases.append({"name": name, "reference": arr(u), "current": arr(v),
                      "wasserstein": f(w), "wasserstein_normed": f(w / std),
                      "energy": f(stats.energy_distance(u, v))})

    add("normal shift", rng.normal(size=100), rng.normal(0.5, 1, size=120))
    add("single values", [1.0], [4.0])
    add("identical", [1.0, 2.0, 3.0], [3.0, 2.0, 1.0])
    add("ties", rng.integers(0, 4, size=50), rng.integers(0, 5, size=60))
    add("constant reference floors std", [2.0] * 20, rng.normal(2, 0.1, size=30))
    add("scale change", rng.normal(size=5000), rng.normal(0, 2, size=4000), 6)
    add("negative and large magnitudes", rng.normal(-1e6, 1e3, size=300), rng.normal(-1e6 + 50, 1e3, size=200))
    return cases


def categorical_cases(rng):
    cases = []
    eps = 1e-4

    def smooth(c):
        p = np.asarray(c, dtype=np.float64) / np.sum(c)
        p = np.where(p == 0, eps, p)
        return p / p.sum()

    def add(name, ref, cur):
        ref = np.asarray(ref, dtype=np.int64)
        cur = np.asarray(cur, dtype=np.int64)
        p = ref / ref.sum()
        q = cur / cur.sum()
        ps, qs = smooth(ref), smooth(cur)
        cases.append({
            "name": name, "reference": ref.tolist(), "current": cur.tolist(),
            "jensen_shannon": f(distance.jensenshannon(ref, cur)),
            "jensen_shannon_base2": f(distance.jensenshannon(ref, cur, base=2)),
            "kl_divergence": f(stats.entropy(ps, qs)),
            "psi": f(np.sum((qs - ps) * np.log(qs / ps))),
            "hellinger": f(np.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)) / np.sqrt(2)),
            "l_infinity": f(np.max(np.abs(p - q))),
        })

    add("three categories", [30, 50, 20], [25, 55, 20])
    add("identical shares", [10, 20, 30], [20, 40, 60])
    add("empty category in current", [10, 20, 30], [15, 0, 45])
    add("empty category in reference", [0, 20, 30], [5, 20, 30])
    add("disjoint", [10, 0], [0, 10])
    add("many categories", rng.integers(0, 1000, size=50).tolist(), rng.integers(0, 1000, size=50).tolist())
    add("skewed", [100000, 10, 1], [90000, 5000, 3000])
    return cases


def main():
    rng = np.random.default_rng(20240611)
    doc = {
        "generator": "generate_reference.py",
        "numpy_version": np.__version__,
        "scipy_version": scipy.__version__,
        "seed": 20240611,
        "special": special_cases(),
        "ks": ks_cases(rng),
        "chi_square": chi_square_cases(rng),
        "chi_square_contingency": contingency_cases(rng),
        "two_proportion_z": z_cases(),
        "anderson_darling": anderson_cases(rng),
        "cramer_von_mises": cvm_cases(rng),
        "mann_whitney_u": mwu_cases(rng),
        "numeric_distances": numeric_distance_cases(rng),
        "categorical_distances": categorical_cases(rng),
    }
    with open(OUT, "w") as fh:
        json.dump(doc, fh, separators=(",", ":"))
        fh.write("\n")
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
