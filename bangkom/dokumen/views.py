"""Thin views: sheets one by one, bulk exports with progress, and the public verification page."""
from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from bangkom.lib.batas import batasi
from bangkom.lib.tanggal import periode, waktu_panjang
from bangkom.pegawai.akses import wajib_laporan
from bangkom.pegawai.nip import samarkan

from . import ekspor, lembar, paraf_basah, pengesahan, tasks, unduhan
from .akses import lembar_terbit_atau_404, pegawai_lembar_atau_404, proses_ekspor_atau_404
from .forms import VARIAN_PARAF_BASAH, EksporForm, LembarForm, PeriksaBerkasForm
from .models import JenisLembar, LembarTerbit, ProsesEkspor

BATAS_VERIFIKASI_PER_MENIT = 60


@require_http_methods(["GET", "POST"])
def lembar_unduh(request, pegawai_pk, jenis):
    """GET shows the period form (prefilled from the query); POST issues and downloads the sheet. Issuing
    records the sheet (code, hash, signature), so only a POST does it."""
    pegawai = pegawai_lembar_atau_404(request.user, pegawai_pk, jenis)
    if jenis not in JenisLembar.values:
        raise Http404("Jenis lembar tidak dikenal.")
    label = JenisLembar(jenis).label
    if request.method == "GET":
        dari_tautan = {k: v for k, v in request.GET.items() if k in LembarForm.base_fields}
        form = LembarForm(initial={"tahun": timezone.localdate().year, **dari_tautan})
    else:
        form = LembarForm(request.POST)
    if request.method == "GET" or not form.is_valid():
        return render(
            request, "dokumen/lembar_pilih.html",
            {"form": form, "p": pegawai, "jenis": jenis, "label": label},
            status=400 if form.is_bound else 200,
        )
    mulai, selesai = form.cleaned_data["periode"]
    if form.cleaned_data["varian"] == VARIAN_PARAF_BASAH:
        # The blank Langsa form: not issued, not signed, no code (it proves nothing by itself).
        pdf = paraf_basah.formulir_paraf_basah_pdf(pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai)
        resp = HttpResponse(pdf, content_type="application/pdf")
        nama = paraf_basah.nama_berkas_paraf_basah(pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai)
        resp["Content-Disposition"] = f'attachment; filename="{nama}"'
        return resp
    terbit, pdf = lembar.lembar_terbitkan(
        pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai,
        internal=form.cleaned_data["internal"], oleh=request.user, situs=lembar.situs_permintaan(request),
    )
    return unduhan.lembar_pdf(terbit, pdf)


@require_GET
def lembar_tersimpan_unduh(request, kode):
    """The stored PDF of an issued sheet, latest version first (once the kepala countersigned it: the
    sheet with both signatures). Only sheets that wait for or carry a countersignature are stored."""
    return unduhan.lembar_tersimpan(lembar_terbit_atau_404(request.user, kode))


@require_http_methods(["GET", "POST"])
def ekspor_baru(request):
    wajib_laporan(request.user)
    # a link may preselect the OPD, unit and year (?opd=…&tahun=…), e.g. from the kepala OPD dashboard
    awal = {k: v for k, v in request.GET.items() if k in ("opd", "unit", "tahun")}
    form = EksporForm(request.POST or None, user=request.user, initial=awal)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        proses = ekspor.ekspor_mulai(
            oleh=request.user, opd=d["opd"], unit=d["unit"], jenis=d["jenis"], tahun=d["tahun"],
            situs=lembar.situs_permintaan(request),
        )
        ekspor.ekspor_antrekan(proses, tasks.ekspor_lembar)
        return redirect("dokumen:ekspor-detail", pk=proses.pk)
    riwayat = ProsesEkspor.objects.filter(
        diminta_oleh=request.user, jenis_ekspor=ProsesEkspor.JenisEkspor.LEMBAR
    ).select_related("opd", "unit")
    halaman = Paginator(riwayat, 10).get_page(request.GET.get("page"))
    return render(request, "dokumen/ekspor_form.html", {
        "form": form, "halaman": halaman,
        "remah": [("Ekspor Lembar Kegiatan", "")],
    })


