#!/usr/bin/env python3
"""Turns test.csv rows into one JSON object per line, as a client streaming rows from S3 would post them.

Empty cells are sent as "" (the service treats them as missing); numbers stay strings, as in a CSV row.
Leaves out the label columns so the request carries only what a client knows.
"""
import csv
import json
import sys

LABELS = {"nutriscore_grade", "nutrition_score_fr_100g"}

src, dst = sys.argv[1], sys.argv[2]
with open(src, newline="", encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
    for row in csv.DictReader(f):
        out.write(json.dumps({k: v for k, v in row.items() if k not in LABELS}, ensure_ascii=False) + "\n")
