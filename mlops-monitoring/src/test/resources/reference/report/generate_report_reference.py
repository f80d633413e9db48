#!/usr/bin/env python3
"""Reference drift reports for dev.mlops.monitoring.drift.DriftDetector, computed with NumPy/SciPy.

Run from anywhere:  python3 generate_report_reference.py
Writes report_reference.json beside this script. Inputs come from numpy.random.default_rng with
fixed seeds and are rounded to 4 decimals (more ties, smaller file); everything expected is
computed from exactly the values written. A rerun with the same NumPy/SciPy versions reproduces
the file byte for byte.

This is an independent implementation of the rules documented in DriftDetector's Javadoc and the
module README, written from the documentation, not from the Java code:
- usable values: not null, not NaN, not infinite; the rest are counted;
- default test (Evidently's rule) by usable reference values n and distinct usable values d over
  both sides: n <= 1000: numeric with d > 5 -> ks, else chi_square if d > 2 else z;
  n > 1000: numeric with d > 5 -> wasserstein_normed, else jensen_shannon;
- frequency tests on a numeric column with d > 5 use reference-only quantile bins: edges
  [min, np.quantile(ref, i/B) for i in 1..B-1, max], repeated edges removed, bins [e_j, e_j+1)
  with the last closed, plus an underflow and an overflow bin; bins empty on both sides dropped;
- PSI and KL smooth zero shares to 1e-4 and renormalise; JS, Hellinger, L-inf do not smooth;
- effect size: wasserstein_distance / max(np.std(ref), 0.001) for numeric columns, Cramer's V
  (scipy.stats.contingency.association, correction=False) for categorical ones;
- charts: np.histogram with the union [min, max] range; categories top-N by max share.
"""
import json
import math
import os
import warnings

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance
from scipy.stats.contingency import association

warnings.simplefilter("ignore")

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report_reference.json")
EPS = 1e-4
P_VALUE_TESTS = {"ks", "anderson_darling", "cramer_von_mises", "mann_whitney_u", "chi_square", "z"}
VALUE_TESTS = {"ks", "anderson_darling", "cramer_von_mises", "mann_whitney_u", "wasserstein_normed"}


# ----------------------------------------------------------------------------- input helpers

def num(values):
    """A numeric column for JSON: floats rounded to 4 decimals, None, NaN and +-inf kept."""
    out = []
    for v in values:
        if v is None:
            out.append(None)
        elif isinstance(v, float) and not math.isfinite(v):
            out.append(v)
        else:
            out.append(float(np.round(v, 4)))
    return {"kind": "numeric", "values": out}


def cat(values):
    return {"kind": "categorical", "values": [None if v is None else str(v) for v in values]}


def usable(col):
    if col["kind"] == "numeric":
        return np.array([v for v in col["values"] if v is not None and math.isfinite(v)], dtype=np.float64)
    return [v for v in col["values"] if v is not None]


def side_stats(col):
    vals = col["values"]
    rows = len(vals)
    nulls = sum(v is None for v in vals)
    if col["kind"] == "numeric":
        nan = sum(v is not None and math.isnan(v) for v in vals)
        inf = sum(v is not None and math.isinf(v) for v in vals)
        u = usable(col)
        s = {"rows": rows, "nulls": nulls, "nan": nan, "infinite": inf, "distinct": int(len(np.unique(u)))}
        if len(u):
            s.update(mean=float(np.mean(u)), std=float(np.std(u)), min=float(u.min()), max=float(u.max()))
        return s
    u = usable(col)
    return {"rows": rows, "nulls": nulls, "nan": 0, "infinite": 0, "distinct": len(set(u))}


# ----------------------------------------------------------------------------- frequencies

def category_counts(ref, cur):
    """Union of categories ordered by reference count desc, current count desc, label."""
    rc, cc = {}, {}
    for v in ref:
        rc[v] = rc.get(v, 0) + 1
    for v in cur:
        cc[v] = cc.get(v, 0) + 1
    labels = sorted(set(rc) | set(cc), key=lambda k: (-rc.get(k, 0), -cc.get(k, 0), k))
    return labels, np.array([rc.get(k, 0) for k in labels]), np.array([cc.get(k, 0) for k in labels])


