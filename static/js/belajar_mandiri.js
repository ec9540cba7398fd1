// Belajar mandiri: keep JP and minutes in step (1 JP = 45 minutes) and a tiny format toolbar for
// resumes. The forms work without this file.
(function () {
  var MENIT_PER_JP = 45;
  var jp = document.getElementById("id_jp_belajar");
  var menit = document.getElementById("id_menit");
  if (jp && menit) {
    jp.addEventListener("input", function () {
      var v = parseFloat(jp.value.replace(",", "."));
      menit.value = isFinite(v) ? Math.round(v * MENIT_PER_JP) : "";
    });
    menit.addEventListener("input", function () {
      var v = parseInt(menit.value, 10);
      jp.value = isFinite(v) ? (Math.round(v / MENIT_PER_JP * 100) / 100).toString() : "";
    });
  }
  var bar = document.querySelector("[data-toolbar-resume]");
  var isi = document.querySelector("[data-editor-resume]");
  if (bar && isi) {
    bar.classList.remove("d-none");
    bar.addEventListener("click", function (e) {
      var b = e.target.closest("[data-bungkus]");
      if (!b) return;
      var tag = b.getAttribute("data-bungkus");
      var a = isi.selectionStart, z = isi.selectionEnd, teks = isi.value.slice(a, z) || "teks";
      var baru = tag === "li" ? "<ul><li>" + teks + "</li></ul>" : "<" + tag + ">" + teks + "</" + tag + ">";
      isi.setRangeText(baru, a, z, "end");
      isi.focus();
    });
  }
})();
