"""Reference buckets for ExperimentRouter: SHA-256(salt || 0x00 || key), first 8 bytes big-endian, mod 10000.

Run: python3 buckets.py > buckets.csv
"""
import hashlib

SALTS = ["checkout-v2", "fraud-v4", "ünïcode-salt"]
KEYS = ["user-0", "user-1", "user-42", "user-99999", "a", "ключ", "\u00e9t\u00e9", "x" * 300]

print("salt,key,bucket")
for salt in SALTS:
    for key in KEYS:
        digest = hashlib.sha256(salt.encode("utf-8") + b"\x00" + key.encode("utf-8")).digest()
        bucket = int.from_bytes(digest[:8], "big") % 10000
        print(f"{salt},{key},{bucket}")
