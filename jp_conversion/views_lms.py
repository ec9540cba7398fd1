"""BPSDM's LMS pages: the completions import (upload → preview → confirm once, see
`bangkom.pegawai.impor_alur`) and the column mapping of each source."""
from functools import partial

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from bangkom.pegawai import impor_alur
from bangkom.pegawai.akses import wajib_bpsdm
from bangkom.pegawai.models import RiwayatImpor

from . import lms
from .forms import ImporLMSForm, SumberLMSForm
from .models import SumberLMS

REMAH_IMPOR = ("Impor penyelesaian LMS", "jp:lms-impor")


def _konfirmasi(request):
    sumber = SumberLMS.objects.filter(pk=request.POST.get("sumber", "")).first() \
        if request.POST.get("sumber", "").isdigit() else None
    if sumber is None:
        messages.error(request, "Sumber LMS tidak dikenal; unggah berkas sekali lagi.")
        return redirect("jp:lms-impor")
    impor = partial(lms.lms_impor, sumber=sumber, oleh=request.user)
    ringkas = impor_alur.konfirmasi(request, jenis="lms", impor=impor)
    if ringkas is not None:
        messages.success(request, f"Impor {sumber.nama} selesai: {ringkas['dibuat']} kegiatan baru diajukan untuk "
                                  f"verifikasi atasan, {ringkas['dilewati']} sudah ada dan dilewati.")
    return redirect("jp:lms-impor")


@require_http_methods(["GET", "POST"])
def lms_impor(request):
    wajib_bpsdm(request.user)
    if request.method == "POST" and "token" in request.POST:
        return _konfirmasi(request)
    form = ImporLMSForm(request.POST or None, request.FILES or None)
    langkah = impor_alur.Pratinjau()
    if request.method == "POST":
        # The source is known once the form is valid, which pratinjau_unggahan checks before reading.
        langkah = impor_alur.pratinjau_unggahan(
            form, lambda isi: lms.pratinjau(isi, sumber=form.cleaned_data["sumber"]))
    return render(request, "jp/lms_impor.html", {
        "form": form, **langkah.konteks(), "sumber": langkah.hasil.sumber if langkah.hasil else None,
        "riwayat": RiwayatImpor.objects.filter(jenis="lms").select_related("oleh")[:10],
        "remah": [(REMAH_IMPOR[0], None)],
    })


@require_GET
def lms_sumber(request):
    wajib_bpsdm(request.user)
    return render(request, "jp/lms_sumber.html", {
        "daftar": SumberLMS.objects.all(), "bidang": lms.BIDANG,
        "remah": [(REMAH_IMPOR[0], reverse(REMAH_IMPOR[1])), ("Pemetaan kolom", None)],
    })


@require_http_methods(["GET", "POST"])
def lms_sumber_ubah(request, pk=None):
    wajib_bpsdm(request.user)
    sumber = get_object_or_404(SumberLMS, pk=pk) if pk is not None else None
    form = SumberLMSForm(request.POST or None, instance=sumber)
    if request.method == "POST" and form.is_valid():
        sumber = lms.sumber_lms_simpan(sumber=sumber, data=form.cleaned_data)
        messages.success(request, f"Pemetaan kolom {sumber.nama} disimpan; impor berikutnya memakainya.")
        return redirect("jp:lms-sumber")
    return render(request, "jp/lms_sumber_form.html", {
        "form": form, "sumber": sumber,
        "remah": [(REMAH_IMPOR[0], reverse(REMAH_IMPOR[1])), ("Pemetaan kolom", reverse("jp:lms-sumber")),
                  (sumber.nama if sumber else "Sumber baru", None)],
    })
