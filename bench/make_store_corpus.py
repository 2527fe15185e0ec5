#!/usr/bin/env python3
"""Builds a store benchmark corpus from the example articles: new articles made of
paragraphs drawn from different examples, with random dates, sources and ids.

Usage: python3 bench/make_store_corpus.py OUT.jsonl ARTICLES [SEED]

Each article takes 3 to 7 paragraphs from randomly chosen examples (whole paragraphs, so
sentences stay intact) and a date between 2000-01-01 and 2025-12-31; dates written in the
text are resolved against it as usual. Mixing paragraphs keeps the articles distinct, so the
near-duplicate detector does not fold them together, while the text stays real news prose.
The output is deterministic for a given seed.
"""
import datetime
import json
import pathlib
import random
import sys

out = pathlib.Path(sys.argv[1])
count = int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
root = pathlib.Path(__file__).resolve().parent.parent / "examples"
paras = []
for p in sorted(root.glob("*.txt")):
    raw = p.read_text(encoding="utf-8")
    body = raw[16:]
    paras.extend(x.strip() for x in body.split("\n\n") if len(x.strip()) > 80)
start = datetime.date(2000, 1, 1).toordinal()
span = datetime.date(2025, 12, 31).toordinal() - start
sources = [f"Outlet {i}" for i in range(40)]
with out.open("w", encoding="utf-8") as f:
    for n in range(count):
        k = rng.randint(3, 7)
        text = "\n\n".join(rng.sample(paras, k))
        date = datetime.date.fromordinal(start + rng.randrange(span)).isoformat()
        rec = {"id": f"bench-{n}", "date": date, "source": rng.choice(sources), "text": text}
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
print(f"{out}: {count} articles from {len(paras)} example paragraphs", file=sys.stderr)
