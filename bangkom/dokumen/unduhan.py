"""The HTTP answer that hands an issued activity sheet's PDF over, the same for the web page and the
API: its file name, and its verification code in a header so a client can cite the sheet without
opening it."""
from __future__ import annotations

from django.http import Http404, HttpResponse

from . import lembar, pengesahan
from .models import LembarTerbit


def lembar_pdf(terbit: LembarTerbit, pdf: bytes) -> HttpResponse:
    resp = HttpResponse(pdf, content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="{lembar.nama_berkas(terbit)}"'
    resp["X-Kode-Verifikasi"] = terbit.kode
    return resp


def lembar_tersimpan(terbit: LembarTerbit) -> HttpResponse:
    """The latest stored version (countersigned once the kepala signed); 404 when the sheet was never
    stored (only sheets that wait for or carry a countersignature are)."""
    pdf = pengesahan.pdf_terbaru(terbit)
    if pdf is None:
        raise Http404("PDF lembar ini tidak disimpan; terbitkan lembar baru dari halaman pegawai.")
    return lembar_pdf(terbit, pdf)
