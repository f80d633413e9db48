#!/usr/bin/env python3
"""Generates rows.csv and expected.json for FeatureStoreTest's statistics case.

Run from this directory: python3 generate.py. The rows are deterministic (seeded); the expected
values are computed with NumPy over exactly the values written to rows.csv (read back from the
text, so both sides see the same doubles).

Columns: customer_id (int64), event_timestamp (ISO-8601, UTC), amount (float64; empty = null,
"NaN" = NaN), count (int64; empty = null), segment (string; empty = null).
"""
import csv
import json
from datetime import datetime, timedelta, timezone

import numpy as np

rng = np.random.default_rng(20240601)
base = datetime(2024, 6, 1, tzinfo=timezone.utc)
rows = []
for i in range(500):
    customer = int(rng.integers(0, 40))
    event = base + timedelta(seconds=int(rng.integers(0, 30 * 86400)))
    amount = "" if rng.random() < 0.07 else ("NaN" if rng.random() < 0.03 else repr(float(rng.lognormal(3.0, 1.2))))
    count = "" if rng.random() < 0.1 else str(int(rng.integers(-5_000_000_000, 5_000_000_000)))
    segment = "" if rng.random() < 0.2 else str(rng.choice(["gold", "silver", "bronze"]))
    rows.append([customer, event.strftime("%Y-%m-%dT%H:%M:%SZ"), amount, count, segment])

with open("rows.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["customer_id", "event_timestamp", "amount", "count", "segment"])
    w.writerows(rows)

with open("rows.csv", newline="") as f:
    data = list(csv.DictReader(f))


def numeric(name, parse):
    present = [parse(r[name]) for r in data if r[name] != ""]
    nans = sum(1 for v in present if isinstance(v, float) and np.isnan(v))
    finite = np.array([v for v in present if not (isinstance(v, float) and np.isnan(v))], dtype=np.float64)
    return {
        "count": len(present),
        "nulls": len(data) - len(present),
        "nans": nans,
        "min": float(finite.min()),
        "max": float(finite.max()),
        "mean": float(np.mean(finite, dtype=np.float64)) if name != "count"
        else float(np.sum(np.array([int(v) for v in present], dtype=object)) / len(finite)),
    }


segment_count = sum(1 for r in data if r["segment"] != "")
expected = {
    "rows": len(data),
    "latest_event_timestamp": max(r["event_timestamp"] for r in data),
    "features": {
        "amount": numeric("amount", float),
        "count": numeric("count", int),
        "segment": {"count": segment_count, "nulls": len(data) - segment_count, "nans": 0},
    },
}
with open("expected.json", "w") as f:
    json.dump(expected, f, indent=2)
    f.write("\n")
