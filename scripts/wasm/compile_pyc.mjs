// Byte-compile Python sources with Pyodide's own Python (its .pyc magic number is not
// the host's). Reads {"name.py": "source", ...} as JSON on stdin, writes
// {"name.pyc": "<base64>", ...} on stdout. Usage: node compile_pyc.mjs <pyodide dir>
import { readFileSync } from "node:fs";
import path from "node:path";

const dir = path.resolve(process.argv[2] || "node_modules/pyodide") + "/";
const { loadPyodide } = await import(path.join(dir, "pyodide.mjs"));
const sources = JSON.parse(readFileSync(0, "utf8"));
const py = await loadPyodide({ indexURL: dir, packageBaseUrl: dir, stdout: () => {}, stderr: (s) => process.stderr.write(s + "\n") });
py.globals.set("sources_json", JSON.stringify(sources));
const out = py.runPython(`
import base64, json, os, py_compile
out = {}
for name, text in json.loads(sources_json).items():
    src = "/tmp/pyc/" + name
    os.makedirs(os.path.dirname(src), exist_ok=True)
    with open(src, "w", encoding="utf-8") as f:
        f.write(text)
    dst = src + "c"
    py_compile.compile(src, cfile=dst, dfile=name, doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    with open(dst, "rb") as f:
        out[name + "c"] = base64.b64encode(f.read()).decode()
json.dumps(out)
`);
process.stdout.write(out);
