// Working without a signal (issue 22). A session or a self-study log saved offline waits on this
// device (IndexedDB) as "menunggu sinyal" and is sent when the connection returns: Background Sync
// where the browser has it, else on the next page load or the "online" event. Each entry carries a
// client id (the hidden id_klien field), so the server records it once however often it is sent.
// A refusal comes back with its reason and the entry stays, to be edited. Sign-out erases it all.
// Pages work without this file.
(function () {
  "use strict";
  if (!window.indexedDB || !window.fetch || !window.Promise) return;
  var DB = "bangkom-luring", TOKO = "antrean", TAG = "bangkom-antrean";
  var pengguna = document.body.getAttribute("data-pengguna") || "";
  var terkirim = [];

  function buka() {
    return new Promise(function (ok, gagal) {
      var q = indexedDB.open(DB, 1);
      q.onupgradeneeded = function () { q.result.createObjectStore(TOKO, {keyPath: "id"}); };
      q.onsuccess = function () { ok(q.result); };
      q.onerror = function () { gagal(q.error); };
    });
  }
  function toko(mode, fn) {
    return buka().then(function (db) {
      return new Promise(function (ok, gagal) {
        var t = db.transaction(TOKO, mode), q = fn(t.objectStore(TOKO));
        t.oncomplete = function () { db.close(); ok(q && q.result); };
        t.onerror = function () { db.close(); gagal(t.error); };
      });
    });
  }
  function milikku() {
    return toko("readonly", function (s) { return s.getAll(); })
      .then(function (xs) { return (xs || []).filter(function (x) { return x.pengguna === pengguna; }); });
  }
  function simpan(x) { return toko("readwrite", function (s) { s.put(x); }); }
  function hapus(id) { return toko("readwrite", function (s) { s.delete(id); }); }
  function bersihkan() {
    var tugas = [new Promise(function (ok) {
      var q = indexedDB.deleteDatabase(DB);
      q.onsuccess = q.onerror = q.onblocked = ok;
    })];
    if (window.caches) tugas.push(caches.keys().then(function (ks) { return Promise.all(ks.map(function (k) { return caches.delete(k); })); }));
    return Promise.all(tugas);
  }
  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16)), h = "";
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    b.forEach(function (x) { h += (x + 256).toString(16).slice(1); });
    return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join("-");
  }
  function el(tag, kelas, teks) {
    var e = document.createElement(tag);
    if (kelas) e.className = kelas;
    if (teks) e.textContent = teks;
    return e;
  }
  function nilai(x, nama) {
    var p = x.data.filter(function (d) { return d[0] === nama; })[0];
    return p ? p[1] : "";
  }
  function ringkas(x) {
    var jam = nilai(x, "mulai") ? ", " + nilai(x, "mulai") + "–" + nilai(x, "selesai") : "";
    var jp = nilai(x, "jp_belajar") ? ", " + nilai(x, "jp_belajar") + " JP" : (nilai(x, "menit") ? ", " + nilai(x, "menit") + " menit" : "");
    return nilai(x, "tanggal") + jam + jp + ": " + nilai(x, "materi");
  }

  // The list of waiting and refused entries, at the top of every page of the person who made them.
  function tampilkan() {
    return milikku().then(function (xs) {
      var kotak = document.getElementById("antrean-luring"), isi = document.getElementById("isi");
      if (!kotak && isi) {
        kotak = el("section");
        kotak.id = "antrean-luring";
        kotak.setAttribute("aria-label", "Entri di perangkat ini");
        kotak.setAttribute("aria-live", "polite");
        isi.insertBefore(kotak, isi.firstChild);
      }
      if (!kotak) return;
      kotak.textContent = "";
      terkirim.forEach(function (t) { kotak.appendChild(el("div", "alert alert-success", "Terkirim: " + t)); });
      xs.forEach(function (x) {
        var ditolak = x.status === "ditolak";
        var d = el("div", "alert " + (ditolak ? "alert-danger" : "alert-warning"));
        d.appendChild(el("strong", "", ditolak ? "Ditolak server" : "Menunggu sinyal"));
        d.appendChild(document.createTextNode(" · " + x.judul));
        d.appendChild(el("div", "", ringkas(x)));
        if (ditolak) {
          d.appendChild(el("div", "", "Alasan: " + x.alasan));
          var a = el("a", "btn btn-sm btn-outline-danger mt-2 me-2", "Sunting dan kirim lagi");
          a.href = x.url + "?luring=" + encodeURIComponent(x.id);
          d.appendChild(a);
          var b = el("button", "btn btn-sm btn-link mt-2", "Buang entri ini");
          b.type = "button";
          b.addEventListener("click", function () { hapus(x.id).then(tampilkan); });
          d.appendChild(b);
        }
        kotak.appendChild(d);
      });
      if (xs.some(function (x) { return x.status === "menunggu"; })) {
        kotak.appendChild(el("p", "small", "Entri yang menunggu sinyal dikirim otomatis saat perangkat tersambung. " +
          "Jangan keluar dari aplikasi sebelum terkirim: keluar menghapus entri di perangkat ini."));
      }
    }).catch(function () {});
  }

  // Send what waits, one at a time; the Web Lock keeps this page and the service worker from
  // sending the same entry at once. The answer decides: a success page removes the entry, a form
  // with errors or an error message keeps it as refused with the reason, a network failure waits.
  function kirimSatu(x) {
    var body = new URLSearchParams(x.data), t = document.querySelector("input[name=csrfmiddlewaretoken]");
    body.set("csrfmiddlewaretoken", t ? t.value : x.token);
    return fetch(x.url, {method: "POST", body: body, credentials: "same-origin"}).then(function (res) {
      if (res.status >= 500 || /\/masuk\//.test(res.url)) return null;
      return res.text().then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html"), isi = doc.getElementById("isi") || doc.body;
        var ok = isi.querySelector(".alert-success");
        if (res.ok && res.redirected && ok && !isi.querySelector(".alert-danger")) {
          terkirim.push(x.judul + " (" + ringkas(x) + "). " + ok.textContent.trim());
          return hapus(x.id);
        }
        var alasan = [];
        isi.querySelectorAll(".alert-danger, .invalid-feedback, .errorlist li").forEach(function (e) {
          var s = e.textContent.replace(/\s+/g, " ").trim();
          if (s && alasan.indexOf(s) < 0) alasan.push(s);
        });
        var utama = !res.ok && isi.querySelector("main p");
        if (!alasan.length && utama) alasan.push(utama.textContent.trim());
        x.status = "ditolak";
        x.alasan = alasan.join(" ") || "Server menolak entri ini (kode " + res.status + ").";
        return simpan(x);
      });
    }, function () { return null; });
  }
  function kirim() {
    if (!navigator.onLine || !pengguna) return tampilkan();
    var kerja = function () {
      return milikku().then(function (xs) {
        return xs.filter(function (x) { return x.status === "menunggu"; })
          .reduce(function (p, x) { return p.then(function () { return kirimSatu(x); }); }, Promise.resolve());
      });
    };
    return (navigator.locks ? navigator.locks.request(TAG, kerja) : kerja()).catch(function () {}).then(tampilkan);
  }

  function isiDari(form, x) {
    x.data.forEach(function (p) {
      var f = form.elements[p[0]];
      if (!f || p[0] === "aksi") return;
      if (!f.tagName || f.type === "checkbox" || f.type === "radio") {
        (f.tagName ? [f] : Array.prototype.slice.call(f)).forEach(function (c) { if (c.value === p[1]) c.checked = true; });
      } else {
        f.value = p[1];
      }
    });
    pesanForm(form, "Entri dari perangkat ini ditolak server. Alasan: " + x.alasan + " Perbaiki isinya lalu simpan lagi.");
  }
  function pesanForm(form, teks) {
    var pesan = document.getElementById("pesan-luring") || el("div", "alert alert-danger");
    pesan.id = "pesan-luring";
    pesan.setAttribute("role", "alert");
    pesan.textContent = teks;
    form.parentNode.insertBefore(pesan, form);
  }

  var form = document.querySelector("form[data-luring]");
  if (form && form.elements.id_klien) {
    var idk = form.elements.id_klien, dari = new URLSearchParams(location.search).get("luring");
    if (!idk.value) idk.value = uuid();
    if (dari) {
      milikku().then(function (xs) {
        var x = xs.filter(function (y) { return y.id === dari; })[0];
        if (x) isiDari(form, x);
      });
    }
    form.addEventListener("submit", function (e) {
      var aksi = e.submitter && e.submitter.name === "aksi" ? e.submitter.value : "simpan";
      if (navigator.onLine) {
        if (aksi === "simpan" && dari) hapus(dari);
        return;
      }
      e.preventDefault();
      e.stopImmediatePropagation();
      if (aksi !== "simpan") {
        pesanForm(form, "Periksa JP memerlukan sinyal. Tekan Simpan untuk menyimpan entri di perangkat; entri dikirim saat sinyal kembali.");
        return;
      }
      var data = [];
      new FormData(form).forEach(function (v, k) { if (k !== "csrfmiddlewaretoken" && typeof v === "string") data.push([k, v]); });
      data.push(["aksi", "simpan"]);
      var h1 = document.querySelector("h1");
      simpan({
        id: idk.value, pengguna: pengguna, url: location.pathname, judul: h1 ? h1.textContent.trim() : document.title,
        data: data, token: form.elements.csrfmiddlewaretoken.value, waktu: new Date().toISOString(), status: "menunggu"
      }).then(function () {
        if (navigator.serviceWorker && window.SyncManager) {
          navigator.serviceWorker.ready.then(function (r) { return r.sync.register(TAG); }).catch(function () {});
        }
        form.reset();
        idk.value = uuid();
        if (dari) history.replaceState(null, "", location.pathname);
        return tampilkan();
      }).then(function () { window.scrollTo(0, 0); });
    }, true);
  }

  // Sign-out: erase the queue and the cached pages before leaving (the server also sends
  // Clear-Site-Data); an anonymous page drops any cached page left behind.
  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (!/\/keluar\/$/.test(f.getAttribute("action") || "")) return;
    e.preventDefault();
    Promise.race([bersihkan(), new Promise(function (ok) { setTimeout(ok, 1500); })]).then(function () { f.submit(); });
  }, true);
  if (!pengguna && window.caches) caches.delete("bangkom-halaman");

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(function () {});
    navigator.serviceWorker.addEventListener("message", function (e) { if (e.data === "antrean") tampilkan(); });
  }
  window.addEventListener("online", kirim);
  kirim();
})();
