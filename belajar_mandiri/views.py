"""Pages of belajar mandiri. Thin: access through belajar_mandiri.akses, writes through services,
reads through selectors."""
from __future__ import annotations

import re
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.lib.berkas import unduh_berkas
from bangkom.lib.formulir import PesanGalat, jalankan_aksi, simpan_atau_galat, tempel_galat
from bangkom.lib.kembali import alihkan_kembali
from bangkom.lib.masukan import daftar_id, istilah_cari
from bangkom.pegawai.akses import boleh_kelola_pegawai, pegawai_saya, peran, wajib_bpsdm
from jp_conversion.rules import nama_bulan

from . import selectors, services
from .akses import (
    boleh_isi_penugasan_belajar,
    boleh_kelola_penugasan_belajar,
    log_belajar_atau_404,
    penugasan_belajar_atau_404,
    resume_belajar_atau_404,
    sumber_belajar_atau_404,
)
from .forms import AlasanForm, CariForm, EvaluasiForm, LogForm, PenugasanForm, ResumeForm, SumberForm
from .models import PenugasanBelajar

PER_HALAMAN = 20


def _isian_penugasan(d: dict) -> dict:
    """The fields an assignment takes from its form, whoever starts it (employee or supervisor)."""
    return {k: d[k] for k in ("topik", "kompetensi", "kesenjangan", "lingkup", "mulai", "selesai", "jp_rencana")}


def _remah(*pasangan):
    return [("Belajar Mandiri", reverse("belajar_mandiri:beranda")), *pasangan]


# --- Pegawai ----------------------------------------------------------------------------------------
def beranda(request):
    """My assignments, with "Catat hari ini" on each active one."""
    saya = pegawai_saya(request.user)
    q = istilah_cari(request)  # a huge LIKE pattern is a 500 on SQLite
    qs = selectors.penugasan_saya(pegawai=saya)
    if q:
        qs = qs.filter(topik__icontains=q)
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("page"))
    return render(request, "belajar_mandiri/beranda.html", {
        "halaman": halaman, "q": q, "hari_ini": timezone.localdate(), "remah": [("Belajar Mandiri", "")],
    })


@require_http_methods(["GET", "POST"])
def usulkan(request):
    saya = pegawai_saya(request.user)
    form = PenugasanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        penugasan = simpan_atau_galat(form, services.penugasan_usulkan, pegawai=saya, **_isian_penugasan(d))
        if penugasan is not None:
            messages.success(request, "Usulan belajar mandiri dikirim ke atasan langsung.")
            return redirect("belajar_mandiri:detail", pk=penugasan.pk)
    return render(request, "belajar_mandiri/penugasan_form.html", {
        "form": form, "judul": "Usulkan rencana belajar mandiri", "remah": _remah(("Usulan", "")),
    })


def _bulan(request) -> tuple[int, int]:
    """`?bulan=YYYY-MM`; anything else, or a year outside 2000-2100 (whose neighbouring months
    could not even be dated), shows the current month."""
    hari_ini = timezone.localdate()
    cocok = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})", request.GET.get("bulan", "").strip())
    if not cocok:
        return hari_ini.year, hari_ini.month
    tahun, bulan = int(cocok[1]), int(cocok[2])
    if not (2000 <= tahun <= 2100 and 1 <= bulan <= 12):
        return hari_ini.year, hari_ini.month
    return tahun, bulan


def kalender(request):
    saya = pegawai_saya(request.user)
    tahun, bulan = _bulan(request)
    minggu = selectors.kalender_bulan(pegawai=saya, tahun=tahun, bulan=bulan)
    hari_bulan = [h for pekan in minggu for h in pekan if h.di_bulan]
    sebelum = date(tahun - (bulan == 1), (bulan - 2) % 12 + 1, 1)
    sesudah = date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    return render(request, "belajar_mandiri/kalender.html", {
        "minggu": minggu, "judul_bulan": f"{nama_bulan(bulan)} {tahun}",
        "total_dicatat": sum(h.dicatat for h in hari_bulan), "total_dihitung": sum(h.dihitung for h in hari_bulan),
        "sebelum": f"{sebelum:%Y-%m}", "sesudah": f"{sesudah:%Y-%m}", "hari_ini": timezone.localdate(),
        "remah": _remah(("Kalender", "")),
    })


def resume_saya(request):
    saya = pegawai_saya(request.user)
    q = istilah_cari(request)
    qs = selectors.resume_saya(pegawai=saya)
    if q:
        qs = qs.filter(judul__icontains=q)
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("page"))
    return render(request, "belajar_mandiri/resume_saya.html", {
        "halaman": halaman, "q": q, "remah": _remah(("Resume saya", "")),
    })


