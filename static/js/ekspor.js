// Progress of a background export (activity-sheet ZIP or compliance report): polls the JSON status endpoint until it finishes.
(function () {
  var root = document.querySelector("[data-status-url]");
  if (!root) return;
  var url = root.getAttribute("data-status-url");
  var satuan = root.getAttribute("data-satuan") || "lembar";
  function el(name) { return root.querySelector('[data-ekspor="' + name + '"]'); }
  function tampil(name, on) { var e = el(name); if (e) e.classList.toggle("d-none", !on); }
  function perbarui(d) {
    el("label").textContent = d.label;
    el("jumlah").textContent = d.selesai_n + " dari " + d.total + " " + satuan;
    var bar = el("bar");
    bar.style.width = d.persen + "%";
    bar.textContent = d.persen + "%";
    el("progress").setAttribute("aria-valuenow", d.persen);
    var jalan = d.status === "menunggu" || d.status === "berjalan";
    bar.classList.toggle("progress-bar-striped", jalan);
    bar.classList.toggle("progress-bar-animated", jalan);
    if (d.catatan) { el("catatan").textContent = d.catatan; }
    tampil("catatan", !!d.catatan);
    el("gagal-teks").textContent = d.jumlah_gagal + " lembar gagal dibuat";
    tampil("gagal", d.jumlah_gagal > 0);
    el("galat-teks").textContent = d.galat;
    tampil("galat", d.status === "gagal");
    if (d.unduh) { el("unduh").setAttribute("href", d.unduh); }
    tampil("unduh", !!d.unduh);
    root.setAttribute("data-status", d.status);
    return jalan;
  }
  function tanya() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (d) { if (perbarui(d)) setTimeout(tanya, 1500); })
      .catch(function () { setTimeout(tanya, 5000); });
  }
  var awal = root.getAttribute("data-status");
  if (awal === "menunggu" || awal === "berjalan") setTimeout(tanya, 1000);
})();
