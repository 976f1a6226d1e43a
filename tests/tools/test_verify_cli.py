"""`testdrive verify FILE`: a class's codes in, one CSV row each out, exit 1 if any was refused."""
import csv
import io
import random
import subprocess
import sys
from pathlib import Path

import pytest

from engine import Session, load_simulation
from engine.explore import Explorer
from engine.releases import load_release
from engine.verify import read_pairs

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["name", "sim", "version", "ending", "rating", "score", "minutes", "verified", "reason"]


def released(rel):
    sim = load_simulation(ROOT / "simulations" / rel)
    return load_release(sim.id, sim.version)


def play(sim, seed, lang="en"):
    xp, s, pick = Explorer(sim, None, lang), Session(sim, seed=seed, lang=lang), random.Random(seed)
    while not s.ended:
        acts = xp.actions(s.view())
        s.act(acts[pick.randrange(len(acts))][1])
    return s


def verify(tmp_path, text, name="codes.csv", stdin=None):
    arg = "-"
    if stdin is None:
        (tmp_path / name).write_text(text, encoding="utf-8")
        arg = str(tmp_path / name)
    r = subprocess.run([sys.executable, "-m", "engine.cli", "verify", arg], capture_output=True, text=True,
                       cwd=ROOT, input=stdin)
    assert "Traceback" not in r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    return r, rows


@pytest.fixture(scope="module")
def nurse():
    return released("healthcare/er-nurse-shift.yaml")


def test_good_codes_one_per_line_print_their_rows_and_exit_0(tmp_path, nurse):
    plays = [play(nurse, s) for s in (1, 2)]
    r, rows = verify(tmp_path, "\n".join(p.result_code("", "P1", 800) for p in plays) + "\n", "codes.txt")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0].split(",")[:9] == HEADER
    for row, p in zip(rows, plays):
        res = p.result()
        assert (row["sim"], row["version"], row["ending"], row["rating"], row["minutes"], row["verified"]) == \
            (res["sim"], res["version"], res["ending"], str(res["rating"]), str(res["minutes"]), "yes")
        assert row["reason"] == "" and row["assignment"] == "P1" and row["played_minutes"] == "13.3"


def test_tampered_truncated_and_unknown_version_codes_are_refused_on_stderr(tmp_path, nurse):
    good = play(nurse, 3).result_code("Ana")
    i = len(good) // 2
    tampered = good[:i] + ("Q" if good[i] != "Q" else "R") + good[i + 1:]
    text = (ROOT / "simulations/healthcare/er-nurse-shift.yaml").read_text(encoding="utf-8")
    future = tmp_path / "future.yaml"
    future.write_text(text.replace(f"version: {nurse.version}", "version: 7.0.0", 1), encoding="utf-8")
    unknown = play(load_simulation(future), 3).result_code("Dee")
    csv_text = ("name,code\n"
                f"Ana,{good}\nBen,{tampered}\nCal,{good[:-12]}\nDee,{unknown}\n")
    r, rows = verify(tmp_path, csv_text)
    assert r.returncode == 1
    assert [row["verified"] for row in rows] == ["yes", "no", "no", "no"]
    assert "typo" in rows[1]["reason"] and "cut short" in rows[2]["reason"]
    assert "version 7.0.0 of er-nurse-shift" in rows[3]["reason"]
    assert all(row["ending"] == "" and row["rating"] == "" for row in rows[1:])
    err = r.stderr.splitlines()
    assert any(":3: refused (Ben): This code has a typo" in line for line in err)
    assert any(":4: refused (Cal): This code is cut short" in line for line in err)
    assert any(":5: refused (Dee): This code was made with version 7.0.0" in line for line in err)
    assert "1 of 4 code(s) verified" in r.stderr


def test_one_play_handed_in_under_two_names_is_verified_and_flagged(tmp_path, nurse):
    code = play(nurse, 4).result_code("Ana")
    other = play(nurse, 5).result_code("Ben")
    r, rows = verify(tmp_path, f"Name,Result code\nAna,{code}\nBen,{other}\nZed,{code}\n")
    assert r.returncode == 0
    assert [row["same_play_as"] for row in rows] == ["line 4", "", "line 2"]
    assert rows[2]["name"] == "Zed" and rows[2]["bound_name"] == "Ana"


def test_a_35_student_class_from_a_forms_export_on_stdin(tmp_path):
    sims = [released(p) for p in ("healthcare/er-nurse-shift.yaml", "engineering/footbridge-design.yaml",
                                  "manufacturing/cnc-first-run.yaml")]
    lines, expect = ["Timestamp,Email address,Student name,Paste your result code"], []
    for n in range(35):
        s = play(sims[n % 3], 200 + n, "es" if n % 4 == 0 else "en")
        name = f"Student {n + 1:02d}"
        lines.append(f"2026-12-01 10:{n:02d},s{n}@school.example,{name},{s.result_code(name, 'Period 4', 600 + n)}")
        expect.append((name, s.sim.id, s.result()["ending"]))
    r, rows = verify(tmp_path, None, stdin="\n".join(lines) + "\n")
    assert r.returncode == 0, r.stderr
    assert [(row["name"], row["sim"], row["ending"]) for row in rows] == expect
    assert all(row["verified"] == "yes" and row["assignment"] == "Period 4" for row in rows)
    assert len({row["sim"] for row in rows}) == 3 and "35 of 35 code(s) verified" in r.stderr


def test_a_name_that_would_start_a_spreadsheet_formula_is_kept_as_text(tmp_path, nurse):
    code = play(nurse, 6).result_code("=HYPERLINK(1)")
    r, rows = verify(tmp_path, f"name,code\n=cmd|x,{code}\n")
    assert rows[0]["name"] == "'=cmd|x" and rows[0]["bound_name"] == "'=HYPERLINK(1)"


def test_reading_codes_from_csv_and_plain_lines():
    assert read_pairs("code\nT2aaaa\n\nT2bbbb\n") == ([("", "T2aaaa"), ("", "T2bbbb")], [2, 4])
    assert read_pairs("\ufeffName,Code\nAna,T2x\n") == ([("Ana", "T2x")], [2])
    plain = "Ana,T2eNpLLdLNKy0qTtUtzshMK6kx1\nT1eNpLLdLNKy0qTtUtzshMK6kx1\n"
    assert read_pairs(plain) == ([("Ana", "T2eNpLLdLNKy0qTtUtzshMK6kx1"), ("", "T1eNpLLdLNKy0qTtUtzshMK6kx1")], [1, 2])


def test_an_empty_or_missing_file_is_a_clear_message(tmp_path):
    r, rows = verify(tmp_path, "\n\n", "empty.txt")
    assert r.returncode == 1 and "no codes found" in r.stderr
    r = subprocess.run([sys.executable, "-m", "engine.cli", "verify", str(tmp_path / "nope.csv")],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2 and "cannot read" in r.stderr and "Traceback" not in r.stderr


def test_every_frozen_result_code_verifies_through_the_command(tmp_path):
    """Codes made before today's content changes, checked the way a teacher would."""
    import json
    records = json.loads((ROOT / "tests/fixtures/frozen/codes.json").read_text(encoding="utf-8"))["records"]
    ends = [r for r in records if r["result_code"]]
    r, rows = verify(tmp_path, None, stdin="code\n" + "\n".join(rec["result_code"] for rec in ends) + "\n")
    assert r.returncode == 0, r.stderr
    assert [(row["sim"], row["version"], row["ending"], row["verified"]) for row in rows] == \
        [(rec["sim"], rec["version"], rec["ending"], "yes") for rec in ends]