def value_label(v):
    if v == math.floor(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(float(v))


def value_counts(ref, cur):
    values = np.unique(np.concatenate([ref, cur]))
    return ([value_label(v) for v in values],
            np.array([(ref == v).sum() for v in values]), np.array([(cur == v).sum() for v in values]))


def quantile_edges(ref, bins):
    qs = np.quantile(ref, [i / bins for i in range(1, bins)])
    return np.unique(np.concatenate([[ref.min()], qs, [ref.max()]]))


def quantile_bin_counts(edges, x):
    k = len(edges)
    under = int((x < edges[0]).sum())
    over = int((x > edges[-1]).sum())
    if k == 1:
        return np.array([under, int((x == edges[0]).sum()), over])
    inside = x[(x >= edges[0]) & (x <= edges[-1])]
    idx = np.minimum(np.searchsorted(edges, inside, side="right") - 1, k - 2)
    regular = np.bincount(idx, minlength=k - 1)
    return np.concatenate([[under], regular, [over]])


def drop_empty(r, c):
    keep = (r != 0) | (c != 0)
    return r[keep], c[keep]


def smoothed(counts):
    p = counts / counts.sum()
    p = np.where(p == 0, EPS, p)
    return p / p.sum()


def frequency_stat(test, r, c):
    r, c = drop_empty(np.asarray(r, dtype=np.int64), np.asarray(c, dtype=np.int64))
    if test == "chi_square":
        if len(r) < 2:
            return 0.0, 1.0
        exp = r / r.sum() * c.sum()
        res = stats.chisquare(c, exp)
        return float(res.statistic), float(res.pvalue)
    if test == "z":
        assert len(r) <= 2
        n1, n2 = r.sum(), c.sum()
        p1, p2 = r[0] / n1, c[0] / n2
        pooled = (r[0] + c[0]) / (n1 + n2)
        var = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
        if var == 0:
            return 0.0, 1.0
        z = (p2 - p1) / math.sqrt(var)
        return float(z), float(min(1.0, 2 * stats.norm.sf(abs(z))))
    p, q = r / r.sum(), c / c.sum()
    if test == "jensen_shannon":
        return float(distance.jensenshannon(r, c)), None
    if test == "psi":
        e, a = smoothed(r), smoothed(c)
        return float(np.sum((a - e) * np.log(a / e))), None
    if test == "kl_divergence":
        return float(stats.entropy(smoothed(r), smoothed(c))), None
    if test == "hellinger":
        return float(np.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)) / np.sqrt(2)), None
    if test == "l_infinity":
        return float(np.max(np.abs(p - q))), None
    raise ValueError(test)


def value_stat(test, r, c):
    if test == "ks":
        res = stats.ks_2samp(r, c)
    elif test == "anderson_darling":
        res = stats.anderson_ksamp([r, c], variant="midrank")
    elif test == "cramer_von_mises":
        res = stats.cramervonmises_2samp(r, c)
    elif test == "mann_whitney_u":
        res = stats.mannwhitneyu(r, c)
    elif test == "wasserstein_normed":
        return normed_wasserstein(r, c), None
    else:
        raise ValueError(test)
    return float(res.statistic), float(res.pvalue)


def normed_wasserstein(r, c):
    return float(stats.wasserstein_distance(r, c) / max(np.std(r), 0.001))


def cramers_v(r, c):
    table = np.array([r, c])
    table = table[:, table.sum(axis=0) > 0]
    if table.shape[1] < 2:
        return 0.0
    return float(association(table, method="cramer", correction=False))


# ----------------------------------------------------------------------------- charts

def histogram(r, c, bins):
    lo, hi = min(r.min(), c.min()), max(r.max(), c.max())
    if lo == hi:
        return {"type": "histogram", "edges": [float(lo), float(hi)], "reference": [len(r)], "current": [len(c)]}
    rh, edges = np.histogram(r, bins=bins, range=(lo, hi))
    ch, _ = np.histogram(c, bins=bins, range=(lo, hi))
    return {"type": "histogram", "edges": [float(e) for e in edges],
            "reference": [int(v) for v in rh], "current": [int(v) for v in ch]}


def categories_chart(labels, r, c, limit):
    n = len(labels)
    rt, ct = r.sum(), c.sum()
    if n <= limit:
        shown = set(range(n))
    else:
        order = sorted(range(n), key=lambda i: (-max(r[i] / rt, c[i] / ct), i))
        shown = set(order[:limit])
    keep = [i for i in range(n) if i in shown]
    rest = [i for i in range(n) if i not in shown]
    unseen = [i for i in range(n) if r[i] == 0]
    return {"type": "categories", "labels": [labels[i] for i in keep],
            "reference": [int(r[i]) for i in keep], "current": [int(c[i]) for i in keep],
            "otherCategories": len(rest), "otherReference": int(sum(r[i] for i in rest)),
            "otherCurrent": int(sum(c[i] for i in rest)),
            "unseenCategories": len(unseen), "unseenCurrent": int(sum(c[i] for i in unseen))}


