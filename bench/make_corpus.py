#!/usr/bin/env python3
"""Builds a throughput corpus: the example articles repeated into one JSONL file.

Usage: python3 bench/make_corpus.py OUT.jsonl [MEGABYTES]   (default 10)

Each copy gets its own id and the articles keep their dates, so `dyad bench OUT.jsonl` and
`dyad code OUT.jsonl` see realistic, varied news text of the requested size.
"""
import json
import pathlib
import sys

out = pathlib.Path(sys.argv[1])
target = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
root = pathlib.Path(__file__).resolve().parent.parent / "examples"
arts = []
for p in sorted(root.glob("*.txt")):
    raw = p.read_text(encoding="utf-8")
    # "date YYYY-MM-DD" then one space or newline, then the body.
    date = raw[5:15]
    body = raw[16:]
    arts.append((p.stem, date, body))
written = 0
n = 0
with out.open("w", encoding="utf-8") as f:
    while written < target * 1e6:
        stem, date, body = arts[n % len(arts)]
        line = json.dumps({"id": f"{stem}-{n}", "date": date, "text": body}, ensure_ascii=False)
        f.write(line + "\n")
        written += len(body.encode("utf-8"))
        n += 1
print(f"{out}: {n} articles, {written / 1e6:.1f} MB of text")
