#!/usr/bin/env python3
"""Test oracle for dev.mlops.monitoring.stream: a small, plain-Python re-implementation of each
streaming drift detector, written from the published algorithms and river's documented
semantics (not from our Java code), used only to produce expected detection indices.

Run from this folder after generate_streams.py:  python3 oracle.py
It first checks itself against the detections that river's docstrings print (river_docs.json)
and stops if any differs, then writes oracle_expected.json: for each case (a stream, a detector,
its parameters) every index at which update() reported WARNING or DRIFT.

Shared semantics (river >= 0.15): the update after a DRIFT first resets the detector; indices are
0-based positions in the stream.

KSWIN needs a seeded sampler. Our Java KSWIN draws its reference sample with SplitMix64 (see
SplitMix64 below, the same published algorithm) and a partial Fisher-Yates shuffle, so the oracle
does the same and uses SciPy's ks_2samp for the p-value. river's own KSWIN uses
random.Random(seed).sample; the oracle runs that variant too, only to check the detector logic
against river's docstring (index 1016).
"""
import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NONE, WARNING, DRIFT = "NONE", "WARNING", "DRIFT"


def read_stream(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [float(line) for line in f if line.strip()]


class Detector:
    """Shared lifecycle: the update after a DRIFT first resets the statistics."""

    def __init__(self):
        self.drift = False
        self._fresh()

    def update(self, x):
        if self.drift:
            self._fresh()
            self.drift = False
        return self._step(x)


# ---------------------------------------------------------------- ADWIN (Bifet & Gavalda 2007)
class Adwin(Detector):
    def __init__(self, delta=0.002, clock=32, max_buckets=5, min_window_length=5, grace_period=10):
        self.delta, self.clock, self.max_buckets = delta, clock, max_buckets
        self.min_len, self.grace = min_window_length, grace_period
        super().__init__()

    def _fresh(self):
        self.rows = [[]]  # rows[i]: buckets of 2**i items, each [total, variance], oldest first
        self.width, self.total, self.var = 0.0, 0.0, 0.0
        self.tick = 0

    def _step(self, x):
        self.drift = False
        # insert
        self.rows[0].append([x, 0.0])
        self.width += 1
        if self.width > 1:
            mean_before = self.total / (self.width - 1)
            self.var += (self.width - 1) * (x - mean_before) ** 2 / self.width
        self.total += x
        # compress: merge the two oldest buckets of a full row into the next row
        i = 0
        while i < len(self.rows) and len(self.rows[i]) > self.max_buckets:
            if i + 1 == len(self.rows):
                self.rows.append([])
            (t1, v1), (t2, v2) = self.rows[i][0], self.rows[i][1]
            size = 2.0 ** i
            merged_var = v1 + v2 + size * size * (t1 / size - t2 / size) ** 2 / (2 * size)
            self.rows[i + 1].append([t1 + t2, merged_var])
            del self.rows[i][0:2]
            i += 1
        # detect
        self.tick += 1
        if self.tick % self.clock == 0 and self.width > self.grace:
            while self._cut_once():
                self.drift = True
        return DRIFT if self.drift else NONE

    def _cut_once(self):
        """Scans the cuts oldest-first; on the first significant one drops the oldest bucket."""
        n0 = u0 = 0.0
        n1, u1 = self.width, self.total  # running differences, as river computes them
        last_row = len(self.rows) - 1
        for i in range(last_row, -1, -1):
            size = 2.0 ** i
            for k, (t, _) in enumerate(self.rows[i]):
                n0 += size
                n1 -= size
                u0 += t
                u1 -= t
                if i == 0 and k == len(self.rows[0]) - 1:
                    return False
                if n0 >= self.min_len and n1 >= self.min_len and self._significant(n0, n1, u0 / n0 - u1 / n1):
                    self._drop_oldest()
                    return True
        return False

    def _significant(self, n0, n1, diff):
        dd = math.log(2 * math.log(self.width) / self.delta)
        m = 1.0 / (n0 - self.min_len + 1) + 1.0 / (n1 - self.min_len + 1)
        eps = math.sqrt(2 * m * (self.var / self.width) * dd) + 2.0 / 3.0 * dd * m
        return abs(diff) > eps

    def _drop_oldest(self):
        i = len(self.rows) - 1
        size = 2.0 ** i
        t, v = self.rows[i].pop(0)
        self.width -= size
        self.total -= t
        rest_mean = self.total / self.width
        self.var -= v + size * self.width * (t / size - rest_mean) ** 2 / (size + self.width)
        if not self.rows[i]:
            self.rows.pop()


# ---------------------------------------------------------------- DDM (Gama et al. 2004)
class Ddm(Detector):
    def __init__(self, warm_start=30, warning_threshold=2.0, drift_threshold=3.0):
        self.warm, self.wt, self.dt = warm_start, warning_threshold, drift_threshold
        super().__init__()

    def _fresh(self):
        self.n, self.p = 0, 0.0
        self.p_min = self.s_min = self.ps_min = math.inf
        self.warning = False

    def _step(self, x):
        self.n += 1
        self.p += (x - self.p) / self.n
        s = math.sqrt(self.p * (1 - self.p) / self.n)
        if self.n > self.warm:
            if self.p + s <= self.ps_min:
                self.p_min, self.s_min, self.ps_min = self.p, s, self.p + s
            self.warning = self.p + s > self.p_min + self.wt * self.s_min
            if self.p + s > self.p_min + self.dt * self.s_min:
                self.drift, self.warning = True, False
        return DRIFT if self.drift else (WARNING if self.warning else NONE)


# ---------------------------------------------------------------- EDDM (Baena-Garcia et al. 2006)
class Eddm(Detector):
    def __init__(self, warm_start=30, alpha=0.95, beta=0.9):
        self.warm, self.alpha, self.beta = warm_start, alpha, beta
        super().__init__()

    def _fresh(self):
        self.n = self.last_error = self.errors = 0
        self.d_n, self.d_mean, self.d_m2 = 0, 0.0, 0.0   # distances between errors (Welford)
        self.max_level = -1.0
        self.warning = False

    def _step(self, x):
        self.n += 1
        if x == 1:
            self.errors += 1
            d = self.n - self.last_error
            self.d_n += 1
            delta = d - self.d_mean
            self.d_mean += delta / self.d_n
            self.d_m2 += delta * (d - self.d_mean)
            if self.n > self.warm:
                sd = math.sqrt(self.d_m2 / (self.d_n - 1)) if self.d_n > 1 else 0.0
                level = self.d_mean + 2 * sd
                if level > self.max_level:
                    self.max_level = level
                elif self.errors > self.warm:
                    ratio = level / self.max_level
                    if ratio < self.beta:
                        self.drift = True
                    else:
                        self.warning = ratio < self.alpha
            self.last_error = self.n
        return DRIFT if self.drift else (WARNING if self.warning else NONE)


# ---------------------------------------------------------------- HDDM_A (Frias-Blanco et al. 2015)
class HddmA(Detector):
    def __init__(self, drift_confidence=0.001, warning_confidence=0.005, two_sided=False):
        self.dc, self.wc, self.two_sided = drift_confidence, warning_confidence, two_sided
        super().__init__()

    def _fresh(self):
        self.n, self.mean = 0, 0.0          # all values since the reset
        self.lo_n, self.lo_mean = 0, 0.0    # prefix whose upper bound is lowest
        self.hi_n, self.hi_mean = 0, 0.0    # prefix whose lower bound is highest
        self.warning = False

    def _bound(self, n):
        return math.sqrt(math.log(1.0 / self.dc) / (2.0 * n))

    def _changed(self, cut_n, diff, confidence):
        if cut_n == self.n:
            return False
        m = (self.n - cut_n) / cut_n / self.n
        return diff >= math.sqrt(m / 2 * math.log(2.0 / confidence))

    def _step(self, x):
        self.n += 1
        self.mean += (x - self.mean) / self.n
        if self.lo_n == 0:
            self.lo_n, self.lo_mean = self.n, self.mean
        if self.hi_n == 0:
            self.hi_n, self.hi_mean = self.n, self.mean
        eps = self._bound(self.n)
        if self.lo_mean + self._bound(self.lo_n) >= self.mean + eps:
            self.lo_n, self.lo_mean = self.n, self.mean
        if self.hi_mean - self._bound(self.hi_n) <= self.mean - eps:
            self.hi_n, self.hi_mean = self.n, self.mean
        up = self.mean - self.lo_mean
        if self._changed(self.lo_n, up, self.dc):
            self.drift, self.warning = True, False
        else:
            self.warning = self._changed(self.lo_n, up, self.wc)
        if self.two_sided:
            down = self.hi_mean - self.mean
            if self._changed(self.hi_n, down, self.dc):
                self.drift = True
            elif self._changed(self.hi_n, down, self.wc):
                self.warning = True
        return DRIFT if self.drift else (WARNING if self.warning else NONE)


# ---------------------------------------------------------------- HDDM_W (Frias-Blanco et al. 2015)
class Ewma:
    """EWMA started from the first value, as in MOA's HDDM_W. river's stats.EWMean also restarts
    from x whenever its average is exactly 0 (after a run of zeros the next 1 jumps it to 1.0);
    we do not copy that. river's HDDM_W docstring detections are the same either way."""

    def __init__(self, lam):
        self.lam, self.value, self.seen, self.ibc = lam, 0.0, False, 1.0

    def copy(self):
        c = Ewma(self.lam)
        c.value, c.seen, c.ibc = self.value, self.seen, self.ibc
        return c

    def add(self, x):
        self.value = self.lam * x + (1 - self.lam) * self.value if self.seen else x
        self.seen = True
        self.ibc = self.lam ** 2 + (1 - self.lam) ** 2 * self.ibc


class HddmW(Detector):
    def __init__(self, drift_confidence=0.001, warning_confidence=0.005, lambda_=0.05, two_sided=False):
        self.dc, self.wc, self.lam, self.two_sided = drift_confidence, warning_confidence, lambda_, two_sided
        super().__init__()

    def _fresh(self):
        self.all = Ewma(self.lam)
        self.inc_before, self.inc_after, self.inc_cut = Ewma(self.lam), Ewma(self.lam), math.inf
        self.dec_before, self.dec_after, self.dec_cut = Ewma(self.lam), Ewma(self.lam), -math.inf
        self.warning = False

    @staticmethod
    def _mcdiarmid(ibc, confidence):
        return math.sqrt(ibc * math.log(1.0 / confidence) / 2.0)

    def _exceeds(self, first, second, confidence):
        if not (first.seen and second.seen):
            return False
        return second.value - first.value > self._mcdiarmid(first.ibc + second.ibc, confidence)

    def _step(self, x):
        self.all.add(x)
        eps = self._mcdiarmid(self.all.ibc, self.dc)
        if self.all.value + eps < self.inc_cut:
            self.inc_cut = self.all.value + eps
            self.inc_before, self.inc_after = self.all.copy(), Ewma(self.lam)
        else:
            self.inc_after.add(x)
        if self._exceeds(self.inc_before, self.inc_after, self.dc):
            self.drift, self.warning = True, False
        else:
            self.warning = self._exceeds(self.inc_before, self.inc_after, self.wc)
        if self.all.value - eps > self.dec_cut:
            self.dec_cut = self.all.value - eps
            self.dec_before, self.dec_after = self.all.copy(), Ewma(self.lam)
        else:
            self.dec_after.add(x)
        if self.two_sided:
            if self._exceeds(self.dec_after, self.dec_before, self.dc):
                self.drift = True
            elif self._exceeds(self.dec_after, self.dec_before, self.wc):
                self.warning = True
        return DRIFT if self.drift else (WARNING if self.warning else NONE)


# ---------------------------------------------------------------- Page-Hinkley (Page 1954)
class PageHinkley(Detector):
    def __init__(self, min_instances=30, delta=0.005, threshold=50.0, alpha=1 - 0.0001, mode="both"):
        self.min_n, self.delta, self.threshold, self.alpha, self.mode = min_instances, delta, threshold, alpha, mode
        super().__init__()

    def _fresh(self):
        self.n, self.mean = 0, 0.0
        self.up, self.down = 0.0, 0.0
        self.up_min, self.down_max = math.inf, -1.0

    def _step(self, x):
        self.n += 1
        self.mean += (x - self.mean) / self.n
        dev = x - self.mean
        self.up = self.alpha * self.up + dev - self.delta
        self.down = self.alpha * self.down + dev + self.delta
        self.up_min = min(self.up_min, self.up)
        self.down_max = max(self.down_max, self.down)
        if self.n >= self.min_n:
            rise = self.up - self.up_min > self.threshold
            fall = self.down_max - self.down > self.threshold
            self.drift = {"up": rise, "down": fall, "both": rise or fall}[self.mode]
        return DRIFT if self.drift else NONE


# ---------------------------------------------------------------- KSWIN (Raab et al. 2020)
MASK64 = (1 << 64) - 1


class SplitMix64:
    """Steele, Lea & Flood (2014) SplitMix64: state += golden gamma; output = mix(state)."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, bound):
        """Uniform integer in [0, bound): the top 31 bits, rejecting the biased tail."""
        limit = (1 << 31) - ((1 << 31) % bound)
        while True:
            r = self.next64() >> 33
            if r < limit:
                return r % bound


def splitmix_sample(rng, population, k):
    """k distinct indices of range(population): the first k slots of a partial Fisher-Yates."""
    idx = list(range(population))
    for i in range(k):
        j = i + rng.below(population - i)
        idx[i], idx[j] = idx[j], idx[i]
    return idx[:k]


class Kswin(Detector):
    def __init__(self, alpha=0.005, window_size=100, stat_size=30, seed=0, river_rng=False):
        self.alpha, self.window_size, self.stat_size, self.seed = alpha, window_size, stat_size, seed
        self.river_rng = river_rng
        super().__init__()

    def _fresh(self):
        self.window = []
        self.rng = random.Random(self.seed) if self.river_rng else SplitMix64(self.seed)

    def _step(self, x):
        import warnings
        from scipy import stats
        self.window.append(x)
        if len(self.window) > self.window_size:
            self.window.pop(0)
        if len(self.window) >= self.window_size:
            older = self.window_size - self.stat_size
            if self.river_rng:
                picks = self.rng.sample(range(older), self.stat_size)
            else:
                picks = splitmix_sample(self.rng, older, self.stat_size)
            reference = [self.window[r] for r in picks]
            recent = self.window[older:]
            with warnings.catch_warnings():
                # SciPy falls back to the asymptotic p-value when the exact one rounds above 1
                warnings.simplefilter("ignore", RuntimeWarning)
                st, p = stats.ks_2samp(reference, recent, method="auto")
            self.drift = bool(p <= self.alpha and st > 0.1)
        return DRIFT if self.drift else NONE


FACTORIES = {
    "adwin": Adwin, "ddm": Ddm, "eddm": Eddm, "hddm_a": HddmA, "hddm_w": HddmW,
    "page_hinkley": PageHinkley, "kswin": Kswin,
}


def run(detector, stream):
    return [(i, detector.update(x)) for i, x in enumerate(stream)]


def river_print_view(events):
    """What river's docstring loops print: drifts, and the first warning after start or a drift."""
    drifts, warnings_ = [], []
    print_warning = True
    for i, state in events:
        if state == WARNING and print_warning:
            warnings_.append(i)
            print_warning = False
        if state == DRIFT:
            drifts.append(i)
            print_warning = True
    return drifts, warnings_


def check_river_docs():
    with open(os.path.join(HERE, "river_docs.json"), encoding="utf-8") as f:
        docs = json.load(f)
    ok = True
    for name, case in sorted(docs.items()):
        stream = read_stream(case["stream"])
        params = dict(case["params"])
        if name == "kswin_river_rng":
            det = Kswin(river_rng=True, **params)
        else:
            det = FACTORIES[name.replace("_multi", "")](**params)
        drifts, warnings_ = river_print_view(run(det, stream))
        same = drifts == case["drifts"] and warnings_ == case["warnings_first_after_reset"]
        ok &= same
        print(f"{'ok  ' if same else 'DIFF'} {name}: drifts {drifts} warnings {warnings_}"
              f" (river: {case['drifts']} {case['warnings_first_after_reset']})")
    return ok


# Every case the Java tests replay: stream, detector, parameters (Java builder names).
CASES = [
    ("adwin_mixed", "stream_mixed_12345.txt", "adwin", {}),
    ("adwin_mixed4", "stream_mixed4_42.txt", "adwin", {}),
    ("adwin_gauss_clock1", "stream_gauss_shift_7.txt", "adwin", {"clock": 1}),
    ("adwin_gauss_tuned", "stream_gauss_shift_7.txt", "adwin",
     {"delta": 0.05, "clock": 8, "max_buckets": 3, "min_window_length": 10, "grace_period": 50}),
    ("adwin_down", "stream_gauss_down_11.txt", "adwin", {}),
    ("adwin_subtle", "stream_subtle_13.txt", "adwin", {}),
    ("adwin_subtle_clock1", "stream_subtle_13.txt", "adwin", {"clock": 1, "delta": 0.01}),
    ("adwin_binary_long", "stream_binary_long_3.txt", "adwin", {}),
    ("ddm_binary", "stream_binary_42.txt", "ddm", {}),
    ("ddm_binary_long", "stream_binary_long_3.txt", "ddm", {}),
    ("ddm_binary_long_tuned", "stream_binary_long_3.txt", "ddm",
     {"warm_start": 100, "warning_threshold": 1.5, "drift_threshold": 2.5}),
    ("eddm_binary_docs", "stream_binary_42.txt", "eddm", {"alpha": 0.8, "beta": 0.75}),
    ("eddm_binary", "stream_binary_42.txt", "eddm", {}),
    ("eddm_binary_long", "stream_binary_long_3.txt", "eddm", {}),
    ("hddm_a_binary", "stream_binary_42.txt", "hddm_a", {}),
    ("hddm_a_binary_long", "stream_binary_long_3.txt", "hddm_a", {}),
    ("hddm_a_binary_long_two_sided", "stream_binary_long_3.txt", "hddm_a", {"two_sided": True}),
    ("hddm_a_unit_two_sided", "stream_unit_drift_5.txt", "hddm_a", {"two_sided": True}),
    ("hddm_w_binary", "stream_binary_42.txt", "hddm_w", {}),
    ("hddm_w_binary_long", "stream_binary_long_3.txt", "hddm_w", {}),
    ("hddm_w_binary_long_two_sided", "stream_binary_long_3.txt", "hddm_w", {"two_sided": True}),
    ("hddm_w_unit", "stream_unit_drift_5.txt", "hddm_w", {"lambda_": 0.1}),
    ("page_hinkley_mixed", "stream_mixed_12345.txt", "page_hinkley", {}),
    ("page_hinkley_gauss", "stream_gauss_shift_7.txt", "page_hinkley", {"threshold": 20.0}),
    ("page_hinkley_down_both", "stream_gauss_down_11.txt", "page_hinkley", {}),
    ("page_hinkley_down_up", "stream_gauss_down_11.txt", "page_hinkley", {"mode": "up"}),
    ("page_hinkley_down_down", "stream_gauss_down_11.txt", "page_hinkley", {"mode": "down"}),
    ("page_hinkley_subtle", "stream_subtle_13.txt", "page_hinkley", {"threshold": 25.0, "alpha": 0.999}),
    ("kswin_subtle", "stream_subtle_13.txt", "kswin", {"alpha": 0.01, "seed": 5}),
    ("kswin_mixed", "stream_mixed_12345.txt", "kswin", {"alpha": 0.0001, "seed": 42}),
    ("kswin_gauss", "stream_gauss_shift_7.txt", "kswin", {"seed": 7}),
    ("kswin_gauss_small", "stream_gauss_shift_7.txt", "kswin",
     {"alpha": 0.01, "window_size": 60, "stat_size": 20, "seed": 123456789}),
]


def main():
    if not check_river_docs():
        sys.exit("oracle disagrees with river's documented detections")
    out = {}
    for name, stream_name, kind, params in CASES:
        events = run(FACTORIES[kind](**params), read_stream(stream_name))
        out[name] = {
            "stream": stream_name, "detector": kind, "params": params,
            "warnings": [i for i, s in events if s == WARNING],
            "drifts": [i for i, s in events if s == DRIFT],
        }
        print(f"{name}: {len(out[name]['drifts'])} drifts, {len(out[name]['warnings'])} warnings")
    with open(os.path.join(HERE, "oracle_expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
