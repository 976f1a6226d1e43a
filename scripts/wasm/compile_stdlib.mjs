// Byte-compile a Python standard-library zip with Pyodide's own Python, for the web build.
// Usage: node compile_stdlib.mjs <pyodide dir> <in.zip> <out.zip> [<bundle.zip> <sim id> [<drop.json>]]
// The modules Python imports while it boots, unpacks the bundle, imports the engine and
// opens a session of <sim id> are replaced by sourceless .pyc (unchecked hash: never
// recompiled; docstrings and asserts stripped), so the browser does not compile them at
// every start; the rest stay .py (smaller to download), except that modules under the
// prefixes listed in <drop.json> that nothing imported are left out. Without a bundle,
// every module is compiled. The output zip is stored (uncompressed): the server gzips it.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [dirArg, inZip, outZip, bundleZip, simId, dropJson] = process.argv.slice(2);
const dir = path.resolve(dirArg) + "/";
const { loadPyodide } = await import(path.join(dir, "pyodide.mjs"));
const py = await loadPyodide({ indexURL: dir, packageBaseUrl: dir, stdout: () => {},
  stderr: (s) => process.stderr.write(s + "\n") });
py.FS.writeFile("/tmp/in.zip", new Uint8Array(readFileSync(inZip)));
let hot = null;
if (bundleZip) {
  py.unpackArchive(new Uint8Array(readFileSync(bundleZip)), "zip", { extractDir: "/home/pyodide/app" });
  py.globals.set("sim_id", simId || "");
  hot = py.runPython(`
import json, sys
sys.path.insert(0, "/home/pyodide/app")
from engine.web import glue
if sim_id:
    glue.handle(json.dumps({"op": "new", "sim": sim_id, "seed": 1}))
# the teacher page's worker: verifying a code replays it (engine.results)
try:
    from engine.web import teacher_glue
    teacher_glue.handle(json.dumps({"op": "releases"}))
    if sim_id:
        teacher_glue.handle(json.dumps({"op": "verify", "pairs": [["", glue._state["session"].result_code()]]}))
except Exception:
    pass
json.dumps(sorted(m for m, mod in list(sys.modules.items())
                  if ".zip/" in (getattr(mod, "__file__", None) or "")))
`);
}
py.globals.set("hot_json", hot);
py.globals.set("drop_json", dropJson ? readFileSync(dropJson, "utf8") : "[]");
py.runPython(`
import importlib.util, json, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc
hot = None if hot_json is None else set(json.loads(hot_json))
drop = tuple(json.loads(drop_json))

def wanted(name):
    if hot is None:
        return True
    mod = name[:-3].replace("/", ".")
    if mod.endswith(".__init__"):
        mod = mod[: -len(".__init__")]
    return mod in hot

with zipfile.ZipFile("/tmp/in.zip") as zin, zipfile.ZipFile("/tmp/out.zip", "w", zipfile.ZIP_STORED) as zout:
    for info in zin.infolist():
        data = zin.read(info)
        name = info.filename
        if hot is not None and name.endswith(".py") and not wanted(name) and name.startswith(drop):
            continue
        if name.endswith(".py") and wanted(name):
            try:
                code = compile(data, name, "exec", dont_inherit=True, optimize=2)
            except SyntaxError:
                code = None
            if code is not None:
                data = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
                name = name + "c"
        zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        zi.external_attr = info.external_attr
        zout.writestr(zi, data)
`);
writeFileSync(outZip, py.FS.readFile("/tmp/out.zip"));
