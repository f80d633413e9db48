#!/usr/bin/env python3
"""Reference values for the profile tests (dev.mlops.monitoring.profile).

Writes profile_data.csv (the rows the Java tests profile) and profile_expected.json (what NumPy says
about them). Run from this directory:  python3 generate_profile_reference.py

Columns:
  x  float64: normal(50, 12) with large offsets, NaN, +inf, -inf and empty (null) cells sprinkled in
  n  int64:   integers in [-1000, 1000], some null
  c  string:  categories with Zipf-like frequencies, some null
  b  bool:    true/false, some null
  t  timestamp (epoch microseconds, as an ISO-8601 instant in the CSV)
Statistics are over the non-null, finite values: counts exact, mean and sample variance (ddof=1)
by NumPy in float64 with a two-pass algorithm (np.var computes the mean first).
"""
import csv
import json
import numpy as np
from datetime import datetime, timezone, timedelta

rng = np.random.default_rng(20240611)
N = 20000

x = rng.normal(50.0, 12.0, N) + 1e6  # an offset that defeats the naive sum-of-squares formula
special = rng.random(N)
x_cells = []
for i in range(N):
    s = special[i]
    if s < 0.02:
        x_cells.append("")
    elif s < 0.03:
        x_cells.append("NaN")
    elif s < 0.035:
        x_cells.append("Infinity")
    elif s < 0.038:
        x_cells.append("-Infinity")
    else:
        x_cells.append(repr(float(x[i])))

n_vals = rng.integers(-1000, 1001, N)
n_null = rng.random(N) < 0.05
cats = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
weights = np.array([1.0 / (k + 1) for k in range(len(cats))])
weights /= weights.sum()
c_vals = rng.choice(len(cats), N, p=weights)
c_null = rng.random(N) < 0.03
b_vals = rng.random(N) < 0.3
b_null = rng.random(N) < 0.01
base = datetime(2024, 1, 1, tzinfo=timezone.utc)
t_micros = rng.integers(0, 86_400_000_000 * 30, N)

with open("profile_data.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["x", "n", "c", "b", "t"])
    for i in range(N):
        t = base + timedelta(microseconds=int(t_micros[i]))
        w.writerow([
            x_cells[i],
            "" if n_null[i] else str(int(n_vals[i])),
            "" if c_null[i] else cats[c_vals[i]],
            "" if b_null[i] else ("true" if b_vals[i] else "false"),
            t.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        ])

def numeric_summary(values):
    v = np.asarray(values, dtype=np.float64)
    return {
        "finite": int(v.size),
        "min": float(v.min()),
        "max": float(v.max()),
        "mean": float(np.mean(v)),
        "variance": float(np.var(v, ddof=1)),
        "distinct": int(np.unique(v).size),
    }

xf = [float(c) for c in x_cells if c not in ("", "NaN", "Infinity", "-Infinity")]
expected = {
    "rows": N,
    "x": dict(numeric_summary(xf),
              nulls=sum(1 for c in x_cells if c == ""),
              nan=sum(1 for c in x_cells if c == "NaN"),
              posInf=sum(1 for c in x_cells if c == "Infinity"),
              negInf=sum(1 for c in x_cells if c == "-Infinity")),
    "n": dict(numeric_summary(n_vals[~n_null]), nulls=int(n_null.sum())),
    "c": {
        "nulls": int(c_null.sum()),
        "counts": {cats[k]: int(((c_vals == k) & ~c_null).sum()) for k in range(len(cats))
                   if ((c_vals == k) & ~c_null).sum() > 0},
    },
    "b": {"nulls": int(b_null.sum()), "true": int((b_vals & ~b_null).sum()),
          "false": int((~b_vals & ~b_null).sum())},
    "t": numeric_summary(t_micros + int(base.timestamp()) * 1_000_000),
}
# For the merge test: statistics of the first 7000 rows of x and of the rest.
first = [float(c) for c in x_cells[:7000] if c not in ("", "NaN", "Infinity", "-Infinity")]
rest = [float(c) for c in x_cells[7000:] if c not in ("", "NaN", "Infinity", "-Infinity")]
expected["x_first_7000"] = numeric_summary(first)
expected["x_rest"] = numeric_summary(rest)
with open("profile_expected.json", "w") as f:
    json.dump(expected, f, indent=2, sort_keys=True)
    f.write("\n")
print("wrote profile_data.csv and profile_expected.json")