@require_http_methods(["GET", "POST"])
def log_catat(request, pk):
    """"Periksa" re-renders with what the log would count; "Simpan" records it."""
    penugasan = penugasan_belajar_atau_404(request.user, pk)
    if not boleh_isi_penugasan_belajar(request.user, penugasan):
        raise PermissionDenied("Hanya pegawai yang ditugaskan yang dapat mencatat log belajar.")
    pratinjau = None
    if request.method == "POST":
        form = LogForm(request.POST, penugasan=penugasan)
        sudah = form.is_valid() and selectors.log_klien(penugasan, form.cleaned_data["id_klien"])
        if sudah and request.POST.get("aksi") == "simpan":  # the same log sent again from a phone
            messages.success(request, f"Log {sudah.kegiatan.tanggal:%d-%m-%Y} sudah tercatat.")
            return redirect("belajar_mandiri:detail", pk=penugasan.pk)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.log_validasi(
                    penugasan=penugasan, tanggal=d["tanggal"], jp_belajar=d["jp_belajar"], materi=d["materi"],
                    sumber=d["sumber"],
                )
            except ValidationError as exc:
                tempel_galat(form, exc)
            else:
                pratinjau = selectors.log_pratinjau(
                    penugasan=penugasan, tanggal=d["tanggal"], jp_belajar=d["jp_belajar"]
                )
                if request.POST.get("aksi") == "simpan":
                    try:
                        services.log_catat(
                            penugasan=penugasan, tanggal=d["tanggal"], jp_belajar=d["jp_belajar"],
                            materi=d["materi"], sumber=d["sumber"], menit=d["menit"], id_klien=d["id_klien"],
                        )
                    except ValidationError as exc:
                        tempel_galat(form, exc)
                    else:
                        messages.success(request, pratinjau.pesan_tersimpan())
                        return redirect("belajar_mandiri:detail", pk=penugasan.pk)
    else:
        form = LogForm(initial={"tanggal": request.GET.get("tanggal") or timezone.localdate()}, penugasan=penugasan)
    return render(request, "belajar_mandiri/log_form.html", {
        "form": form, "penugasan": penugasan, "pratinjau": pratinjau,
        "remah": _remah((penugasan.topik, reverse("belajar_mandiri:detail", args=[penugasan.pk])), ("Catat log", "")),
    })


@require_POST
def log_hapus(request, pk):
    log = log_belajar_atau_404(request.user, pk)
    with PesanGalat(request):
        services.log_hapus(log=log, oleh=pegawai_saya(request.user))
        messages.success(request, "Log dihapus.")
    return redirect("belajar_mandiri:detail", pk=log.penugasan_id)


@require_http_methods(["GET", "POST"])
def resume_tulis(request, pk, resume_pk=None):
    penugasan = penugasan_belajar_atau_404(request.user, pk)
    if not boleh_isi_penugasan_belajar(request.user, penugasan):
        raise PermissionDenied("Hanya pegawai yang ditugaskan yang dapat menulis resume.")
    resume = None
    if resume_pk is not None:
        resume = resume_belajar_atau_404(request.user, resume_pk)
        if resume.penugasan_id != penugasan.pk:
            raise PermissionDenied
    form = ResumeForm(request.POST or None, request.FILES or None, instance=resume, penugasan=penugasan)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        disimpan = simpan_atau_galat(
            form, services.resume_simpan, penugasan=penugasan, oleh=pegawai_saya(request.user), judul=d["judul"],
            isi=d["isi"], sumber=d["sumber"], lampiran=request.FILES.get("lampiran"), resume=resume,
        )
        if disimpan is not None:
            messages.success(request, "Resume dikirim ke atasan untuk dibaca dan diparaf.")
            return redirect("belajar_mandiri:resume", pk=disimpan.pk)
    return render(request, "belajar_mandiri/resume_form.html", {
        "form": form, "penugasan": penugasan, "resume": resume,
        "remah": _remah((penugasan.topik, reverse("belajar_mandiri:detail", args=[penugasan.pk])), ("Resume", "")),
    })


# --- Bersama ------------------------------------------------------------------------------------
def _form_evaluasi(penugasan: PenugasanBelajar, data=None) -> EvaluasiForm:
    return EvaluasiForm(data, sumber=penugasan.sumber.all(), terpakai=services.sumber_terpakai(penugasan))


