#!/usr/bin/env python3
"""Reference values for dev.mlops.monitoring.performance (PerformanceMetrics and windowed reports).

scikit-learn is not installed here, so its metric definitions are re-implemented below in NumPy,
step by step as sklearn computes them (sklearn 1.5+, default options), with the sklearn source each
one follows named in its docstring. Where an independent SciPy computation of the same quantity
exists, the script asserts agreement (ROC AUC against the Mann-Whitney U statistic, log loss against
scipy.special.xlogy, F1 against the harmonic mean), so a transcription error cannot pass silently.

Run:  python3 generate_reference.py   (writes reference_performance.json beside this file)
"""
import json
import math
import os
import platform

import numpy as np
import scipy
from scipy import stats
from scipy.special import xlogy

EPS = float(np.finfo(np.float64).eps)


# ---------------------------------------------------------------- sklearn definitions, in NumPy

def binary_clf_curve(y, score):
    """sklearn.metrics._ranking._binary_clf_curve: cumulative FP and TP counts at each distinct
    score, highest first (stable mergesort on the score, descending)."""
    order = np.argsort(score, kind="mergesort")[::-1]
    s = score[order]
    yy = y[order].astype(np.float64)
    distinct = np.where(np.diff(s))[0]
    threshold_idxs = np.r_[distinct, yy.size - 1]
    tps = np.cumsum(yy)[threshold_idxs]
    fps = 1 + threshold_idxs - tps
    return fps, tps, s[threshold_idxs]


def roc_auc(y, score):
    """sklearn.metrics.roc_auc_score (binary): roc_curve with drop_intermediate=True, then
    sklearn.metrics.auc, i.e. the trapezoid rule over (fpr, tpr). None when one class only
    (sklearn raises ValueError)."""
    fps, tps, _ = binary_clf_curve(y, score)
    if len(fps) > 2:
        optimal = np.where(np.r_[True, np.logical_or(np.diff(fps, 2), np.diff(tps, 2)), True])[0]
        fps, tps = fps[optimal], tps[optimal]
    tps = np.r_[0, tps]
    fps = np.r_[0, fps]
    if fps[-1] <= 0 or tps[-1] <= 0:
        return None
    fpr = fps / fps[-1]
    tpr = tps / tps[-1]
    return float(np.trapezoid(tpr, fpr))


def average_precision(y, score):
    """sklearn.metrics.average_precision_score (binary): precision_recall_curve, then
    -sum(diff(recall) * precision[:-1]) (max with 0). None when y has no positive (sklearn warns
    and returns 0)."""
    fps, tps, _ = binary_clf_curve(y, score)
    if tps[-1] == 0:
        return None
    ps = tps + fps
    precision = np.divide(tps, ps, out=np.zeros_like(tps), where=(ps != 0))
    recall = tps / tps[-1]
    precision = np.hstack((precision[::-1], 1))
    recall = np.hstack((recall[::-1], 0))
    return float(max(0.0, -np.sum(np.diff(recall) * np.array(precision)[:-1])))


def log_loss_binary(y, p):
    """sklearn.metrics.log_loss with labels [0, 1]: y_pred becomes [1 - p, p], is clipped to
    [eps, 1 - eps] (eps = float64 machine epsilon), and the loss is -sum(xlogy(Y, P), axis=1),
    averaged."""
    P = np.column_stack([1 - p, p])
    P = np.clip(P, EPS, 1 - EPS)
    Y = np.column_stack([1 - y, y]).astype(np.float64)
    loss = -xlogy(Y, P).sum(axis=1)
    return float(np.average(loss))


def log_loss_multiclass(classes, y_true, prob_rows):
    """sklearn.metrics.log_loss(y_true, P, labels=classes): one-hot Y over the sorted classes,
    P clipped to [eps, 1 - eps], -sum(xlogy(Y, P), axis=1) averaged."""
    idx = {c: i for i, c in enumerate(classes)}
    P = np.zeros((len(y_true), len(classes)))
    for r, row in enumerate(prob_rows):
        for c, v in row.items():
            P[r, idx[c]] = v
    Y = np.zeros_like(P)
    for r, c in enumerate(y_true):
        Y[r, idx[c]] = 1.0
    P = np.clip(P, EPS, 1 - EPS)
    return float(np.average(-xlogy(Y, P).sum(axis=1)))


