// Career Test-Drive — the Web Worker of the teacher page and of "My test-drives"
// (profile.html). Boots Pyodide from this site (never a CDN) like the player's worker,
// then verifies result codes by replaying them in the engine (engine/web/teacher_glue.py),
// builds, exports and imports a student's profile (engine/web/profile_glue.py) and draws
// QR codes (engine/web/glue.py's "qr" op, segno's encoder). Nothing leaves this browser.
let teacherGlue = null;
let playerGlue = null;
let profileGlue = null;
let booting = null;
const PROFILE_OPS = new Set(["profile", "export", "import"]);

async function boot(cfg) {
  const { loadPyodide } = await import(cfg.pyodide + "pyodide.mjs");
  const fetched = (url, what) => fetch(url).then((r) => {
    if (!r.ok) throw new Error(what + " " + r.status);
    return r.arrayBuffer();
  });
  const bundle = fetched(cfg.bundle, "bundle");
  // every released version, so that codes made by any version verify (engine/web/build.py)
  const releases = fetched(cfg.releases, "releases");
  const py = await loadPyodide({
    indexURL: cfg.pyodide,
    packageBaseUrl: cfg.pyodide,
    stdLibURL: cfg.pyodide + "python_stdlib.zip",
    lockFileURL: cfg.pyodide + "pyodide-lock.json",
    fullStdLib: false,
    stdout: () => {},
    stderr: (s) => console.warn(s),
  });
  py.unpackArchive(await bundle, "zip", { extractDir: "/home/pyodide/app" });
  py.unpackArchive(await releases, "zip", { extractDir: "/home/pyodide/app" });
  py.runPython("import sys; sys.path.insert(0, '/home/pyodide/app')");
  teacherGlue = py.pyimport("engine.web.teacher_glue");
  playerGlue = py.pyimport("engine.web.glue");
  profileGlue = py.pyimport("engine.web.profile_glue");
  teacherGlue.handle(JSON.stringify({ op: "ping" }));
}

onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "boot") {
    booting = booting || boot(msg.config);
    try {
      await booting;
      postMessage({ type: "ready" });
    } catch (err) {
      postMessage({ type: "failed", message: String((err && err.message) || err) });
    }
    return;
  }
  if (msg.type === "call") {
    let reply;
    try {
      await booting;
      const op = msg.request.op;
      const glue = op === "qr" ? playerGlue : PROFILE_OPS.has(op) ? profileGlue : teacherGlue;
      reply = JSON.parse(glue.handle(JSON.stringify(msg.request)));
    } catch (err) {
      reply = { ok: false, error: "internal", message: String((err && err.message) || err) };
    }
    postMessage({ type: "reply", id: msg.id, reply });
  }
};