def _detail(request, penugasan: PenugasanBelajar, form_evaluasi: EvaluasiForm | None = None, status: int = 200):
    atasan = boleh_kelola_penugasan_belajar(request.user, penugasan)
    log = selectors.log_penugasan(penugasan=penugasan)
    halaman = Paginator(log, 31).get_page(request.GET.get("page"))
    jumlah = selectors.penugasan_saya(pegawai=penugasan.pegawai).get(pk=penugasan.pk)
    if atasan and form_evaluasi is None and penugasan.status == PenugasanBelajar.Status.AKTIF:
        form_evaluasi = _form_evaluasi(penugasan)
    return render(request, "belajar_mandiri/detail.html", {
        "p": penugasan, "jumlah": jumlah, "halaman": halaman, "sumber": penugasan.sumber.all(),
        "daftar_resume": penugasan.resume.select_related("sumber").all(),
        "atasan": atasan, "pegawai": boleh_isi_penugasan_belajar(request.user, penugasan),
        "form_sumber": SumberForm(), "form_evaluasi": form_evaluasi,
        "alasan_belum_dievaluasi": services.alasan_belum_dievaluasi(penugasan) if atasan else "",
        "hari_ini": timezone.localdate(), "remah": _remah((penugasan.topik, "")),
    }, status=status)


def detail(request, pk):
    return _detail(request, penugasan_belajar_atau_404(request.user, pk))


@require_http_methods(["GET", "POST"])
def sumber_tambah(request, pk):
    penugasan = penugasan_belajar_atau_404(request.user, pk)
    u = request.user
    if not (boleh_kelola_penugasan_belajar(u, penugasan) or boleh_isi_penugasan_belajar(u, penugasan)):
        raise PermissionDenied("Anda tidak dapat menambah sumber belajar pada penugasan ini.")
    form = SumberForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if simpan_atau_galat(
            form, services.sumber_tambah, penugasan=penugasan, oleh=pegawai_saya(request.user), jenis=d["jenis"],
            judul=d["judul"], url=d["url"], keterangan=d["keterangan"], berkas=request.FILES.get("berkas"),
        ) is not None:
            messages.success(request, "Sumber belajar ditambahkan.")
            return redirect("belajar_mandiri:detail", pk=penugasan.pk)
    return render(request, "belajar_mandiri/sumber_form.html", {
        "form": form, "penugasan": penugasan,
        "remah": _remah((penugasan.topik, reverse("belajar_mandiri:detail", args=[penugasan.pk])), ("Sumber", "")),
    })


def sumber_unduh(request, pk):
    return unduh_berkas(sumber_belajar_atau_404(request.user, pk).berkas)


def resume_detail(request, pk):
    resume = resume_belajar_atau_404(request.user, pk)
    penugasan = resume.penugasan
    return render(request, "belajar_mandiri/resume_detail.html", {
        "resume": resume, "p": penugasan, "atasan": boleh_kelola_penugasan_belajar(request.user, penugasan),
        "pegawai": boleh_isi_penugasan_belajar(request.user, penugasan), "form_alasan": AlasanForm(),
        "remah": _remah((penugasan.topik, reverse("belajar_mandiri:detail", args=[penugasan.pk])), (resume.judul, "")),
    })


def resume_unduh(request, pk):
    return unduh_berkas(resume_belajar_atau_404(request.user, pk).lampiran)


# --- Atasan -------------------------------------------------------------------------------------
def tim(request):
    form = CariForm(request.GET)
    form.is_valid()
    q, status = form.cleaned_data.get("q", ""), form.cleaned_data.get("status", "")
    halaman = Paginator(selectors.penugasan_tim(user=request.user, q=q, status=status), PER_HALAMAN).get_page(
        request.GET.get("page")
    )
    return render(request, "belajar_mandiri/tim.html", {
        "halaman": halaman, "q": q, "form": form, "param_tambahan": f"status={status}&" if status else "",
        "boleh_tugaskan": peran(request.user).atasan, "remah": _remah(("Penugasan tim", "")),
    })