def prf_binary(y, yhat):
    """sklearn precision_score / recall_score / f1_score (pos_label=1, zero_division='warn' -> 0):
    from the multilabel confusion matrix; F1 = 2TP / (2TP + FP + FN) (sklearn >= 1.3)."""
    tp = float(np.sum(yhat & y))
    fp = float(np.sum(yhat & ~y))
    fn = float(np.sum(~yhat & y))
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn > 0 else 0.0
    if precision + recall > 0:
        assert abs(f1 - 2 * precision * recall / (precision + recall)) < 1e-12
    return precision, recall, f1


def macro_prf(y_true, y_pred):
    """sklearn precision_recall_fscore_support(average='macro'): labels = sorted union of y_true and
    y_pred; per-label precision, recall, F1 (zero denominators -> 0), unweighted means."""
    labels = sorted(set(y_true) | set(y_pred))
    yt = np.array(y_true, dtype=object)
    yp = np.array(y_pred, dtype=object)
    ps, rs, fs = [], [], []
    for c in labels:
        tp = float(np.sum((yp == c) & (yt == c)))
        pred = float(np.sum(yp == c))
        true = float(np.sum(yt == c))
        ps.append(tp / pred if pred > 0 else 0.0)
        rs.append(tp / true if true > 0 else 0.0)
        fs.append(2 * tp / (pred + true) if pred + true > 0 else 0.0)
    return float(np.mean(ps)), float(np.mean(rs)), float(np.mean(fs))


def ece(y, p, bins):
    """Expected calibration error as PerformanceMetrics defines it (sklearn has none): equal-width
    bins [b/B, (b+1)/B), last closed, index min(floor(p B), B - 1); sum of n_b/n |mean y - mean p|."""
    idx = np.minimum(np.floor(p * bins), bins - 1).astype(int)
    count = np.bincount(idx, minlength=bins).astype(np.float64)
    sum_p = np.bincount(idx, weights=p, minlength=bins)
    sum_y = np.bincount(idx, weights=y.astype(np.float64), minlength=bins)
    total = 0.0
    for b in range(bins):
        if count[b] > 0:
            total += count[b] / len(p) * abs(sum_y[b] / count[b] - sum_p[b] / count[b])
    return float(total)


def cbpe(p, yhat):
    """NannyML CBPE (binary): expected confusion matrix from calibrated probabilities;
    estimate_f1 = TP / (TP + 0.5 (FP + FN)); zero denominators -> 0."""
    tp = float(np.sum(np.where(yhat, p, 0)))
    fp = float(np.sum(np.where(yhat, 1 - p, 0)))
    fn = float(np.sum(np.where(~yhat, p, 0)))
    tn = float(np.sum(np.where(~yhat, 1 - p, 0)))
    n = len(p)
    return {
        "estimated_accuracy": (tp + tn) / n,
        "estimated_precision": tp / (tp + fp) if tp + fp != 0 else 0.0,
        "estimated_recall": tp / (tp + fn) if tp + fn != 0 else 0.0,
        "estimated_f1": tp / (tp + 0.5 * (fp + fn)) if tp + 0.5 * (fp + fn) != 0 else 0.0,
    }


def regression(yhat, y):
    """sklearn mean_absolute_error, root_mean_squared_error, mean_absolute_percentage_error
    (|y - yhat| / max(|y|, eps)), r2_score (force_finite=True: constant y gives 1 for a perfect fit,
    else 0; None below 2 samples, where sklearn warns and returns nan)."""
    e = y - yhat
    out = {
        "mae": float(np.average(np.abs(e))),
        "rmse": float(np.sqrt(np.average(e ** 2))),
        "mape": float(np.average(np.abs(e) / np.maximum(np.abs(y), EPS))),
    }
    if len(y) < 2:
        out["r2"] = None
    else:
        num = float((e ** 2).sum())
        den = float(((y - np.average(y)) ** 2).sum())
        out["r2"] = (1.0 if num == 0 else 0.0) if den == 0 else 1 - num / den
    return out


def binary_metrics(y, p, yhat, bins=10):
    y = np.asarray(y, dtype=bool)
    p = np.asarray(p, dtype=np.float64)
    yhat = np.asarray(yhat, dtype=bool)
    precision, recall, f1 = prf_binary(y, yhat)
    out = {
        "accuracy": float(np.average(yhat == y)),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "roc_auc": roc_auc(y, p),
        "pr_auc": average_precision(y, p),
        "log_loss": log_loss_binary(y, p),
        "calibration_error": ece(y, p, bins),
    }
    # Independent checks of the transcriptions above.
    if out["roc_auc"] is not None:
        u = stats.mannwhitneyu(p[y], p[~y]).statistic
        assert abs(out["roc_auc"] - u / (y.sum() * (~y).sum())) < 1e-12, "AUC disagrees with Mann-Whitney U"
    direct = -np.mean(np.where(y, np.log(np.clip(p, EPS, 1 - EPS)), np.log(np.clip(1 - p, EPS, 1 - EPS))))
    assert abs(out["log_loss"] - direct) < 1e-12
    return out


