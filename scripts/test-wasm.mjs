// `make test-wasm`: run the engine's own pytest suite inside Pyodide (CPython compiled to
// WebAssembly) under Node — proof that the core runs in the browser's Python.
//
//   node scripts/test-wasm.mjs [pytest args...]
//
// Everything comes from this machine: Pyodide from node_modules/pyodide (packageBaseUrl
// points there too, so nothing falls back to a CDN), pytest and friends from the wheels
// that scripts/setup-test.d/web.sh downloaded into node_modules/.cache/wasm-wheels, and
// PyYAML's pure-Python files from the virtualenv. The repository is mounted read-write at
// /repo (no bytecode or cache files are written into it).
//
// Default tests: tests/engine/test_{engine,expressions,saves,loader,compile,hostile}*.py,
// tests/content/test_catalogue*.py, tests/kinds/test_*.py and tests/engine/test_layers.py,
// minus any file that needs pygame, a browser or subprocesses.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PYODIDE = path.join(ROOT, "node_modules", "pyodide") + "/";
const WHEELS = path.join(ROOT, "node_modules", ".cache", "wasm-wheels");
// the engine's own tests, by folder of tests/ (the folders are the subsystems)
const PATTERNS = {
  engine: [/^test_engine.*\.py$/, /^test_expressions.*\.py$/, /^test_saves.*\.py$/,
    /^test_loader.*\.py$/, /^test_compile.*\.py$/, /^test_hostile.*\.py$/],
  content: [/^test_catalogue.*\.py$/],
};
const NEEDS_HOST = /\b(import|from)\s+(pygame|playwright|webtools|subprocess)\b|engine\.desktop|sys\.executable/;

function fail(message) {
  console.error(`test-wasm: ${message}`);
  process.exit(2);
}

if (!existsSync(PYODIDE + "pyodide.mjs")) fail("node_modules/pyodide is missing: run `npm ci`");
if (!existsSync(WHEELS)) fail(`${WHEELS} is missing: run scripts/setup-test.d/web.sh`);
const wheels = readdirSync(WHEELS).filter((f) => f.endsWith(".whl"));
for (const need of ["pytest", "pluggy", "iniconfig", "packaging", "pygments"]) {
  if (!wheels.some((w) => w.toLowerCase().startsWith(need + "-"))) fail(`no ${need} wheel in ${WHEELS}`);
}
const venvYaml = readdirSync(path.join(ROOT, ".venv", "lib"))
  .map((d) => path.join(ROOT, ".venv", "lib", d, "site-packages", "yaml"))
  .find((d) => existsSync(d));
if (!venvYaml) fail("PyYAML not found in .venv (make setup-test)");

let args = process.argv.slice(2);
const skipped = [];
if (!args.length) {
  const files = Object.entries(PATTERNS).flatMap(([dir, patterns]) => readdirSync(path.join(ROOT, "tests", dir))
    .filter((f) => patterns.some((p) => p.test(f))).map((f) => `${dir}/${f}`)).sort();
  for (const f of files) {
    const src = readFileSync(path.join(ROOT, "tests", f), "utf8");
    if (NEEDS_HOST.test(src)) skipped.push(f);
    else args.push(`tests/${f}`);
  }
  // one test file per activity kind (tests/kinds/), and the layer test
  for (const f of readdirSync(path.join(ROOT, "tests", "kinds")).filter((f) => /^test_.*\.py$/.test(f)).sort()) {
    const src = readFileSync(path.join(ROOT, "tests", "kinds", f), "utf8");
    if (NEEDS_HOST.test(src)) skipped.push(`kinds/${f}`);
    else args.push(`tests/kinds/${f}`);
  }
  args.push("tests/engine/test_layers.py");
  if (!args.length) fail("no engine tests found under tests/");
  args = ["-q", ...args];
}

const { loadPyodide } = await import(PYODIDE + "pyodide.mjs");
const started = Date.now();
const py = await loadPyodide({ indexURL: PYODIDE, packageBaseUrl: PYODIDE });
py.setStdout({ write: (buf) => { process.stdout.write(buf); return buf.length; } });
py.setStderr({ write: (buf) => { process.stderr.write(buf); return buf.length; } });

const site = py.runPython("import sysconfig; sysconfig.get_path('purelib')");
for (const w of wheels) {
  py.unpackArchive(new Uint8Array(readFileSync(path.join(WHEELS, w))), "wheel", { extractDir: site });
}
py.FS.mkdirTree(site + "/yaml");
for (const f of readdirSync(venvYaml).filter((f) => f.endsWith(".py"))) {
  py.FS.writeFile(`${site}/yaml/${f}`, new Uint8Array(readFileSync(path.join(venvYaml, f))));
}
py.FS.mkdirTree("/repo");
py.mountNodeFS("/repo", ROOT);

console.log(`test-wasm: Pyodide ${py.version} (Python ${py.runPython("import sys; sys.version.split()[0]")}), ` +
  `booted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`test-wasm: ${args.filter((a) => a.startsWith("tests/")).join(" ")}`);
if (skipped.length) console.log(`test-wasm: not run here (need the host): ${skipped.join(", ")}`);
py.globals.set("pytest_args", py.toPy(["-p", "no:cacheprovider", ...args]));
const code = await py.runPythonAsync(`
import os, sys
sys.dont_write_bytecode = True
os.chdir("/repo")
sys.path.insert(0, "/repo")
sys.path.insert(0, "/repo/scripts/wasm")
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", "/tmp/hypothesis")
import pytest
int(pytest.main(list(pytest_args)))
`);
process.exit(code);
