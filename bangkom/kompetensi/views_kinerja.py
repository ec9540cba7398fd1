"""BPSDM's import of the yearly performance results (predikat kinerja SKP): template download, upload,
preview with every rejected row and whether each row creates or updates, confirm exactly once."""
from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from bangkom.pegawai import akses, impor_alur
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
    return impor_alur.halaman(
        request, jenis=JENIS_IMPOR, form_kelas=ImporKinerjaForm, pratinjau=kinerja_impor.pratinjau,
        impor=kinerja_impor.kinerja_impor, template="kompetensi/kinerja_impor.html",
        pesan=lambda r: f"Impor predikat kinerja selesai: {r['baris']} baris, {r['dibuat']} baru, "
                        f"{r['diperbarui']} diperbarui.",
        konteks=lambda: {"remah": [("Kompetensi", reverse("kompetensi:standar")), ("Impor predikat kinerja", None)]},
    )
