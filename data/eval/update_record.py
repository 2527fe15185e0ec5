#!/usr/bin/env python3
"""Rewrites data/eval/record.json from `dyad eval --json` on stdin: every floor just below the
current figure (false_positive_rate: a ceiling just above it).

Usage: cargo run --release -- eval --json --gold data/eval/dev/*.jsonl data/eval/own/*.jsonl | python3 data/eval/update_record.py
"""
import json
import pathlib
import sys

METRICS = ["plover_accuracy", "plover_macro_f1", "cameo_root_hit", "cameo_code_hit",
           "source_country", "target_country", "false_positive_rate"]
record = {}
for report in json.load(sys.stdin):
    floors = {}
    for k in METRICS:
        v = report.get(k)
        if v is not None:
            floors[k] = round(v + 0.0005, 3) if k == "false_positive_rate" else round(v - 0.0005, 3)
    record[report["file"]] = floors
out = pathlib.Path(__file__).resolve().parent / "record.json"
out.write_text(json.dumps(record, indent=2) + "\n")
print(f"{out}: {json.dumps(record)}")
