// Career Test-Drive — service worker: the site works offline after the first visit.
// The build fills VERSION and FILES. Everything in FILES is cached on install; other
// same-origin GETs (art, pages) are cached as they are fetched.
const VERSION = "%%VERSION%%";
const FILES = %%FILES%%;
const CACHE = "ctd-" + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "default" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("ctd-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function isHashed(url) {
  return /(^|[/.-])[0-9a-f]{10,}([/.-]|$)/.test(new URL(url).pathname);
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  // Online, files named by their content hash go straight to the browser's HTTP cache
  // (cached for a year): the browser then also reuses its compiled WebAssembly, which a
  // response passed through a service worker loses. Offline, the cache below serves them.
  if (self.navigator.onLine && isHashed(req.url)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(req, { ignoreSearch: req.mode === "navigate" });
    if (cached && isHashed(req.url)) return cached;
    try {
      const res = await fetch(req);
      if (res.ok && res.type === "basic") cache.put(req, res.clone());
      return res;
    } catch (err) {
      if (cached) return cached;
      throw err;
    }
  })());
});
