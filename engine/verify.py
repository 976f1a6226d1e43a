"""`testdrive verify FILE`: a class's result codes, checked by replaying them, as CSV.

FILE is a CSV with a `code` column (and optionally a `name` column) — e.g. a Google Forms
export, where the column whose heading contains "code" is used — or plain text with one
code per line (`name,code` lines work too). `-` reads standard input. Exits 1 when any
code was refused, naming each refused row on standard error.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys

from .results import verify_many

COLUMNS = ["name", "sim", "version", "ending", "rating", "score", "minutes", "verified", "reason",
           "assignment", "bound_name", "played_minutes", "too_fast", "same_play_as"]


def _pick(header: list[str], word: str) -> int | None:
    cells = [h.strip().lower() for h in header]
    if word in cells:
        return cells.index(word)
    for i, h in enumerate(cells):
        if word in h:
            return i
    return None


def _looks_like_code(cell: str) -> bool:
    cell = cell.strip()
    return len(cell) > 12 and cell[:2].upper() in ("T1", "T2") and " " not in cell


def read_pairs(text: str) -> tuple[list[tuple[str, str]], list[int]]:
    """(name, code) pairs and the line number each came from."""
    lines = text.lstrip("\ufeff").splitlines()
    rows = list(csv.reader(lines)) if lines else []
    header = rows[0] if rows else []
    code_col = None if any(_looks_like_code(c) for c in header) else _pick(header, "code")
    pairs, where = [], []
    if code_col is not None:
        name_col = _pick(header, "name")
        for n, row in enumerate(rows[1:], 2):
            if not any(c.strip() for c in row):
                continue
            code = row[code_col].strip() if code_col < len(row) else ""
            name = row[name_col].strip() if name_col is not None and name_col < len(row) else ""
            pairs.append((name, code))
            where.append(n)
        return pairs, where
    for n, row in enumerate(rows, 1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        pairs.append((",".join(cells[:-1]).strip() if len(cells) > 1 else "", cells[-1]))
        where.append(n)
    return pairs, where


def to_csv(rows: list[dict], where: list[int] | None = None) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    line_of = where or [i + 2 for i in range(len(rows))]
    for row in rows:
        secs = row.get("played_seconds")
        w.writerow([
            _safe(row["name"]), row["sim"], row["version"], row["ending"],
            "" if row["rating"] is None else row["rating"], "" if row["score"] is None else row["score"],
            "" if row["minutes"] is None else row["minutes"], "yes" if row["verified"] else "no",
            row["reason"], _safe(row["assignment"]), _safe(row["bound_name"]),
            "" if secs is None else round(secs / 60, 1), "yes" if row["too_fast"] else "",
            " ".join(f"line {line_of[j]}" for j in row.get("duplicate_of", ())),
        ])
    return out.getvalue()


def _safe(text: str) -> str:
    # a typed name opens in a spreadsheet: never let it start a formula there
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="testdrive verify", description=__doc__.split("\n\n")[1])
    ap.add_argument("file", help="a CSV with a code column, or one code per line; - for standard input")
    args = ap.parse_args(argv)
    try:
        if args.file == "-":
            text = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8-sig", errors="replace") as f:
                text = f.read()
    except OSError as exc:
        print(f"testdrive verify: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    pairs, where = read_pairs(text)
    if not pairs:
        print(f"testdrive verify: no codes found in {args.file}", file=sys.stderr)
        return 1
    rows = verify_many(pairs)
    sys.stdout.write(to_csv(rows, where))
    refused = [(n, row) for n, row in zip(where, rows) if not row["verified"]]
    for n, row in refused:
        who = f" ({row['name']})" if row["name"] else ""
        print(f"{args.file}:{n}: refused{who}: {row['reason']}", file=sys.stderr)
    print(f"{len(rows) - len(refused)} of {len(rows)} code(s) verified", file=sys.stderr)
    return 1 if refused else 0
