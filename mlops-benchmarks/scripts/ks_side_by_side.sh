#!/usr/bin/env bash
# Builds the benchmarks module, then times scipy.stats.ks_2samp and the Java KS on the same
# 1M vs 1M samples in one run and prints both (see ks_side_by_side.py for options).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl mlops-benchmarks -am package -DskipTests
exec python3 mlops-benchmarks/scripts/ks_side_by_side.py "$@"
