"""JP pages: an employee's JP (own or of someone the user may read), external activities with
their certificate, and the supervisor's verification list. Access is decided in `akses`."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.lib.berkas import unduh_berkas
from bangkom.lib.formulir import jalankan_aksi, tempel_galat
from bangkom.lib.masukan import daftar_id, istilah_cari
from bangkom.pegawai.akses import pegawai_atau_404, peran

from .akses import boleh_verifikasi_eksternal, kegiatan_eksternal_atau_404
from .eksternal import kegiatan_eksternal_ajukan, kegiatan_eksternal_verifikasi
from .forms import KegiatanEksternalForm
from .models import StatusKegiatan
from .ringkasan import eksternal_menunggu, ringkasan_jp, tahun_pilihan
from .services import kegiatan_batal_paraf, kegiatan_paraf_banyak, pratinjau_kredit


def _pegawai_saya(request):
    pegawai = peran(request.user).pegawai
    if pegawai is None:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    return pegawai


def _tahun(request, hari_ini) -> int:
    try:
        tahun = int(request.GET.get("tahun", hari_ini.year))
    except ValueError:
        return hari_ini.year
    return tahun if 2000 <= tahun <= hari_ini.year + 1 else hari_ini.year


def _halaman_jp(request, pegawai, *, milik_sendiri: bool):
    hari_ini = timezone.localdate()
    tahun = _tahun(request, hari_ini)
    return render(request, "jp/ringkasan.html", {
        "r": ringkasan_jp(pegawai=pegawai, tahun=tahun, hari_ini=hari_ini),
        "pilihan_tahun": tahun_pilihan(pegawai=pegawai, hari_ini=hari_ini),
        "milik_sendiri": milik_sendiri,
        "remah": [("JP saya", None)] if milik_sendiri else [
            (pegawai.nama, reverse("pegawai:detail", args=[pegawai.pk])), ("JP", None)],
    })


def jp_saya(request):
    return _halaman_jp(request, _pegawai_saya(request), milik_sendiri=True)


def jp_pegawai(request, pk):
    pegawai = pegawai_atau_404(request.user, pk)
    return _halaman_jp(request, pegawai, milik_sendiri=pegawai.user_id == request.user.pk)


@require_http_methods(["GET", "POST"])
def eksternal_ajukan(request):
    """Submit an external activity. aksi=periksa re-renders with the JP preview; aksi=simpan records."""
    pegawai = _pegawai_saya(request)
    pratinjau = None
    if request.method == "POST":
        simpan = request.POST.get("aksi") == "simpan"
        form = KegiatanEksternalForm(request.POST, request.FILES, wajib_berkas=simpan)
        if form.is_valid():
            d = form.cleaned_data
            try:
                if simpan:
                    eksternal = kegiatan_eksternal_ajukan(
                        pegawai=pegawai, jenis=d["jenis"], tanggal=d["tanggal"], materi=d["materi"],
                        penyelenggara=d["penyelenggara"], sertifikat=d["sertifikat"], lingkup=d["lingkup"],
                        jp_belajar=d["jp_belajar"], nomor_sertifikat=d["nomor_sertifikat"],
                        keterangan=d["keterangan"], diajukan_oleh=request.user,
                        tanggal_selesai=d["tanggal_selesai"],
                    )
                    messages.success(request, (
                        "Kegiatan diajukan dan menunggu verifikasi atasan." if pegawai.atasan_id
                        else "Kegiatan diajukan dan menunggu verifikasi Pengelola BPSDM."))
                    return redirect("jp:eksternal", pk=eksternal.pk)
                pratinjau = pratinjau_kredit(
                    pegawai=pegawai, jenis=d["jenis"], tanggal=d["tanggal"], lingkup=d["lingkup"],
                    jp_belajar=d["jp_belajar"],
                )
            except ValidationError as exc:
                tempel_galat(form, exc)
    else:
        form = KegiatanEksternalForm(wajib_berkas=False)
    return render(request, "jp/eksternal_form.html", {
        "form": form, "pratinjau": pratinjau, "pegawai": pegawai,
        "remah": [("JP saya", reverse("jp:saya")), ("Ajukan kegiatan eksternal", None)],
    })


def eksternal_detail(request, pk):
    eksternal = kegiatan_eksternal_atau_404(request.user, pk)
    k = eksternal.kegiatan
    return render(request, "jp/eksternal_detail.html", {
        "e": eksternal, "k": k,
        "boleh_verifikasi": boleh_verifikasi_eksternal(request.user, eksternal),
        "remah": [(f"JP {k.pegawai.nama}", reverse("jp:pegawai", args=[k.pegawai_id])), (k.materi, None)],
    })


def eksternal_sertifikat(request, pk):
    return unduh_berkas(kegiatan_eksternal_atau_404(request.user, pk).sertifikat)


@require_POST
def eksternal_verifikasi(request, pk):
    eksternal = kegiatan_eksternal_atau_404(request.user, pk)
    if not boleh_verifikasi_eksternal(request.user, eksternal):
        raise PermissionDenied("Anda tidak berhak memverifikasi kegiatan ini.")
    p = peran(request.user)
    alasan = request.POST.get("alasan", "")

    def putuskan(setuju: bool):
        return kegiatan_eksternal_verifikasi(
            eksternal=eksternal, oleh=p.pegawai, setuju=setuju, alasan=alasan, sebagai_bpsdm=p.bpsdm,
        )

    def pesan(kegiatan) -> str:
        if kegiatan.status == StatusKegiatan.DISETUJUI:
            return f"Kegiatan diverifikasi: {kegiatan.alasan}."
        return "Kegiatan ditolak."

    jalankan_aksi(request, {
        "setujui": (lambda: putuskan(True), pesan),
        "tolak": (lambda: putuskan(False), pesan),
        "batal": (
            lambda: kegiatan_batal_paraf(kegiatan=eksternal.kegiatan, oleh=p.pegawai, alasan=alasan),
            "Verifikasi dibatalkan; kegiatan kembali menunggu verifikasi.",
        ),
    })
    return redirect("jp:eksternal", pk=eksternal.pk)


@require_http_methods(["GET", "POST"])
def verifikasi(request):
    """External activities waiting for this user's verification; approve several at once."""
    p = peran(request.user)
    if p.pegawai is None or not (p.atasan or p.bpsdm):
        raise PermissionDenied("Halaman ini untuk atasan langsung dan Pengelola BPSDM.")
    if request.method == "POST":
        ids = daftar_id(request.POST.getlist("pilih"))
        if not ids:
            messages.error(request, "Pilih minimal satu kegiatan untuk diverifikasi.")
        else:
            n = kegiatan_paraf_banyak(
                kegiatan_ids=eksternal_menunggu(verifikator=p.pegawai, bpsdm=False)
                .filter(pk__in=ids).values_list("kegiatan_id", flat=True),
                oleh=p.pegawai,
            )
            messages.success(request, f"{n} kegiatan diverifikasi; JP pegawai sudah dihitung ulang.")
        return redirect(request.get_full_path())
    q = istilah_cari(request)
    halaman = Paginator(eksternal_menunggu(verifikator=p.pegawai, bpsdm=p.bpsdm, q=q), 25).get_page(
        request.GET.get("page"))
    return render(request, "jp/verifikasi.html", {
        "halaman": halaman, "q": q, "saya": p.pegawai, "remah": [("Verifikasi kegiatan eksternal", None)],
    })
