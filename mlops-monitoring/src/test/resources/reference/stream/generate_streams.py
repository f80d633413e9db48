#!/usr/bin/env python3
"""Reproduces the input streams of river's drift-detector docstring examples, with nothing but
Python's standard library, and writes them beside this script together with the detection
indices that river documents for them.

Run from this folder:  python3 generate_streams.py
Outputs (all committed):
  stream_mixed_12345.txt   random.Random(12345): choices([0, 1], k=1000) + choices(range(4, 8), k=1000)
  stream_binary_42.txt     random.Random(42): choices([0, 1], k=1000)
                           + choices([0, 1], k=1000, weights=[0.3, 0.7])
  stream_mixed4_42.txt     random.Random(42): four segments of 1000, alternating
                           choices([0, 1]) and choices(range(4, 8))
  stream_gauss_shift_7.txt random.Random(7): 2000 x gauss(0, 1), then 1000 x gauss(1.5, 1)
  stream_gauss_down_11.txt random.Random(11): 1500 x gauss(5, 1), then 1000 x gauss(2, 1)
  stream_unit_drift_5.txt  random.Random(5): 1500 x uniform(0, 0.4), then 1000 x uniform(0.3, 0.9)
  stream_binary_long_3.txt random.Random(3): 5000 Bernoulli(0.2), 3000 Bernoulli(0.6), 3000 Bernoulli(0.1)
  stream_subtle_13.txt     random.Random(13): 4000 x gauss(0, 1), then 4000 x gauss(0.25, 1), then a
                           ramp of 4000 values whose mean rises linearly from 0.25 to 1.25 (sd 1)
  river_docs.json          the detections river's docstrings print for the first three streams,
                           each with the source file it comes from

One value per line, written with repr() so that floats round-trip exactly.
The last five streams are ours (no river example uses them); oracle.py computes their expected
detections.
"""
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, values):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        for v in values:
            f.write(repr(v) + "\n")


def main():
    # river/drift/adwin.py, page_hinkley.py, kswin.py docstrings.
    rng = random.Random(12345)
    mixed = rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)
    write("stream_mixed_12345.txt", mixed)

    # river/drift/binary/ddm.py, eddm.py, hddm_a.py, hddm_w.py docstrings.
    rng = random.Random(42)
    binary = rng.choices([0, 1], k=1000)
    binary = binary + rng.choices([0, 1], k=1000, weights=[0.3, 0.7])
    write("stream_binary_42.txt", binary)

    # river/drift/test_adwin_regression.py, TestDriftDetection.test_multiple_drifts.
    rng = random.Random(42)
    mixed4 = (rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)
              + rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000))
    write("stream_mixed4_42.txt", mixed4)

    # Our own streams, for the oracle.
    rng = random.Random(7)
    write("stream_gauss_shift_7.txt",
          [rng.gauss(0, 1) for _ in range(2000)] + [rng.gauss(1.5, 1) for _ in range(1000)])
    rng = random.Random(11)
    write("stream_gauss_down_11.txt",
          [rng.gauss(5, 1) for _ in range(1500)] + [rng.gauss(2, 1) for _ in range(1000)])
    rng = random.Random(5)
    write("stream_unit_drift_5.txt",
          [rng.uniform(0, 0.4) for _ in range(1500)] + [rng.uniform(0.3, 0.9) for _ in range(1000)])
    rng = random.Random(3)
    write("stream_binary_long_3.txt",
          [1 if rng.random() < 0.2 else 0 for _ in range(5000)]
          + [1 if rng.random() < 0.6 else 0 for _ in range(3000)]
          + [1 if rng.random() < 0.1 else 0 for _ in range(3000)])

    rng = random.Random(13)
    write("stream_subtle_13.txt",
          [rng.gauss(0, 1) for _ in range(4000)] + [rng.gauss(0.25, 1) for _ in range(4000)]
          + [rng.gauss(0.25 + i / 4000, 1) for i in range(4000)])

    docs = {
        "adwin": {
            "stream": "stream_mixed_12345.txt", "params": {},
            "drifts": [1023], "warnings_first_after_reset": [],
            "source": "online-ml/river river/drift/adwin.py, class ADWIN docstring Examples "
                      "('Change detected at index 1023, input value: 4')"},
        "adwin_multi": {
            "stream": "stream_mixed4_42.txt", "params": {},
            "drifts": [1023, 2015, 3007], "warnings_first_after_reset": [],
            "source": "online-ml/river river/drift/test_adwin_regression.py, "
                      "TestDriftDetection.test_multiple_drifts"},
        "page_hinkley": {
            "stream": "stream_mixed_12345.txt", "params": {},
            "drifts": [1006], "warnings_first_after_reset": [],
            "source": "online-ml/river river/drift/page_hinkley.py, class PageHinkley docstring "
                      "Examples ('Change detected at index 1006, input value: 5')"},
        "kswin_river_rng": {
            "stream": "stream_mixed_12345.txt", "params": {"alpha": 0.0001, "seed": 42},
            "drifts": [1016], "warnings_first_after_reset": [],
            "source": "online-ml/river river/drift/kswin.py, class KSWIN docstring Examples "
                      "('Change detected at index 1016, input value: 6'); depends on Python's "
                      "random.Random(42).sample, which our KSWIN does not use"},
        "ddm": {
            "stream": "stream_binary_42.txt", "params": {},
            "drifts": [1334], "warnings_first_after_reset": [1084, 1492],
            "source": "online-ml/river river/drift/binary/ddm.py, class DDM docstring Examples"},
        "eddm": {
            "stream": "stream_binary_42.txt", "params": {"alpha": 0.8, "beta": 0.75},
            "drifts": [1278], "warnings_first_after_reset": [1059],
            "source": "online-ml/river river/drift/binary/eddm.py, class EDDM docstring Examples"},
        "hddm_a": {
            "stream": "stream_binary_42.txt", "params": {},
            "drifts": [1206], "warnings_first_after_reset": [451],
            "source": "online-ml/river river/drift/binary/hddm_a.py, class HDDMA docstring Examples"},
        "hddm_w": {
            "stream": "stream_binary_42.txt", "params": {},
            "drifts": [1077], "warnings_first_after_reset": [451],
            "source": "online-ml/river river/drift/binary/hddm_w.py, class HDDMW docstring Examples"},
    }
    with open(os.path.join(HERE, "river_docs.json"), "w", encoding="utf-8") as f:
        json.dump(docs, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
