// Bangkom service worker (issue 22), served from /sw.js by bangkom.pegawai.luring so that its scope
// covers every page. Keeps the shell (CSS/JS) and, network first, the pages the signed-in person
// opens, so they open without a signal; sends the entries waiting in IndexedDB (luring.js) when
// the browser has Background Sync. Sign-out erases all of it (Clear-Site-Data and luring.js).
"use strict";
var CANGKANG = {{ cangkang|safe }};
var C_CANGKANG = "bangkom-cangkang-{{ versi }}", C_HALAMAN = "bangkom-halaman", MAKS_HALAMAN = 30;
// Never kept: sign-in/out and password pages, admin, public verification, downloads and exports.
var JANGAN = /^\/(masuk|keluar|lupa-sandi|atur-sandi|admin|verifikasi|healthz|readyz)\b|ekspor|unduh|pdf|cetak|lembar/;

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(C_CANGKANG).then(function (c) { return c.addAll(CANGKANG); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (ks) {
    return Promise.all(ks.filter(function (k) { return k.indexOf("bangkom-cangkang-") === 0 && k !== C_CANGKANG; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function simpanHalaman(req, res) {
  return caches.open(C_HALAMAN).then(function (c) {
    return c.put(req, res).then(function () { return c.keys(); }).then(function (ks) {
      return Promise.all(ks.slice(0, Math.max(0, ks.length - MAKS_HALAMAN)).map(function (k) { return c.delete(k); }));
    });
  });
}

var TANPA_SINYAL = "<!doctype html><html lang=id><meta charset=utf-8><meta name=viewport content='width=device-width'>" +
  "<title>Tidak ada sinyal · Bangkom</title><main style='font-family:sans-serif;padding:1rem'><h1>Tidak ada sinyal</h1>" +
  "<p>Halaman ini belum tersimpan di perangkat. Coba lagi saat sinyal kembali.</p><p><a href='/'>Beranda</a></p></main>";

self.addEventListener("fetch", function (e) {
  var r = e.request, u = new URL(r.url);
  if (r.method !== "GET" || u.origin !== self.location.origin) return;
  if (u.pathname.indexOf("/static/") === 0) {
    e.respondWith(caches.match(r).then(function (c) { return c || fetch(r); }));
    return;
  }
  if (r.mode !== "navigate" || JANGAN.test(u.pathname + u.search)) return;
  e.respondWith(fetch(r).then(function (res) {
    var jenis = res.headers.get("Content-Type") || "", cc = res.headers.get("Cache-Control") || "";
    if (res.ok && !res.redirected && jenis.indexOf("text/html") === 0 && cc.indexOf("no-store") < 0) {
      e.waitUntil(simpanHalaman(r, res.clone()));
    }
    return res;
  }, function () {
    return caches.match(r, {cacheName: C_HALAMAN, ignoreSearch: true}).then(function (c) {
      return c || new Response(TANPA_SINYAL, {status: 503, headers: {"Content-Type": "text/html; charset=utf-8"}});
    });
  }));
});

// Background Sync: send what waits. Only a clear success removes an entry; anything else stays for
// the page (luring.js), which reads the server's answer and shows a refusal with its reason. A
// replay is harmless: the server records an entry once per client id.
function antrean() {
  return new Promise(function (ok, gagal) {
    var q = indexedDB.open("bangkom-luring", 1);
    q.onupgradeneeded = function () { q.result.createObjectStore("antrean", {keyPath: "id"}); };
    q.onsuccess = function () { ok(q.result); };
    q.onerror = function () { gagal(q.error); };
  });
}

function kirimSemua() {
  return antrean().then(function (db) {
    return new Promise(function (ok) {
      var q = db.transaction("antrean").objectStore("antrean").getAll();
      q.onsuccess = function () { ok(q.result || []); };
    }).then(function (xs) {
      return Promise.all(xs.filter(function (x) { return x.status === "menunggu"; }).map(function (x) {
        var body = new URLSearchParams(x.data);
        body.set("csrfmiddlewaretoken", x.token);
        return fetch(x.url, {method: "POST", body: body, credentials: "same-origin"}).then(function (res) {
          return res.text().then(function (html) {
            if (res.ok && res.redirected && html.indexOf("alert-success") > 0 && html.indexOf("alert-danger") < 0) {
              db.transaction("antrean", "readwrite").objectStore("antrean").delete(x.id);
            }
          });
        }, function () {});
      }));
    }).then(function () {
      return self.clients.matchAll().then(function (cs) { cs.forEach(function (c) { c.postMessage("antrean"); }); });
    });
  });
}

self.addEventListener("sync", function (e) {
  if (e.tag !== "bangkom-antrean") return;
  e.waitUntil(navigator.locks ? navigator.locks.request("bangkom-antrean", kirimSemua) : kirimSemua());
});
