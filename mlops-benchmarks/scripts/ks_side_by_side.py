#!/usr/bin/env python3
"""KS two-sample on raw data, SciPy vs. mlops Java, in one run on the same numbers.

Generates two samples (default 1M vs 1M, normal with a small shift, fixed seed), writes them to
a temporary file, times scipy.stats.ks_2samp on them, then runs the Java side
(dev.mlops.benchmarks.monitoring.KsSideBySide) on the same file and prints both.

Usage (from the repository root, after `mvn -B -q -o -pl mlops-benchmarks -am package -DskipTests`):
    python3 mlops-benchmarks/scripts/ks_side_by_side.py [--n1 1000000] [--n2 1000000] [--runs 7]
The shell wrapper ks_side_by_side.sh builds first and then calls this script.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n1", type=int, default=1_000_000)
    ap.add_argument("--n2", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()

    rng = np.random.default_rng(args.seed)
    a = rng.normal(0.0, 1.0, size=args.n1)
    b = rng.normal(0.005, 1.0, size=args.n2)

    with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as fh:
        path = fh.name
        fh.write(np.array([args.n1, args.n2], dtype="<i8").tobytes())
        fh.write(a.astype("<f8").tobytes())
        fh.write(b.astype("<f8").tobytes())

    try:
        stats.ks_2samp(a, b)  # warm-up (imports, caches)
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            res = stats.ks_2samp(a, b)
            times.append((time.perf_counter() - t0) * 1e3)
        print(f"scipy {scipy.__version__} numpy {np.__version__}, n1={args.n1} n2={args.n2}, "
              f"{os.cpu_count()} cpus")
        print(f"scipy ks_2samp     D={res.statistic:.17g} p={res.pvalue:.17g}")
        scipy_median = statistics.median(times)
        print(f"{'scipy ks_2samp':44s} median {scipy_median:8.1f} ms   min {min(times):8.1f} ms   ({args.runs} runs)")

        classpath_file = os.path.join(MODULE, "target", "classpath.txt")
        with open(classpath_file) as fh:
            classpath = os.path.join(MODULE, "target", "classes") + os.pathsep + fh.read().strip()
        out = subprocess.run(
            ["java", "-Xmx4g", "-cp", classpath, "dev.mlops.benchmarks.monitoring.KsSideBySide",
             path, str(max(args.runs, 5))],
            check=True, capture_output=True, text=True).stdout
        sys.stdout.write(out)
        m = re.search(r"java  kolmogorovSmirnov\s+median\s+([0-9.]+) ms", out)
        java_median = float(m.group(1))
        print(f"speed-up (median scipy / median java): {scipy_median / java_median:.2f}x")
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
