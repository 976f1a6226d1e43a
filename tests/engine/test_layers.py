"""The engine's layers point one way.

Every module of the package has a layer below; a module may import its own layer or any
layer below it, never one above. Imports are read from the source with `ast` (those inside
functions too: a deferred import is still a dependency), so the test also finds import
cycles and private names (`_name`) one module takes from another.

The order, lowest first: core (model, text, diagnostics, yamlsafe, expressions, rng,
errors) ← catalogue (content/: careers, skills, UI words; the loader checks career and
skill ids against it, the session shows a career at the ending) ← spec (the format
declared once) ← kinds (each declares its fields with the spec's types; the loader hands
each its builder) ← format (loader, checks, schema, compile) ← play (session, saves, the
view contract) ← tools ← cli and players.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "engine"

LAYERS = ("core", "catalogue", "spec", "kinds", "format", "play", "tools", "front")
RANK = {name: n for n, name in enumerate(LAYERS)}

#: module -> layer; a new module must be placed here (a test says so)
LAYER_OF = {
    # core: depends on nothing else in the project
    "engine.errors": "core", "engine.text": "core", "engine.rng": "core", "engine.model": "core",
    "engine.diagnostics": "core", "engine.yamlsafe": "core", "engine.expressions": "core",
    "engine.kiosk_pin": "core",
    "engine.catalogue": "catalogue",
    "engine.spec": "spec",
    # format: author YAML -> model, and what is generated from the format
    "engine.bounds": "format", "engine.contentfiles": "format", "engine.tagging": "format", "engine.teacher": "format", "engine.loader": "format", "engine.compile": "format",
    "engine.schema": "format", "engine.files": "format",
    # play: a session, its view and its saves
    "engine.saves": "play", "engine.resultcode": "play", "engine.session": "play", "engine.view": "play", "engine.viewschema": "play",
    "engine": "play",  # the package's public API (engine/__init__.py)
    # tools: read simulations and play them
    "engine.readability": "tools", "engine.explore": "tools", "engine.stats": "tools",
    "engine.mapgraph": "tools", "engine.releases": "tools", "engine.results": "tools",
    "engine.verify": "tools", "engine.guides": "tools", "engine.lists": "tools", "engine.schema_command": "tools", "engine.scaffold": "tools",
    "engine.scripts": "tools", "engine.profile": "tools",
    # the command line and the players
    "engine.cli": "front", "engine.explore_command": "front", "engine.preview": "front", "engine.textplayer": "front",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


PACKAGES = {"engine.kinds": "kinds", "engine.loading": "format", "engine.web": "front", "engine.desktop": "front"}


def layer_of(module: str) -> str | None:
    """The layer of a module: its own entry, else its subpackage's (engine.kinds.order -> kinds)."""
    if module in LAYER_OF:
        return LAYER_OF[module]
    return next((layer for pkg, layer in PACKAGES.items() if module.startswith(pkg + ".") or module == pkg),
                None)


def modules() -> dict:
    return {module_name(p): p for p in sorted(ENGINE.rglob("*.py"))}


def resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[:len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(module: str, path: Path, known: dict) -> list:
    """(imported module, names taken, line) for every import of a project module."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, (), node.lineno) for a in node.names if a.name.split(".")[0] == "engine"]
        elif isinstance(node, ast.ImportFrom):
            target = resolve(module, path, node)
            if target.split(".")[0] != "engine":
                continue
            names = []
            for alias in node.names:  # `from . import x` imports module x, not a name of the package
                sub = f"{target}.{alias.name}"
                if sub in known:
                    out.append((sub, (), node.lineno))
                else:
                    names.append(alias.name)
            if names:
                out.append((target, tuple(names), node.lineno))
    return out


def graph() -> dict:
    known = modules()
    return {m: imports(m, p, known) for m, p in known.items()}


def test_every_module_has_a_layer():
    unplaced = [m for m in modules() if layer_of(m) is None]
    assert not unplaced, f"put these in LAYER_OF: {unplaced}"


def test_imports_point_down():
    upward = []
    for module, deps in graph().items():
        for target, _names, line in deps:
            if RANK[layer_of(target)] > RANK[layer_of(module)]:
                upward.append(f"{module}:{line} ({layer_of(module)}) imports {target} ({layer_of(target)})")
    assert not upward, "imports pointing up a layer:\n" + "\n".join(upward)


def test_no_import_cycles():
    edges = {m: {t for t, _n, _l in deps if t != m and t != "engine"} for m, deps in graph().items()}
    # `engine` (the package) re-exports the public API; importing a submodule runs it
    # first anyway, so only submodule-to-submodule cycles are real design cycles
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(" -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def test_no_private_name_is_taken_from_another_module():
    taken = []
    known = modules()
    for module, deps in graph().items():
        for target, names, line in deps:
            taken += [f"{module}:{line} takes {target}.{n}" for n in names
                      if n.startswith("_") and not n.startswith("__") and target != module]
    for module, path in known.items():  # module._name through an imported module
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = resolve(module, path, node)
                for a in node.names:
                    if f"{target}.{a.name}" in known:
                        aliases[a.asname or a.name] = f"{target}.{a.name}"
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and node.value.id in aliases and node.attr.startswith("_") and not node.attr.startswith("__"):
                taken.append(f"{module}:{node.lineno} takes {aliases[node.value.id]}.{node.attr}")
    assert not taken, "private names used across modules:\n" + "\n".join(taken)


def test_the_checker_sees_an_upward_import(tmp_path):
    """The walker itself: a relative import from a core module into play is found."""
    fake = ENGINE / "rng.py"
    tree_imports = imports("engine.rng", fake, modules())
    assert all(layer_of(t) == "core" for t, _n, _l in tree_imports)
    src = tmp_path / "engine" / "model.py"
    src.parent.mkdir()
    src.write_text("def f():\n    from .session import Session\n    from . import saves\n", encoding="utf-8")
    node_imports = [t for t, _n, _l in imports("engine.model",
                                               src, {"engine.saves": None, "engine.session": None})]
    assert node_imports == ["engine.session", "engine.saves"]
    assert RANK[layer_of("engine.session")] > RANK[layer_of("engine.model")]
