"""Result codes (engine/results.py): named T2 codes, and every code verifying by replay.

A teacher's row must say the truth about a code or refuse it with a plain reason — never
a wrong row, never an exception.
"""
import json
import random
from pathlib import Path

import pytest

from engine import Session, load_simulation
from engine.explore import Explorer
from engine.results import (ASSIGNMENT_LIMIT, FAST_WPM, NAME_LIMIT, clean_label, parse_code, verify_code,
                            verify_many)

ROOT = Path(__file__).resolve().parents[2]
FROZEN = ROOT / "tests" / "fixtures" / "frozen"
RECORDS = json.loads((FROZEN / "codes.json").read_text(encoding="utf-8"))["records"]
FLAGSHIPS = {
    "er-nurse-shift": "healthcare/er-nurse-shift.yaml",
    "footbridge-design": "engineering/footbridge-design.yaml",
    "cnc-first-run": "manufacturing/cnc-first-run.yaml",
}


def released(sim_id):
    """The simulation as released (the file's current version is always released: see
    test_results_releases.py), so codes made here verify whatever the file holds."""
    from engine.releases import load_release
    sim = load_simulation(ROOT / "simulations" / FLAGSHIPS[sim_id])
    return load_release(sim.id, sim.version)


def play(sim, seed, lang="en", start=None):
    xp = Explorer(sim, start, lang)
    s = Session(sim, seed=seed, lang=lang, start=start)
    pick = random.Random(seed)
    while not s.ended:
        acts = xp.actions(s.view())
        s.act(acts[pick.randrange(len(acts))][1])
    return s


# ---- every code made before today -----------------------------------------------------------

ENDS = [r for r in RECORDS if r["result_code"]]


@pytest.mark.parametrize("rec", ENDS, ids=lambda r: f"{r['sim']}-{r['lang']}-{r['seed']}-{'kiosk' if r['start'] else 'full'}")
def test_every_frozen_result_code_verifies_with_its_ending_through_the_releases(rec):
    row = verify_code(rec["result_code"])
    assert row["verified"], row["reason"]
    res = rec["result"]
    assert (row["sim"], row["version"], row["ending"], row["rating"]) == (res["sim"], res["version"], res["ending"],
                                                                          res["rating"])
    assert row["minutes"] == res["minutes"]
    # skills as the engine credits them today: only where used well (issue 13), so never more
    # than the tally recorded when the code was made (tests/engine/test_frozen_codes.py says why)
    assert all(n <= res["skills"].get(k, 0) for k, n in row["skills"].items()), (row["skills"], res["skills"])
    assert [(a["scene"], a["kind"], a["score"], a["outcome"]) for a in row["activities"]] == \
        [(a["scene"], a["kind"], a["score"], a["outcome"]) for a in res["activities"]]
    assert row["ending_title"] == res["title"] and row["lang"] == rec["lang"]
    assert row["bound_name"] == "" and row["played_seconds"] is None and row["too_fast"] is False


def test_a_frozen_mid_play_code_is_refused_as_not_finished():
    mids = [r for r in RECORDS if r["stage"] == "mid"][:10]
    for rec in mids:
        row = verify_code(rec["resume_code"])
        assert not row["verified"] and "did not reach an ending" in row["reason"]
        assert row["sim"] == rec["sim"] and row["version"] == rec["version"]


# ---- named codes ------------------------------------------------------------------------------

@pytest.mark.parametrize("sim_id", sorted(FLAGSHIPS))
@pytest.mark.parametrize("lang,kiosk", [("en", False), ("es", False), ("es", True)])
def test_a_named_code_binds_name_assignment_and_seconds_and_replays_to_the_same_result(sim_id, lang, kiosk):
    sim = released(sim_id)
    for seed in (3, 11):
        s = play(sim, seed, lang, sim.kiosk_start if kiosk else None)
        code = s.result_code("Ana Ruiz", "Period 3 - Careers", 840)
        assert code.startswith("T2") and code != s.resume_code()
        row = verify_code(code)
        res = s.result()
        assert row["verified"], row["reason"]
        assert (row["bound_name"], row["name"], row["assignment"], row["played_seconds"]) == \
            ("Ana Ruiz", "Ana Ruiz", "Period 3 - Careers", 840)
        assert (row["ending"], row["rating"], row["minutes"], row["skills"]) == \
            (res["ending"], res["rating"], res["minutes"], res["skills"])
        assert [a["score"] for a in row["activities"]] == [a["score"] for a in res["activities"]]
        assert row["score"] == (round(100 * sum(a["score"] for a in res["activities"]) / len(res["activities"]))
                                if res["activities"] else round(100 * res["rating"] / 3))
        assert row["title"] == sim.title.get("en")
        # the play itself is the same whatever name or label is bound
        assert verify_code(s.result_code("Someone Else"))["digest"] == row["digest"]
        assert verify_code(s.resume_code())["digest"] == row["digest"]


