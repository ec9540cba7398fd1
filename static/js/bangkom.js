// Small progressive enhancements; every page works without them.
document.addEventListener("click", function (e) {
  var el = e.target.closest("[data-pilih-semua]");
  if (!el) return;
  document.querySelectorAll(el.getAttribute("data-pilih-semua")).forEach(function (c) { c.checked = el.checked; });
});
// Prevent double submits: a form disables its submit buttons once sent.
document.addEventListener("submit", function (e) {
  var f = e.target;
  if (f.dataset.terkirim) { e.preventDefault(); return; }
  f.dataset.terkirim = "1";
  setTimeout(function () { f.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; }); }, 0);
});