def _status_json(proses: ProsesEkspor) -> dict:
    selesai = proses.status == ProsesEkspor.Status.SELESAI
    return {
        "status": proses.status,
        "label": proses.get_status_display(),
        "selesai_n": proses.selesai_n,
        "total": proses.total,
        "persen": proses.persen,
        "jumlah_gagal": proses.jumlah_gagal,
        "galat": proses.galat if proses.status == ProsesEkspor.Status.GAGAL else "",
        "catatan": proses.catatan,
        "unduh": reverse("dokumen:ekspor-unduh", args=[proses.pk]) if selesai and proses.berkas else "",
    }


@require_GET
def ekspor_detail(request, pk):
    proses = proses_ekspor_atau_404(request.user, pk)
    if proses.jenis_ekspor == ProsesEkspor.JenisEkspor.LAPORAN_JP:
        asal = ("Rekap Pemenuhan 20 JP", f"{reverse('laporan-jp')}?{urlencode(proses.parameter_halaman)}")
    else:
        asal = ("Ekspor Lembar Kegiatan", reverse("dokumen:ekspor"))
    return render(request, "dokumen/ekspor_detail.html", {
        "proses": proses, "data": _status_json(proses), "asal": asal,
        "remah": [asal, (f"Ekspor #{proses.pk}", "")],
    })


@require_GET
def ekspor_status(request, pk):
    return JsonResponse(_status_json(proses_ekspor_atau_404(request.user, pk)))


@require_GET
def ekspor_unduh(request, pk):
    proses = proses_ekspor_atau_404(request.user, pk)
    if proses.status != ProsesEkspor.Status.SELESAI or not proses.berkas:
        raise Http404("Berkas ekspor belum tersedia.")
    path = Path(settings.MEDIA_ROOT) / proses.berkas
    if not path.is_file():
        raise Http404("Berkas ekspor tidak ditemukan; jalankan ekspor sekali lagi.")
    ekspor.ekspor_diunduh(proses=proses, oleh=request.user)
    return FileResponse(path.open("rb"), as_attachment=True, filename=proses.nama_berkas,
                        content_type=proses.jenis_isi)


@batasi(nama="verifikasi", batas=BATAS_VERIFIKASI_PER_MENIT)
@require_http_methods(["GET", "POST"])
def verifikasi_detail(request, kode):
    """Public: what the QR code on a sheet points to. Shows no name and only a masked NIP."""
    try:
        terbit = LembarTerbit.objects.get(kode=kode.strip().upper())
    except LembarTerbit.DoesNotExist:
        return render(request, "dokumen/verifikasi_tidak_ada.html", {"kode": kode[:20]}, status=404)
    form = PeriksaBerkasForm(request.POST or None, request.FILES or None)
    versi = [
        {"v": v, "dibuat": waktu_panjang(timezone.localtime(v.dibuat_pada)),
         "cap_waktu": waktu_panjang(timezone.localtime(v.cap_waktu)) if v.cap_waktu else ""}
        for v in terbit.versi.all()
    ]
    cocok = None
    cocok_versi = None
    sha_unggah = ""
    if request.method == "POST" and form.is_valid():
        h = hashlib.sha256()
        for potong in form.cleaned_data["berkas"].chunks():
            h.update(potong)
        sha_unggah = h.hexdigest()
        cocok_versi = next((v for v in versi if v["v"].sha256 == sha_unggah), None)
        cocok = cocok_versi is not None or sha_unggah == terbit.sha256
        form = PeriksaBerkasForm()
    return render(request, "dokumen/verifikasi.html", {
        "t": terbit,
        "jenis": terbit.get_jenis_display(),
        "periode": periode(terbit.mulai, terbit.selesai),
        "nip": samarkan(terbit.pegawai.nip),
        "diterbitkan": waktu_panjang(timezone.localtime(terbit.diterbitkan_pada)),
        "berlaku": lembar.lembar_masih_berlaku(terbit),
        "pengesahan": pengesahan.status_pengesahan(terbit),
        "digantikan": not terbit.internal and pengesahan.digantikan(terbit),
        "versi": versi,
        "terbaru": versi[-1] if versi else None,
        "form": form, "cocok": cocok, "cocok_versi": cocok_versi, "sha_unggah": sha_unggah,
    })