# ---------------------------------------------------------------- cases

def binary_cases(rng):
    cases = []

    def add(name, y, p, yhat=None, bins=10):
        p = np.asarray(p, dtype=np.float64)
        if yhat is None:
            yhat = p >= 0.5
        m = binary_metrics(y, p, yhat, bins)
        m.update(cbpe(p, np.asarray(yhat, dtype=bool)))
        cases.append({"name": name, "bins": bins, "actual": [bool(v) for v in y],
                      "probability": [float(v) for v in p], "predicted": [bool(v) for v in yhat],
                      "expected": m})

    p = rng.uniform(size=1000)
    add("uniform_1000", rng.uniform(size=1000) < p, p)
    p = np.round(rng.beta(2, 5, size=800), 2)  # many ties
    add("ties_two_decimals_800", rng.uniform(size=800) < p, p)
    p = np.round(rng.uniform(size=300), 1)  # heavy ties, 11 distinct scores
    add("ties_one_decimal_300", rng.uniform(size=300) < p, p, bins=15)
    p = np.array([0.0, 1.0, 1.0, 0.0, 0.5, 0.25, 1.0, 0.0, 0.75, 0.1])  # clipping at 0 and 1
    add("extremes_10", np.array([0, 1, 0, 1, 1, 0, 1, 0, 1, 0], dtype=bool), p)
    p = rng.uniform(size=200)
    add("threshold_0_3_200", rng.uniform(size=200) < 0.4, p, yhat=p >= 0.3, bins=5)
    p = rng.uniform(size=50)
    add("one_class_50", np.zeros(50, dtype=bool), p)  # AUC undefined, AP undefined
    add("all_positive_20", np.ones(20, dtype=bool), rng.uniform(size=20))
    add("none_predicted_positive_40", rng.uniform(size=40) < 0.5, rng.uniform(size=40) * 0.4)
    p = np.full(30, 0.5)
    add("constant_score_30", rng.uniform(size=30) < 0.5, p)
    add("tiny_2", np.array([True, False]), np.array([0.9, 0.2]))
    return cases


def multiclass_cases(rng):
    cases = []
    for name, n, k, with_missing_class in [("three_classes_500", 500, 3, False),
                                           ("five_classes_120", 120, 5, False),
                                           ("predicted_only_class_60", 60, 4, True)]:
        classes = [f"class_{chr(97 + i)}" for i in range(k)]
        logits = rng.normal(size=(n, k))
        probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        y_true = [classes[rng.choice(k, p=row)] for row in probs]
        y_pred = [classes[int(np.argmax(row))] for row in probs]
        if with_missing_class:
            # a class that is predicted but never true, and rows that put 0 on the true class
            y_true = [c if c != classes[-1] else classes[0] for c in y_true]
            probs[:5, :] = 0.0
            probs[:5, 1] = 1.0
        rows = [{c: float(v) for c, v in zip(classes, row)} for row in probs]
        mp, mr, mf = macro_prf(y_true, y_pred)
        cases.append({"name": name, "actual": y_true, "predicted": y_pred, "probabilities": rows,
                      "expected": {"accuracy": float(np.average(np.array(y_true) == np.array(y_pred))),
                                   "macro_precision": mp, "macro_recall": mr, "macro_f1": mf,
                                   "log_loss": log_loss_multiclass(classes, y_true, rows)}})
    return cases