def test_activity_rows_are_in_english_with_the_answer_given_and_the_right_one():
    sim = released("footbridge-design")
    s = play(sim, 5, "es")
    row = verify_code(s.result_code())
    en = Session(sim, lang="en")
    prompts = {sc.id: sc.activity.prompt.get("en") for sc in sim.scenes if sc.activity}
    assert row["activities"], "the footbridge has activities"
    for a, given in zip(row["activities"], s.state["answers"]):
        assert a["prompt"] == en.fill(prompts[a["scene"]]) or "{" in prompts[a["scene"]]
        assert a["answer"] and a["right"]
        assert a["outcome"] in ("correct", "partial", "wrong") and 0 <= a["score"] <= 1
        if a["outcome"] == "correct" and given["kind"] in ("order", "sequence", "multi", "match"):
            assert a["answer"] == a["right"]


def test_a_code_made_without_reading_is_flagged_too_fast_and_a_real_pace_is_not():
    sim = released("er-nurse-shift")
    s = play(sim, 7)
    assert verify_code(s.result_code(played_seconds=20))["too_fast"] is True
    assert verify_code(s.result_code(played_seconds=12 * 60))["too_fast"] is False
    assert verify_code(s.result_code())["too_fast"] is False  # unknown time: no flag
    # the threshold is words shown / FAST_WPM: just under it is flagged, just over it is not
    from engine.results import _walk
    _rows, words = _walk(Session.from_resume_code(sim, s.resume_code()))
    assert words > 300
    edge = words * 60 / FAST_WPM
    assert verify_code(s.result_code(played_seconds=int(edge) - 1))["too_fast"] is True
    assert verify_code(s.result_code(played_seconds=int(edge) + 2))["too_fast"] is False


def test_typed_names_are_cleaned_and_capped():
    assert clean_label("  Ana\u202e\n  Ruiz\t", 40) == "Ana Ruiz"  # direction override and line breaks go
    assert clean_label("x" * 100, NAME_LIMIT) == "x" * NAME_LIMIT
    assert clean_label(None, 40) == "" and clean_label(12, 40) == ""
    sim = released("cnc-first-run")
    s = play(sim, 2)
    row = verify_code(s.result_code("N" * 90 + "\u0000", "A" * 200, -5))
    assert row["bound_name"] == "N" * NAME_LIMIT and row["assignment"] == "A" * ASSIGNMENT_LIMIT
    assert row["played_seconds"] == 0


def test_the_handed_in_name_wins_and_a_different_bound_name_shows():
    s = play(released("cnc-first-run"), 4)
    row = verify_code(s.result_code("Ana Ruiz"), "ana  ruiz")
    assert row["name"] == "ana ruiz" and row["bound_name"] == "Ana Ruiz" and not row["name_differs"]
    row = verify_code(s.result_code("Ana Ruiz"), "Ben Ito")
    assert row["name"] == "Ben Ito" and row["bound_name"] == "Ana Ruiz" and row["name_differs"]


# ---- refused codes ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def good_code():
    return play(released("er-nurse-shift"), 9).result_code("Kim", "P2", 700)


def test_a_changed_character_anywhere_is_refused_or_reads_the_same_play(good_code):
    good = verify_code(good_code)
    refused = 0
    for i in range(2, len(good_code)):
        for c in "A7x-_":
            if good_code[i] == c:
                continue
            bad = good_code[:i] + c + good_code[i + 1:]
            row = verify_code(bad)
            if row["verified"]:  # only a change of letter case in the check characters is harmless
                assert row["digest"] == good["digest"] and row["bound_name"] == "Kim"
                assert bad.upper()[-2:] == good_code.upper()[-2:]
            else:
                refused += 1
                assert row["reason"] and row["rating"] is None and row["ending"] == ""
    assert refused > 4 * (len(good_code) - 4)


