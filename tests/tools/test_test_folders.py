"""The tests are grouped by subsystem, one folder each, so a reader finds the tests of a part
where the part's name says, and the engine-only runs (scripts/test-py312.sh, test-wasm) can
name their files. A new test module must go in one of the folders; a file that names a test
module must name one that exists (a test that is moved or renamed is not silently dropped)."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"

# folder -> what its tests are about (README.md's layout says the same)
FOLDERS = {
    "engine": "loader, expressions, saves, session, properties, frozen codes, schemas, layers",
    "kinds": "one file per activity kind, and the kinds' registry",
    "content": "the shipped simulations and the catalogue: facts, answers, art",
    "tools": "explore, stats, guides, scaffold, verify, map, results, the text player",
    "web": "the browser player, its security, SCORM, the teacher and profile pages",
    "desktop": "the pygame-ce player, the kiosk, the pygbag build",
}

# a file name in docs that stands for a file an author would write, not one that exists
EXAMPLES_IN_DOCS = {"tests/kinds/test_slider.py"}


def _test_modules() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py")
                  if p.name.startswith("test_") or p.name.endswith("_test.py"))


def test_every_test_module_is_in_a_subsystem_folder():
    modules = _test_modules()
    assert len(modules) > 50, "found too few test modules: is TESTS the tests folder?"
    misplaced = [str(p.relative_to(TESTS)) for p in modules
                 if p.parent.parent != TESTS or p.parent.name not in FOLDERS]
    assert misplaced == [], (
        f"put each test module in one of tests/{{{','.join(FOLDERS)}}}/: {misplaced}")


def test_every_subsystem_folder_has_tests():
    empty = [name for name in FOLDERS if not list((TESTS / name).glob("test_*.py"))]
    assert empty == []


def test_module_names_are_unique_across_folders():
    # the folders are not packages, so pytest imports each module by its file name alone
    names = [p.name for p in _test_modules()]
    assert sorted({n for n in names if names.count(n) > 1}) == []


def _files_that_name_tests() -> list[Path]:
    files = [ROOT / "Makefile", ROOT / "README.md", ROOT / "pyproject.toml"]
    for folder, pattern in [("scripts", "*.sh"), ("scripts", "*.mjs"), (".ci", "*"),
                            ("docs", "*.md"), ("benchmarks", "*.py"), ("engine", "**/*.py"),
                            ("tests", "**/*.py"), ("simulations", "**/*.yaml")]:
        files += (ROOT / folder).glob(pattern)
    return sorted(p for p in files if p.is_file())


def test_every_test_file_named_in_the_project_exists():
    named = set()
    for path in _files_that_name_tests():
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"tests/[\w/]+\.py\b", text):
            if m.group(0) not in EXAMPLES_IN_DOCS and not (ROOT / m.group(0)).is_file():
                named.add(f"{path.relative_to(ROOT)}: {m.group(0)}")
        for m in re.finditer(r"\btests\.((?:\w+\.)*test_\w+)\b", text):
            if not (TESTS / (m.group(1).replace(".", "/") + ".py")).is_file():
                named.add(f"{path.relative_to(ROOT)}: tests.{m.group(1)}")
    assert sorted(named) == []


def test_the_engine_only_runs_name_their_files():
    # scripts/test-py312.sh lists its files; each must exist, or pytest there would stop
    script = (ROOT / "scripts" / "test-py312.sh").read_text(encoding="utf-8")
    paths = re.findall(r"(?<![\w=/'])tests/[\w/.]+", script)
    assert len(paths) >= 5
    assert [p for p in paths if not (ROOT / p).exists()] == []


def test_test_modules_import_each_other_by_their_full_name():
    # pytest puts only the running module's own folder on sys.path, so `from test_x import`
    # of a module in another folder works in the whole run but not when a folder runs alone
    bare = []
    for path in sorted([*TESTS.rglob("*.py"), *(ROOT / "benchmarks").glob("*.py")]):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.match(r"\s*(from|import)\s+test_\w+", line) or re.search(r"__import__\(.test_", line):
                bare.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert bare == [], "write `from tests.<folder>.test_x import ...`"
