"""The steps of `testdrive build web` (engine/web/build.py runs them in order), one job each:
common (paths, hashes, escaping), content (the simulations, their catalogue and art),
bundle (the engine and simulations zip), runtime (Pyodide, its slimmer standard library),
assets (fonts, CSS, workers, the ES modules by content hash), pages (the HTML pages),
offline (the web app manifest and the service worker) and compress (the .gz copies)."""