def regression_cases(rng):
    cases = []

    def add(name, yhat, y):
        yhat = np.asarray(yhat, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        cases.append({"name": name, "predicted": [float(v) for v in yhat], "actual": [float(v) for v in y],
                      "expected": regression(yhat, y)})

    y = rng.normal(100, 15, size=1000)
    add("normal_1000", y + rng.normal(0, 5, size=1000), y)
    y = rng.normal(0, 1, size=200)
    y[:10] = 0.0  # MAPE's epsilon floor
    add("zeros_in_actual_200", y + rng.normal(0, 0.1, size=200), y)
    add("constant_actual_perfect_5", [3.0] * 5, [3.0] * 5)
    add("constant_actual_off_5", [3.0, 3.5, 2.0, 3.0, 4.0], [3.0] * 5)
    add("large_values_100", rng.normal(1e9, 1e6, size=100), rng.normal(1e9, 1e6, size=100))
    add("single_1", [2.0], [1.5])
    return cases


# ---------------------------------------------------------------- windowed scenario

HOUR_NS = 3_600_000_000_000
T0_NS = 1_767_225_600_000_000_000  # 2026-01-01T00:00:00Z


def binary_scenario(rng):
    """Predictions over 6 hours in 3 segments; ~70 % labelled, labels arriving up to 12 h late, some
    labelled twice (the later label wins), one label for an id that is never predicted, and a few
    predictions outside the queried range. Expected metrics per 1-hour window and per segment."""
    n = 3000
    times = np.sort(T0_NS - HOUR_NS // 2 + rng.integers(0, 7 * HOUR_NS, size=n))  # 30 min before to 6.5 h after
    segments = rng.choice(["apac", "eu", "us"], size=n, p=[0.2, 0.5, 0.3])
    p = np.round(rng.beta(2, 3, size=n), 3)
    drift = (times - T0_NS) / (6 * HOUR_NS)
    truth = rng.uniform(size=n) < np.clip(p + 0.1 * drift, 0, 1)
    predicted = p >= 0.5
    has_label = rng.uniform(size=n) < 0.7
    predictions = []
    labels = []
    for i in range(n):
        pid = f"p{i:05d}"
        predictions.append({"id": pid, "time_ns": int(times[i]), "segment": str(segments[i]),
                            "probability": float(p[i]), "predicted": bool(predicted[i]),
                            "version": "1" if i % 3 else "2"})
        if has_label[i]:
            late = int(rng.integers(1, 12 * HOUR_NS))
            if rng.uniform() < 0.05:
                # an earlier, wrong label that the later one replaces
                labels.append({"id": pid, "positive": bool(not truth[i]), "time_ns": int(times[i] + late // 2)})
            labels.append({"id": pid, "positive": bool(truth[i]), "time_ns": int(times[i] + late)})
    labels.append({"id": "never-predicted", "positive": True, "time_ns": T0_NS})
    order = rng.permutation(len(labels))
    labels = [labels[i] for i in order]

    range_from = T0_NS
    range_to = T0_NS + 6 * HOUR_NS
    windows = []
    for w in range(6):
        start = T0_NS + w * HOUR_NS
        in_window = (times >= start) & (times < start + HOUR_NS)

        def summary(mask):
            total = int(mask.sum())
            lab = mask & has_label
            out = {"predictions": total, "labelled": int(lab.sum())}
            metrics = {}
            if total > 0:
                metrics.update(cbpe(p[mask], predicted[mask]))
            if lab.sum() > 0:
                m = binary_metrics(truth[lab], p[lab], predicted[lab])
                metrics.update({k: v for k, v in m.items() if v is not None})
            out["metrics"] = metrics
            return out

        windows.append({"start_ns": start, "overall": summary(in_window),
                        "segments": {s: summary(in_window & (segments == s))
                                     for s in sorted(set(segments[in_window]))}})
    return {"model": "fraud", "from_ns": range_from, "to_ns": range_to, "window_ns": HOUR_NS,
            "predictions": predictions, "labels": labels, "windows": windows}


def regression_scenario(rng):
    """Two 1-hour windows of a regression model, ~half labelled."""
    n = 400
    times = np.sort(T0_NS + rng.integers(0, 2 * HOUR_NS, size=n))
    y = rng.normal(50, 10, size=n)
    yhat = y + rng.normal(0, 3, size=n)
    has_label = rng.uniform(size=n) < 0.5
    predictions = [{"id": f"r{i:04d}", "time_ns": int(times[i]), "value": float(yhat[i])} for i in range(n)]
    labels = [{"id": f"r{i:04d}", "value": float(y[i]), "time_ns": int(times[i] + HOUR_NS)}
              for i in range(n) if has_label[i]]
    windows = []
    for w in range(2):
        start = T0_NS + w * HOUR_NS
        mask = (times >= start) & (times < start + HOUR_NS)
        lab = mask & has_label
        windows.append({"start_ns": start, "predictions": int(mask.sum()), "labelled": int(lab.sum()),
                        "metrics": regression(yhat[lab], y[lab])})
    return {"model": "price", "from_ns": T0_NS, "to_ns": T0_NS + 2 * HOUR_NS, "window_ns": HOUR_NS,
            "predictions": predictions, "labels": labels, "windows": windows}


def main():
    rng = np.random.default_rng(20260101)
    out = {
        "generator": "generate_reference.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "python": platform.python_version(),
        "epsilon": EPS,
        "binary": binary_cases(rng),
        "multiclass": multiclass_cases(rng),
        "regression": regression_cases(rng),
        "binary_scenario": binary_scenario(rng),
        "regression_scenario": regression_scenario(rng),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference_performance.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, allow_nan=False)
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
