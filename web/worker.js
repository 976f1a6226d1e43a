// Career Test-Drive — the engine's Web Worker. Boots Pyodide from this site (never a
// CDN), unpacks the engine+simulations bundle, then answers the page's requests by
// calling engine/web/glue.py. The page stays responsive while Python boots.
let glue = null;
let booting = null;

function progress(stage, done) {
  postMessage({ type: "progress", stage, done });
}

// A server (an LMS, say) that sends pyodide.asm.wasm without "Content-Type:
// application/wasm" makes instantiateStreaming throw: compile from the bytes instead.
const streaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async (source, imports) => {
  const response = await source;
  const type = (response.headers.get("content-type") || "").split(";")[0].trim();
  if (streaming && type === "application/wasm") return streaming.call(WebAssembly, response, imports);
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
};

async function boot(cfg) {
  progress("runtime", 0.05);
  const { loadPyodide } = await import(cfg.pyodide + "pyodide.mjs");
  progress("runtime", 0.15);
  const bundle = fetch(cfg.bundle).then((r) => {
    if (!r.ok) throw new Error("bundle " + r.status);
    return r.arrayBuffer();
  });
  const py = await loadPyodide({
    indexURL: cfg.pyodide,
    packageBaseUrl: cfg.pyodide,
    stdLibURL: cfg.stdlib || cfg.pyodide + "python_stdlib.zip", // an LMS package names it .bin
    lockFileURL: cfg.pyodide + "pyodide-lock.json",
    fullStdLib: false,
    stdout: () => {},
    stderr: (s) => console.warn(s),
  });
  // Named on the worker's global (a module's own names are out of reach) so that a DevTools
  // session, the kiosk soak (benchmarks/web_kiosk_soak.py), can read Python's memory.
  globalThis.pyodide = py;
  progress("python", 0.8);
  py.unpackArchive(await bundle, "zip", { extractDir: "/home/pyodide/app" });
  progress("engine", 0.9);
  py.runPython("import sys; sys.path.insert(0, '/home/pyodide/app')");
  glue = py.pyimport("engine.web.glue");
  glue.handle(JSON.stringify({ op: "ping" }));
  progress("ready", 1);
}

onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "boot") {
    booting = booting || boot(msg.config);
    try {
      await booting;
      postMessage({ type: "ready" });
    } catch (err) {
      postMessage({ type: "failed", message: String(err && err.message || err) });
    }
    return;
  }
  if (msg.type === "call") {
    let reply;
    try {
      await booting;
      reply = JSON.parse(glue.handle(JSON.stringify(msg.request)));
    } catch (err) {
      reply = { ok: false, error: "internal", message: String(err && err.message || err) };
    }
    postMessage({ type: "reply", id: msg.id, reply });
  }
};