@require_http_methods(["GET", "POST"])
def tugaskan(request):
    saya = pegawai_saya(request.user)
    bawahan = selectors.bawahan_untuk(atasan=saya)
    if not bawahan.exists():
        raise PermissionDenied("Hanya atasan langsung yang dapat menugaskan belajar mandiri.")
    form = PenugasanForm(request.POST or None, bawahan=bawahan, initial={"pegawai": request.GET.get("pegawai")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if not boleh_kelola_pegawai(request.user, d["pegawai"]):
            raise PermissionDenied
        penugasan = simpan_atau_galat(
            form, services.penugasan_buat, atasan=saya, pegawai=d["pegawai"], **_isian_penugasan(d)
        )
        if penugasan is not None:
            messages.success(request, "Penugasan dibuat. Tambahkan sumber belajar untuk pegawai.")
            return redirect("belajar_mandiri:detail", pk=penugasan.pk)
    return render(request, "belajar_mandiri/penugasan_form.html", {
        "form": form, "judul": "Tugaskan belajar mandiri",
        "remah": _remah(("Penugasan tim", reverse("belajar_mandiri:tim")), ("Tugaskan", "")),
    })


def _wajib_atasan_penugasan(request, penugasan: PenugasanBelajar):
    if not boleh_kelola_penugasan_belajar(request.user, penugasan):
        raise PermissionDenied("Hanya atasan yang memberi penugasan ini yang dapat melakukannya.")
    return pegawai_saya(request.user)


@require_POST
def putuskan(request, pk):
    penugasan = penugasan_belajar_atau_404(request.user, pk)
    oleh = _wajib_atasan_penugasan(request, penugasan)
    setuju = request.POST.get("aksi") == "setujui"
    with PesanGalat(request):
        services.penugasan_putuskan_usulan(
            penugasan=penugasan, oleh=oleh, setuju=setuju, alasan=request.POST.get("alasan", "")
        )
        messages.success(request, "Usulan disetujui; penugasan aktif." if setuju else "Usulan ditolak.")
    return redirect("belajar_mandiri:detail", pk=penugasan.pk)


@require_POST
def evaluasi(request, pk):
    """Close the assignment with the result and a rating per source used. Refused (the form shows
    why) while no resume has been submitted."""
    penugasan = penugasan_belajar_atau_404(request.user, pk)
    oleh = _wajib_atasan_penugasan(request, penugasan)
    form = _form_evaluasi(penugasan, request.POST)
    if form.is_valid() and simpan_atau_galat(
        form, services.penugasan_evaluasi, penugasan=penugasan, oleh=oleh, hasil=form.cleaned_data["hasil"],
        catatan=form.cleaned_data["catatan"], penilaian=form.penilaian(),
    ) is not None:
        messages.success(request, "Evaluasi disimpan; penugasan selesai.")
        return redirect("belajar_mandiri:detail", pk=penugasan.pk)
    penugasan.refresh_from_db()
    if penugasan.status != PenugasanBelajar.Status.AKTIF:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
        return redirect("belajar_mandiri:detail", pk=penugasan.pk)
    return _detail(request, penugasan, form_evaluasi=form, status=400)


@require_http_methods(["GET", "POST"])
def paraf(request):
    """The supervisor's desk: logs waiting for paraf (approve several at once; reject one by one
    with a reason) and resumes to read."""
    saya = pegawai_saya(request.user)
    if request.method == "POST":
        ids = daftar_id(request.POST.getlist("log"))
        if not ids:
            messages.error(request, "Pilih minimal satu log untuk diparaf.")
        else:
            n = services.log_paraf_banyak(log_ids=ids, oleh=saya)
            messages.success(request, f"{n} log diparaf; JP pegawai sudah dihitung ulang.")
        return redirect(request.get_full_path())
    halaman = Paginator(selectors.log_menunggu_paraf(atasan=saya), 50).get_page(request.GET.get("page"))
    kredit = selectors.kredit_bila_diparaf(list(halaman))
    return render(request, "belajar_mandiri/paraf.html", {
        "halaman": halaman, "baris": [(log, kredit.get(log.pk)) for log in halaman],
        "daftar_resume": selectors.resume_menunggu(atasan=saya)[:50],
        "remah": _remah(("Paraf", "")),
    })


@require_POST
def log_paraf(request, pk):
    log = log_belajar_atau_404(request.user, pk)
    oleh = _wajib_atasan_penugasan(request, log.penugasan)
    alasan = request.POST.get("alasan", "")
    jalankan_aksi(request, {
        "setujui": (lambda: services.log_paraf(log=log, oleh=oleh, setuju=True), "Log diparaf."),
        "tolak": (lambda: services.log_paraf(log=log, oleh=oleh, setuju=False, alasan=alasan), "Log ditolak."),
        "batal": (
            lambda: services.log_batal_paraf(log=log, oleh=oleh, alasan=alasan),
            "Paraf dibatalkan; log kembali menunggu paraf.",
        ),
    })
    return alihkan_kembali(request, reverse("belajar_mandiri:detail", args=[log.penugasan_id]))


@require_POST
def resume_paraf(request, pk):
    resume = resume_belajar_atau_404(request.user, pk)
    oleh = _wajib_atasan_penugasan(request, resume.penugasan)
    setuju = request.POST.get("aksi") == "setujui"
    with PesanGalat(request):
        services.resume_paraf(resume=resume, oleh=oleh, setuju=setuju, alasan=request.POST.get("alasan", ""))
        messages.success(request, "Resume diparaf." if setuju else "Resume dikembalikan untuk revisi.")
    return redirect("belajar_mandiri:resume", pk=resume.pk)



# --- BPSDM --------------------------------------------------------------------------------------
def sumber_rekap(request):
    """Per kind of learning source: how often it was used and how supervisors rated it (Panduan
    Langsa §I: the supervisor judges which source filled the gap best)."""
    wajib_bpsdm(request.user)
    return render(request, "belajar_mandiri/sumber_rekap.html", {
        "baris": selectors.rekap_sumber_belajar(user=request.user),
        "remah": _remah(("Rekap sumber belajar", "")),
    })
