"""Pages of issue 20's planning and evaluation: the OPD's IKU (list, add, edit; kepala: own OPD,
Pengelola BPSDM: any OPD) and the yearly needs analysis (AKPK) with its Excel and PDF downloads,
built by the same builder as `manage.py analisis_kebutuhan`. Thin: access through
`bangkom.pegawai.akses`, reads and writes through `iku` and `akpk`."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from bangkom.lib.formulir import tempel_galat
from bangkom.pegawai import akses
from bangkom.pegawai.views import XLSX

from . import akpk, iku
from .forms import IKUForm
from .models import IndikatorKinerjaUtama
from .views import PER_HALAMAN, _opd_laporan, _q, _tahun

JENIS_BERKAS = {"xlsx": XLSX, "pdf": "application/pdf"}


def _tahun_pilihan() -> range:
    sekarang = timezone.localdate().year
    return range(sekarang + 1, sekarang - 5, -1)


# --- IKU ----------------------------------------------------------------------------------------
@require_GET
def iku_daftar(request):
    akses.wajib_laporan(request.user)
    opd_qs = akses.opd_terlihat(request.user)
    opd = akses.opd_laporan_atau_404(request.user, request.GET["opd"]) if request.GET.get("opd") else None
    tahun, q = _tahun(request), _q(request)
    halaman = Paginator(iku.iku_daftar(opd_qs=opd_qs, tahun=tahun, opd=opd, q=q), PER_HALAMAN).get_page(
        request.GET.get("page"))
    pilih = {"tahun": tahun, **({"opd": opd.pk} if opd else {})}
    return render(request, "kompetensi/iku_daftar.html", {
        "halaman": halaman, "q": q, "tahun": tahun, "opd": opd, "daftar_opd": opd_qs.order_by("nama"),
        "tahun_pilihan": _tahun_pilihan(), "param_tambahan": urlencode(pilih) + "&",
        "url_tambah": reverse("kompetensi:iku-tambah") + "?" + urlencode(pilih),
        "remah": [("Indikator Kinerja Utama (IKU)", None)],
    })


@require_http_methods(["GET", "POST"])
def iku_ubah(request, pk=None):
    akses.wajib_laporan(request.user)
    opd_qs = akses.opd_terlihat(request.user).order_by("nama")
    objek = akses.objek_atau_404(IndikatorKinerjaUtama.objects.filter(opd__in=opd_qs), pk, "IKU tidak ditemukan.") \
        if pk else None
    if objek is not None:
        awal = {"opd": objek.opd_id, "tahun": objek.tahun, "kode": objek.kode, "nama": objek.nama}
    else:
        awal = {"tahun": _tahun(request), "opd": request.GET.get("opd") or getattr(opd_qs.first(), "pk", None)}
    form = IKUForm(request.POST or None, opd_qs=opd_qs, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            hasil = iku.iku_simpan(iku=objek, **form.cleaned_data)
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            n = IndikatorKinerjaUtama.objects.filter(opd=hasil.opd, tahun=hasil.tahun).count()
            messages.success(request, f"IKU {hasil.kode} disimpan. {hasil.opd.nama} kini memiliki {n} IKU "
                                      f"tahun {hasil.tahun}.")
            return redirect(reverse("kompetensi:iku") + "?" + urlencode({"tahun": hasil.tahun, "opd": hasil.opd_id}))
    judul = f"Ubah IKU {objek.kode}" if objek else "Tambah IKU"
    return render(request, "kompetensi/iku_form.html", {
        "form": form, "objek": objek, "judul": judul,
        "remah": [("Indikator Kinerja Utama (IKU)", reverse("kompetensi:iku")), (judul, None)],
    })


# --- the yearly needs analysis (AKPK) -----------------------------------------------------------
def _opd_akpk(request):
    """The OPD chosen in the filter (BPSDM), the kepala's own, or (BPSDM without a choice) the first."""
    opd = _opd_laporan(request)
    return opd if opd is not None else akses.opd_terlihat(request.user).order_by("nama", "pk").first()


@require_GET
def akpk_halaman(request):
    opd, tahun = _opd_akpk(request), _tahun(request)
    return render(request, "kompetensi/akpk.html", {
        "opd": opd, "tahun": tahun, "a": akpk.analisis(opd=opd, tahun=tahun) if opd else None,
        "daftar_opd": akses.opd_terlihat(request.user).order_by("nama"), "tahun_pilihan": _tahun_pilihan(),
        "dasar": akpk.DASAR, "remah": [("Analisis kebutuhan (AKPK)", None)],
    })


@require_GET
def akpk_unduh(request):
    opd, tahun = _opd_akpk(request), _tahun(request)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in akpk.FORMAT or opd is None:
        raise Http404("Format atau perangkat daerah tidak dikenal.")
    resp = HttpResponse(akpk.tulis(akpk.analisis(opd=opd, tahun=tahun), format=fmt), content_type=JENIS_BERKAS[fmt])
    resp["Content-Disposition"] = f'attachment; filename="akpk-{opd.kode}-{tahun}.{fmt}"'
    return resp
