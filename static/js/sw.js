// The service worker: keeps the app's shell, and the pages the server lets a device keep
// for the learner signed in, to show them when there is no connection.
//
// Served at /sw.js (scope: the whole site) by safetyquiz/offline.py, which puts its
// settings before this file as self.CONFIG: the version, the shell's addresses, the offline
// page, the sign-out address and the two headers it reads.
//
// Whose pages: every page sent to someone signed in names them (the learner header). The
// pages kept are one learner's, in a cache of their own; a page that names someone else, or
// no one (after a sign-out, another sign-in, a session that ended), drops them all, and so
// does a sign-out tried while offline. A page is kept only when the server says it may be
// (the keep header): the learner's modules, a briefing, an open attempt's question; never a
// result, a review or feedback. Answers given offline are the page's business
// (static/js/offline.js), kept in IndexedDB, never here.
"use strict";

const CONFIG = self.CONFIG;
const SHELL = "shell-" + CONFIG.version;
const PAGES = "pages-";
const SHELL_PATHS = new Set(CONFIG.shell);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(CONFIG.shell))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("shell-") && name !== SHELL) {
          await caches.delete(name);
        }
      }
      await self.clients.claim();
      // The pages already kept name the old shell's files: fetch them again.
      await keep(await keptAddresses(), true);
    })()
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(navigate(event));
  } else if (request.method === "GET" && SHELL_PATHS.has(url.pathname)) {
    event.respondWith(
      caches.match(request, { cacheName: SHELL }).then((hit) => hit || fetch(request))
    );
  }
});

// The page asks: keep these pages (the briefings of required modules, an attempt just
// started), forget these (an attempt finished), or drop every page (signed out).
self.addEventListener("message", (event) => {
  const data = event.data || {};
  const reply = (value) => event.ports[0] && event.ports[0].postMessage(value);
  let work = Promise.resolve(false);
  if (data.type === "keep" && Array.isArray(data.urls)) {
    work = keep(data.urls, Boolean(data.refresh));
  } else if (data.type === "forget" && Array.isArray(data.urls)) {
    work = forget(data.urls);
  } else if (data.type === "drop") {
    work = dropPages("").then(() => true);
  }
  event.waitUntil(work.then(reply, () => reply(false)));
});

async function navigate(event) {
  const request = event.request;
  const path = new URL(request.url).pathname;
  if (request.method === "POST" && path === CONFIG.signOut) {
    await dropPages(""); // even if the server cannot be told: nothing of theirs stays here
  }
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const kept = request.method === "GET" ? await keptPage(request.url) : null;
    return kept || (await caches.match(CONFIG.offline, { cacheName: SHELL })) || Response.error();
  }
  event.waitUntil(remember(request.url, response.clone(), request.method === "GET"));
  return response;
}

// What a page from the network says about whose pages stay, and whether to keep it.
async function remember(url, response, storable) {
  const type = response.headers.get("Content-Type") || "";
  if (response.type !== "basic" || response.status >= 500 || !type.startsWith("text/html")) {
    return;
  }
  const learner = response.headers.get(CONFIG.learnerHeader) || "";
  await dropPages(learner);
  if (!learner || !storable) {
    return;
  }
  const cache = await caches.open(PAGES + learner);
  if (response.status === 200 && response.headers.get(CONFIG.keepHeader)) {
    await cache.put(url, response);
  } else {
    await cache.delete(url, { ignoreVary: true }); // no longer a page to keep: a result now
  }
}

async function keep(urls, refresh) {
  for (const address of urls) {
    const url = new URL(address, self.location.origin);
    if (url.origin !== self.location.origin || (!refresh && (await keptPage(url.href)))) {
      continue;
    }
    try {
      const response = await fetch(url.href, { credentials: "same-origin", redirect: "manual" });
      await remember(url.href, response, true);
    } catch (error) {
      // No connection: kept the next time the page is opened online.
    }
  }
  return true;
}

async function forget(urls) {
  for (const name of await pageCaches()) {
    const cache = await caches.open(name);
    for (const address of urls) {
      await cache.delete(new URL(address, self.location.origin).href, { ignoreVary: true });
    }
  }
  return true;
}

async function keptPage(url) {
  for (const name of await pageCaches()) {
    const hit = await (await caches.open(name)).match(url, { ignoreVary: true });
    if (hit) {
      return hit;
    }
  }
  return null;
}

async function keptAddresses() {
  const addresses = [];
  for (const name of await pageCaches()) {
    for (const request of await (await caches.open(name)).keys()) {
      addresses.push(request.url);
    }
  }
  return addresses;
}

async function pageCaches() {
  return (await caches.keys()).filter((name) => name.startsWith(PAGES));
}

// Drop the pages of everyone but ``learner`` (of everyone when it is empty).
async function dropPages(learner) {
  for (const name of await pageCaches()) {
    if (name !== PAGES + learner) {
      await caches.delete(name);
    }
  }
}