# ----------------------------------------------------------------------------- the detector

def default_test(kind, n_ref, distinct):
    discrete = kind == "categorical" or distinct <= 5
    if n_ref <= 1000:
        if not discrete:
            return "ks"
        return "chi_square" if distinct > 2 else "z"
    return "jensen_shannon" if discrete else "wasserstein_normed"


def compare_column(name, rcol, ccol, settings):
    if rcol is None or ccol is None:
        present = rcol if rcol is not None else ccol
        out = {"column": name, "kind": present["kind"],
               "status": "missing_in_current" if ccol is None else "missing_in_reference"}
        out["reference" if ccol is None else "current"] = side_stats(present)
        return out
    kind = rcol["kind"]
    out = {"column": name, "kind": kind, "reference": side_stats(rcol), "current": side_stats(ccol)}
    r, c = usable(rcol), usable(ccol)
    if len(r) == 0 or len(c) == 0:
        out["status"] = "no_values_in_reference" if len(r) == 0 else "no_values_in_current"
        return out
    out["status"] = "tested"
    override = settings.get("columns", {}).get(name)
    if kind == "numeric":
        distinct = len(np.unique(np.concatenate([r, c])))
        test = override[0] if override else default_test(kind, len(r), distinct)
        effect = normed_wasserstein(r, c)
        effect_name = "wasserstein_normed"
        discrete = distinct <= 5
        if test in VALUE_TESTS:
            stat, p = value_stat(test, r, c)
        elif discrete:
            _, rr, cc = value_counts(r, c)
            stat, p = frequency_stat(test, rr, cc)
        else:
            edges = quantile_edges(r, settings.get("bins", 10))
            stat, p = frequency_stat(test, quantile_bin_counts(edges, r), quantile_bin_counts(edges, c))
        if discrete:
            labels, rr, cc = value_counts(r, c)
            dist = categories_chart(labels, rr, cc, settings.get("chartCategories", 20))
        else:
            dist = histogram(r, c, settings.get("histogramBins", 30))
    else:
        labels, rr, cc = category_counts(r, c)
        test = override[0] if override else default_test(kind, len(r), len(labels))
        stat, p = frequency_stat(test, rr, cc)
        effect, effect_name = cramers_v(rr, cc), "cramers_v"
        dist = categories_chart(labels, rr, cc, settings.get("chartCategories", 20))
    if override and len(override) > 1:
        threshold = override[1]
    else:
        threshold = settings.get("thresholds", {}).get(test, 0.05 if test in P_VALUE_TESTS else 0.1)
    drifted = p < threshold if test in P_VALUE_TESTS else stat >= threshold
    result = {"test": test, "statistic": stat, "threshold": threshold, "drifted": bool(drifted),
              "effectSizeName": effect_name, "effectSize": effect}
    if test in P_VALUE_TESTS:
        result["pValue"] = p
    out["result"] = result
    out["distribution"] = dist
    return out


def compare(case):
    ref, cur, settings = case["reference"], case["current"], case["settings"]
    names = list(ref) + [n for n in cur if n not in ref]
    cols = [compare_column(n, ref.get(n), cur.get(n), settings) for n in names]
    tested = sum(c["status"] == "tested" for c in cols)
    drifted = sum(c["status"] == "tested" and c["result"]["drifted"] for c in cols)
    share = drifted / tested if tested else 0.0
    threshold = settings.get("driftShare", 0.5)
    return {"testedColumns": tested, "driftedColumns": drifted, "driftShare": share,
            "datasetDrift": bool(tested > 0 and share >= threshold), "columns": cols}


# ----------------------------------------------------------------------------- cases

def with_missing(rng, values, nulls, nans, infs):
    values = [float(v) for v in values]
    idx = rng.permutation(len(values))
    for i in idx[:nulls]:
        values[i] = None
    for i in idx[nulls:nulls + nans]:
        values[i] = float("nan")
    for j, i in enumerate(idx[nulls + nans:nulls + nans + infs]):
        values[i] = float("inf") if j % 2 == 0 else float("-inf")
    return values


def choice(rng, labels, probs, n):
    return [labels[i] for i in rng.choice(len(labels), size=n, p=probs)]


