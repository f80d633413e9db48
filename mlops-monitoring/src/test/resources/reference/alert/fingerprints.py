"""Reference values for the alert package's identifiers, computed independently of the Java code.

Fingerprint: Prometheus' labelSetToFingerprint (prometheus/common model/signature.go): 64-bit FNV-1a
over the label names in sorted order, each name and value followed by the byte 0xff, printed as 16 hex
digits (Alertmanager's Fingerprint.String()). Sorting is by Go string order, i.e. by UTF-8 bytes.

Dedup key: Alertmanager's Key.Hash() used as PagerDuty's dedup_key: SHA-256 of the group key, hex.

Run: python3 fingerprints.py > fingerprints.json
"""
import hashlib
import json

OFFSET = 14695981039346656037
PRIME = 1099511628211
MASK = (1 << 64) - 1


def fnv1a(data: bytes, h: int) -> int:
    for b in data:
        h ^= b
        h = (h * PRIME) & MASK
    return h


def fingerprint(labels: dict) -> str:
    h = OFFSET
    for name in sorted(labels, key=lambda n: n.encode("utf-8")):
        h = fnv1a(name.encode("utf-8"), h)
        h = fnv1a(b"\xff", h)
        h = fnv1a(labels[name].encode("utf-8"), h)
        h = fnv1a(b"\xff", h)
    return "%016x" % h


LABEL_SETS = [
    {},
    {"name": "garland, briggs", "fear": "love is not enough"},
    {"alertname": "FeatureDriftHigh"},
    {"alertname": "FeatureDriftHigh", "feature": "age", "model": "fraud", "severity": "warning"},
    {"alertname": "FeatureDriftHigh", "feature": "income", "model": "fraud", "severity": "warning"},
    {"alertname": "SloErrorBudgetBurn", "slo": "checkout", "severity": "critical"},
    {"a": "b", "c": "d"},
    {"a": "bc", "c": "d"},
    {"job": "api", "instance": "10.0.0.1:8080", "region": "eu-west-1"},
    {"unicode": "\u00e9t\u00e9 \u2603 \U0001f600", "quote": "say \"hi\"\nbye"},
]

GROUP_KEYS = [
    '{}:{}',
    '{}:{alertname="FeatureDriftHigh"}',
    '{}:{alertname="FeatureDriftHigh", model="fraud"}',
    '{}/{severity="critical"}:{alertname="SloErrorBudgetBurn", slo="checkout"}',
]

if __name__ == "__main__":
    out = {
        "fingerprints": [{"labels": ls, "fingerprint": fingerprint(ls)} for ls in LABEL_SETS],
        "dedupKeys": [{"groupKey": k, "sha256": hashlib.sha256(k.encode("utf-8")).hexdigest()} for k in GROUP_KEYS],
    }
    print(json.dumps(out, indent=2, ensure_ascii=False))