def test_a_typo_is_called_a_typo_and_a_cut_code_is_called_cut_short(good_code):
    i = len(good_code) // 2
    typo = good_code[:i] + ("B" if good_code[i] != "B" else "C") + good_code[i + 1:]
    assert "typo" in verify_code(typo)["reason"]
    for n in (3, 10, 40):
        row = verify_code(good_code[:-n])
        assert not row["verified"] and "cut short" in row["reason"], (n, row["reason"])


def test_a_code_from_an_unknown_version_or_simulation_is_refused_by_name(tmp_path):
    text = (ROOT / "simulations" / FLAGSHIPS["cnc-first-run"]).read_text(encoding="utf-8")
    version = load_simulation(ROOT / "simulations" / FLAGSHIPS["cnc-first-run"]).version
    future = tmp_path / "future.yaml"
    future.write_text(text.replace(f"version: {version}", "version: 9.9.9", 1), encoding="utf-8")
    code = play(load_simulation(future), 1).result_code("Lee")
    row = verify_code(code)
    assert not row["verified"] and "version 9.9.9 of cnc-first-run" in row["reason"]
    assert "1.0.0" in row["reason"] and row["ending"] == "" and row["bound_name"] == "Lee"
    other = tmp_path / "other.yaml"
    other.write_text(text.replace("id: cnc-first-run", "id: lathe-night", 1), encoding="utf-8")
    row = verify_code(play(load_simulation(other), 1).result_code())
    assert not row["verified"] and "simulation this build does not have (lathe-night)" in row["reason"]


@pytest.mark.parametrize("junk", ["", "   ", "hello", "T2", "T2!!!!!!", "T1" + "A" * 50, "T2" + "x" * 9000,
                                  "T1eNpLy88vSSrKTElP1U1JLc5Mz6sx1DPQM6gx", None, 42, "\u202eT2abc",
                                  "T2../../etc/passwd"])
def test_junk_never_raises_and_is_refused_with_a_sentence(junk):
    row = verify_code(junk)
    assert row["verified"] is False and row["reason"].endswith(".") and row["activities"] == []


def test_a_code_naming_a_path_outside_the_releases_is_refused(tmp_path):
    from engine.results import _check, _pack
    body = "T2" + _pack("../../tests/fixtures/x|1.0.0|0|en||n\n\t\t")
    row = verify_code(body + _check(body))
    assert not row["verified"] and "does not have" in row["reason"]


def test_one_play_handed_in_under_two_names_is_flagged_on_both_rows():
    sim = released("footbridge-design")
    a, b = play(sim, 21), play(sim, 22)
    code = a.result_code("Ana")
    rows = verify_many([("Ana", code), ("Ben", b.result_code("Ben")), ("Cal", code), ("Dee", "T2broken")])
    assert [r["duplicate_of"] for r in rows] == [[2], [], [0], []]
    assert rows[2]["name"] == "Cal" and rows[2]["bound_name"] == "Ana" and rows[2]["name_differs"]
    assert [r["verified"] for r in rows] == [True, True, True, False]


def test_the_longest_code_stays_short_enough_for_a_qr_and_scorm():
    """Every flagship, many random plays, the longest name and label: printed, and bounded."""
    longest = 0
    for sim_id in FLAGSHIPS:
        sim = released(sim_id)
        for seed in range(12):
            s = play(sim, 100 + seed, "es")
            code = s.result_code("Ñ" * NAME_LIMIT, "Á" * ASSIGNMENT_LIMIT, 3599)
            assert parse_code(code)["bound_name"] == "Ñ" * NAME_LIMIT
            longest = max(longest, len(code))
            if len(code) == longest:
                worst = code
    segno = pytest.importorskip("segno")
    version = segno.make(worst, error="m", boost_error=False).version
    print(f"longest named result code: {longest} characters, QR version {version} at level M")
    assert longest <= 320 and version <= 10  # a QR a phone reads off a Chromebook screen


def test_a_code_with_more_steps_than_any_real_play_is_refused_without_replaying_it():
    from engine.results import MAX_ACTIONS, _check, _pack
    sim = released("er-nurse-shift")
    body = "T2" + _pack(f"{sim.id}|{sim.version}|0|en||" + ",".join(["n"] * (MAX_ACTIONS + 1)) + "\n\t\t")
    row = verify_code(body + _check(body))
    assert not row["verified"] and "far more steps than any real play" in row["reason"]
    # every real play is far below the cap
    longest = max(len(play(sim, seed).state["log"]) for seed in range(20))
    assert longest * 10 < MAX_ACTIONS