def small_case(rng):
    n, m = 600, 500
    ref = {
        "num_shift": num(rng.normal(0, 1, n)),
        "num_same": num(rng.normal(5, 2, n)),
        "num_ties": num(np.where(rng.random(n) < 0.5, 0.0, rng.exponential(1, n))),
        "num_four": num(rng.integers(0, 4, n).astype(float)),
        "num_binary": num(rng.integers(0, 2, n).astype(float)),
        "num_missing": num(with_missing(rng, rng.normal(10, 3, n), 30, 12, 6)),
        "cat_three": cat(choice(rng, ["a", "b", "c"], [0.5, 0.3, 0.2], n)),
        "cat_binary": cat(choice(rng, ["yes", "no"], [0.7, 0.3], n)),
        "cat_unseen": cat(choice(rng, ["red", "green", "blue"], [0.4, 0.4, 0.2], n)),
    }
    cur = {
        "num_shift": num(rng.normal(0.35, 1, m)),
        "num_same": num(rng.normal(5, 2, m)),
        "num_ties": num(np.where(rng.random(m) < 0.3, 0.0, rng.exponential(1.2, m))),
        "num_four": num(rng.choice(4, size=m, p=[0.1, 0.2, 0.3, 0.4]).astype(float)),
        "num_binary": num(rng.choice(2, size=m, p=[0.45, 0.55]).astype(float)),
        "num_missing": num(with_missing(rng, rng.normal(10.5, 3, m), 5, 40, 3)),
        "cat_three": cat(choice(rng, ["a", "b", "c"], [0.48, 0.32, 0.2], m)),
        "cat_binary": cat(choice(rng, ["yes", "no"], [0.6, 0.4], m)),
        "cat_unseen": cat(choice(rng, ["red", "green", "blue", "purple"], [0.4, 0.35, 0.2, 0.05], m)),
    }
    return {"name": "small_reference_default_tests", "settings": {}, "reference": ref, "current": cur}


def large_case(rng):
    n, m = 1500, 1200
    ref = {
        "num_shift": num(rng.normal(0, 1, n)),
        "num_scale": num(rng.normal(0, 1, n)),
        "num_same": num(rng.lognormal(0, 0.5, n)),
        "num_three": num(rng.integers(1, 4, n).astype(float)),
        "cat_five": cat(choice(rng, ["v", "w", "x", "y", "z"], [0.3, 0.25, 0.2, 0.15, 0.1], n)),
        "cat_unseen": cat(choice(rng, ["p", "q"], [0.5, 0.5], n)),
    }
    cur = {
        "num_shift": num(rng.normal(0.25, 1, m)),
        "num_scale": num(rng.normal(0, 1.6, m)),
        "num_same": num(rng.lognormal(0, 0.5, m)),
        "num_three": num(rng.choice([1, 2, 3], size=m, p=[0.2, 0.3, 0.5]).astype(float)),
        "cat_five": cat(choice(rng, ["v", "w", "x", "y", "z"], [0.1, 0.15, 0.2, 0.25, 0.3], m)),
        "cat_unseen": cat(choice(rng, ["p", "q", "r"], [0.45, 0.45, 0.1], m)),
    }
    return {"name": "large_reference_default_tests", "settings": {}, "reference": ref, "current": cur}


def head(values, k):
    """The first k values, the rest null (smaller samples for the slower value tests)."""
    return list(values[:k]) + [None] * (len(values) - k)


