"""BPSDM's import of the yearly performance results (predikat kinerja SKP): template download, upload,
preview with every rejected row and whether each row creates or updates, confirm exactly once."""
from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from bangkom.pegawai import akses, impor_alur
from bangkom.pegawai.models import RiwayatImpor
from bangkom.pegawai.views import XLSX

from . import kinerja_impor
from .forms import ImporKinerjaForm

JENIS_IMPOR = "kinerja"


@require_GET
def kinerja_templat(request):
    akses.wajib_bpsdm(request.user)
    resp = HttpResponse(kinerja_impor.templat_xlsx(), content_type=XLSX)
    resp["Content-Disposition"] = 'attachment; filename="templat-predikat-kinerja.xlsx"'
    return resp


@require_http_methods(["GET", "POST"])
def kinerja_impor_view(request):
    akses.wajib_bpsdm(request.user)
    if request.method == "POST" and "token" in request.POST:
        ringkas = impor_alur.konfirmasi(request, jenis=JENIS_IMPOR, impor=kinerja_impor.kinerja_impor)
        if ringkas is None:
            return redirect("kompetensi:kinerja-impor")
        messages.success(request, f"Impor predikat kinerja selesai: {ringkas['baris']} baris, {ringkas['dibuat']} "
                                  f"baru, {ringkas['diperbarui']} diperbarui.")
        return redirect("kompetensi:kinerja-impor")
    form, langkah = impor_alur.unggahan(request, ImporKinerjaForm, kinerja_impor.pratinjau)
    return render(request, "kompetensi/kinerja_impor.html", {
        "form": form, **langkah.konteks(),
        "riwayat": RiwayatImpor.objects.filter(jenis=JENIS_IMPOR).select_related("oleh")[:10],
        "remah": [("Kompetensi", reverse("kompetensi:standar")), ("Impor predikat kinerja", None)],
    })