def binned_case(rng, bins):
    n, m = 1200, 900
    base_ref = rng.normal(0, 1, n)
    base_cur = rng.normal(0.4, 1.3, m)  # wider: some values fall outside the reference range
    ties_ref = np.where(rng.random(n) < 0.35, 1.0, rng.gamma(2, 1, n))
    ties_cur = np.where(rng.random(m) < 0.2, 1.0, rng.gamma(2.5, 1, m))
    ref = {f"n_{t}": num(base_ref) for t in ["psi", "kl", "js", "hel", "linf", "chi"]}
    cur = {f"n_{t}": num(base_cur) for t in ["psi", "kl", "js", "hel", "linf", "chi"]}
    ref.update({"ties_psi": num(ties_ref), "ties_js": num(ties_ref),
                "v_ad": num(head(base_ref, 300)), "v_cvm": num(head(base_ref, 300)),
                "v_mwu": num(head(base_ref, 300)),
                "v_ks": num(base_ref), "discrete_psi": num(rng.integers(0, 5, n).astype(float)),
                "c_psi": cat(choice(rng, ["a", "b", "c", "d"], [0.4, 0.3, 0.2, 0.1], n)),
                "c_kl": cat(choice(rng, ["a", "b", "c", "d"], [0.4, 0.3, 0.2, 0.1], n)),
                "c_hel": cat(choice(rng, ["a", "b"], [0.6, 0.4], n)),
                "c_chi": cat(choice(rng, ["a", "b", "c"], [0.5, 0.3, 0.2], n))})
    cur.update({"ties_psi": num(ties_cur), "ties_js": num(ties_cur),
                "v_ad": num(head(base_cur, 250)), "v_cvm": num(head(base_cur, 250)),
                "v_mwu": num(head(base_cur, 250)),
                "v_ks": num(base_cur), "discrete_psi": num(rng.integers(0, 5, m).astype(float)),
                "c_psi": cat(choice(rng, ["a", "b", "c", "d", "e"], [0.35, 0.3, 0.2, 0.1, 0.05], m)),
                "c_kl": cat(choice(rng, ["a", "b", "c", "d", "e"], [0.35, 0.3, 0.2, 0.1, 0.05], m)),
                "c_hel": cat(choice(rng, ["a", "b"], [0.5, 0.5], m)),
                "c_chi": cat(choice(rng, ["a", "b", "c"], [0.45, 0.35, 0.2], m))})
    columns = {"n_psi": ["psi"], "n_kl": ["kl_divergence", 0.05], "n_js": ["jensen_shannon"],
               "n_hel": ["hellinger", 0.2], "n_linf": ["l_infinity"], "n_chi": ["chi_square", 0.01],
               "ties_psi": ["psi"], "ties_js": ["jensen_shannon", 0.3],
               "v_ad": ["anderson_darling"], "v_cvm": ["cramer_von_mises"], "v_mwu": ["mann_whitney_u", 0.001],
               "v_ks": ["ks"], "discrete_psi": ["psi"],
               "c_psi": ["psi"], "c_kl": ["kl_divergence"], "c_hel": ["hellinger"], "c_chi": ["chi_square"]}
    return {"name": f"overrides_{bins}_bins",
            "settings": {"bins": bins, "columns": columns, "thresholds": {"psi": 0.2}, "driftShare": 0.6},
            "reference": ref, "current": cur}


def chart_case(rng):
    n, m = 800, 700
    labels = [f"city_{i:02d}" for i in range(30)]
    w = np.linspace(1, 3, 30)
    return {"name": "chart_truncation_and_histogram_bins",
            "settings": {"chartCategories": 6, "histogramBins": 12},
            "reference": {"city": cat(choice(rng, labels, w / w.sum(), n)),
                          "amount": num(rng.exponential(50, n))},
            "current": {"city": cat(choice(rng, labels + ["new_town"], np.append(w[::-1], 4) / (w.sum() + 4), m)),
                        "amount": num(rng.exponential(60, m))}}


def schema_case(rng):
    n, m = 300, 250
    nan_cur = [float("nan")] * m
    return {"name": "schemas_differ_and_empty_columns",
            "settings": {"driftShare": 0.3},
            "reference": {"shared": num(rng.normal(0, 1, n)), "only_ref": num(rng.normal(0, 1, n)),
                          "all_null_ref": num([None] * n), "nan_cur": num(rng.normal(0, 1, n)),
                          "labels": cat(choice(rng, ["x", "y", "z"], [0.5, 0.3, 0.2], n)),
                          "constant": num([2.5] * n)},
            "current": {"shared": num(rng.normal(1, 1, m)), "only_cur": cat(choice(rng, ["k"], [1.0], m)),
                        "all_null_ref": num(rng.normal(0, 1, m)), "nan_cur": num(nan_cur),
                        "labels": cat([None] * 10 + choice(rng, ["x", "y", "z"], [0.5, 0.3, 0.2], m - 10)),
                        "constant": num([2.5] * m)}}


def main():
    rng = np.random.default_rng(20240611)
    cases = [small_case(rng), large_case(rng), binned_case(rng, 10), binned_case(rng, 20), chart_case(rng),
             schema_case(rng)]
    for case in cases:
        case["expected"] = compare(case)
    doc = {"generator": "generate_report_reference.py", "numpy": np.__version__, "scipy": scipy.__version__,
           "cases": cases}
    with open(OUT, "w") as fh:
        json.dump(doc, fh, separators=(",", ":"))
        fh.write("\n")


if __name__ == "__main__":
    main()
