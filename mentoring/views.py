"""Mentoring pages: thin views over `services` (writes), `selectors` (reads) and the access module."""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.kompetensi.models import Kompetensi
from bangkom.lib.formulir import PesanGalat, tempel_galat
from bangkom.lib.masukan import id_atau_none, istilah_cari
from bangkom.pegawai.akses import pegawai_atau_404, pegawai_saya, peran, wajib_bpsdm
from bangkom.pegawai.models import Mentor, Pegawai, PerangkatDaerah
from bangkom.sesi.akses import penilaian_evaluasi
from bangkom.sesi.catat import formulir_sesi, pesan_tercatat
from bangkom.sesi.selectors import jp_hubungan

from . import selectors, services
from .akses import (
    boleh_akhiri_mentoring,
    boleh_alihkan_mentoring,
    boleh_catat_sesi_mentoring,
    boleh_jawab_mentoring,
    permintaan_mentoring_atau_404,
)
from .forms import AkhiriForm, AlasanWajibForm, AlihkanForm, JedaForm, MentorForm, PermintaanForm, TahapForm, TerimaForm
from .models import PermintaanMentoring
from .saran import kompetensi_memadai, mentor_layak, nilai_daftar, saran_mentor

PER_HALAMAN = 20
Status = PermintaanMentoring.Status
BUKAN_PEGAWAI = "Halaman ini untuk pegawai yang terdaftar."


def _pegawai_atau_bpsdm(request) -> None:
    if peran(request.user).pegawai is None and not peran(request.user).bpsdm:
        raise PermissionDenied(BUKAN_PEGAWAI)


def _halaman(request, qs, per=PER_HALAMAN):
    return Paginator(qs, per).get_page(request.GET.get("page"))


def _param(request, *nama) -> str:
    """Extra query-string of the active filters for the pagination links."""
    isi = {n: request.GET.get(n) for n in nama if request.GET.get(n)}
    return urlencode(isi) + "&" if isi else ""


# -- employee ------------------------------------------------------------------------------------
def saya(request):
    pegawai_saya(request.user, BUKAN_PEGAWAI)
    q, status = istilah_cari(request), request.GET.get("status", "")
    qs = selectors.permintaan_daftar(user=request.user, peran_saya="pemohon", q=q, status=status)
    return render(request, "mentoring/saya.html", {
        "halaman": _halaman(request, qs), "q": q, "status": status, "status_pilihan": Status.choices,
        "param_tambahan": _param(request, "status"),
        "remah": [("Mentoring saya", None)],
    })


@require_http_methods(["GET", "POST"])
def ajukan(request):
    """Request mentoring: topic, gap, format and a mentor from the eligible ones, with the
    suggested ones first (and why). Searching and paging post the whole form back without saving,
    so nothing typed is lost; `?mentor=<id>` preselects a mentor (from a profile page)."""
    me = pegawai_saya(request.user, BUKAN_PEGAWAI)
    data = request.POST if request.method == "POST" else request.GET
    simpan = request.method == "POST" and request.POST.get("aksi") == "simpan"
    form = PermintaanForm(request.POST) if simpan else PermintaanForm(initial=data.dict())
    if simpan and form.is_valid():
        try:
            permintaan = services.permintaan_ajukan(pemohon=me, **form.cleaned_data)
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            messages.success(request, f"Permintaan mentoring dikirim kepada {permintaan.mentor.nama_lengkap}.")
            return redirect("mentoring:detail", pk=permintaan.pk)
    teks = f"{data.get('topik', '')} {data.get('kesenjangan', '')}"
    q = data.get("q", "").strip()[:100]
    kid = str(data.get("kompetensi", ""))
    kompetensi = Kompetensi.objects.filter(pk=id_atau_none(kid), aktif=True).first() if id_atau_none(kid) else None
    memadai = kompetensi_memadai(me, kompetensi)
    # Only mentors that can be chosen: one already asked in an open request is not offered again.
    terbuka = selectors.permintaan_terbuka(me)
    sudah = [p.mentor_id for p in terbuka]
    saran = saran_mentor(me, teks=teks, batas=5, memadai=memadai, kecuali=sudah)
    kandidat = mentor_layak(me).exclude(pk__in=sudah)
    if q:
        # Names and positions (and a mentor's declared field) only: never the NIP, whose digits
        # would reveal the birth date of anyone in the province.
        kandidat = kandidat.filter(
            Q(nama__icontains=q) | Q(jabatan__nama__icontains=q) | Q(profil_mentor__bidang__icontains=q)
        )
    halaman = Paginator(kandidat, 10).get_page(data.get("page"))
    hasil = nilai_daftar(me, halaman.object_list, teks=teks, memadai=memadai)
    dipilih = str(data.get("mentor", ""))
    tampil = {str(s.pegawai.pk) for s in saran} | {str(s.pegawai.pk) for s in hasil}
    pilihan_lain = []
    if id_atau_none(dipilih) and dipilih not in tampil:
        pilihan_lain = nilai_daftar(me, mentor_layak(me).filter(pk=int(dipilih)).exclude(pk__in=sudah), teks=teks,
                                    memadai=memadai)
    return render(request, "mentoring/ajukan.html", {
        "form": form, "saran": saran, "hasil": hasil, "halaman": halaman, "q": q, "dipilih": dipilih,
        "pilihan_lain": pilihan_lain, "terbuka": terbuka,
        "remah": [("Mentoring saya", reverse("mentoring:saya")), ("Ajukan mentoring", None)],
    })


def pegawai(request, pk):
    """One employee's mentoring (from their profile page)."""
    p = pegawai_atau_404(request.user, pk)
    qs = selectors.permintaan_pegawai(user=request.user, pegawai=p)
    return render(request, "mentoring/pegawai.html", {
        "p": p, "halaman": _halaman(request, qs),
        "remah": [(p.nama, reverse("pegawai:detail", args=[p.pk])), ("Mentoring", None)],
    })


# -- mentor --------------------------------------------------------------------------------------
def mentee(request):
    """The mentor's page: requests waiting for an answer, then every mentee relationship."""
    pegawai_saya(request.user, BUKAN_PEGAWAI)
    q, status = istilah_cari(request), request.GET.get("status", "")
    qs = selectors.permintaan_daftar(user=request.user, peran_saya="mentor", q=q, status=status)
    return render(request, "mentoring/mentee.html", {
        "menunggu": list(selectors.permintaan_menunggu(user=request.user)[:50]),
        "halaman": _halaman(request, qs), "q": q, "status": status, "status_pilihan": Status.choices,
        "param_tambahan": _param(request, "status"), "remah": [("Mentee saya", None)],
    })


# -- BPSDM ---------------------------------------------------------------------------------------
def semua(request):
    wajib_bpsdm(request.user)
    q, status = istilah_cari(request), request.GET.get("status", "")
    fmt = request.GET.get("format", "")
    opd = request.GET.get("opd", "")
    # An id beyond the database's integer range is no OPD (not a 500 on the integer overflow).
    opd_id = id_atau_none(opd)
    qs = selectors.permintaan_daftar(user=request.user, q=q, status=status, format=fmt, opd_id=opd_id)
    return render(request, "mentoring/semua.html", {
        "halaman": _halaman(request, qs), "q": q, "status": status, "format": fmt, "opd": opd,
        "status_pilihan": Status.choices, "format_pilihan": PermintaanMentoring.Format.choices,
        "opd_pilihan": PerangkatDaerah.objects.order_by("nama"),
        "param_tambahan": _param(request, "status", "format", "opd"), "remah": [("Semua mentoring", None)],
    })


# -- one relationship ----------------------------------------------------------------------------
def _detail(request, permintaan, status=200, **forms):
    user = request.user
    me = peran(user).pegawai
    hasil = jp_hubungan(selectors.sesi_permintaan(permintaan), pegawai=permintaan.pemohon)
    boleh_alihkan = boleh_alihkan_mentoring(user, permintaan) and permintaan.status in (
        Status.DIAJUKAN, Status.DITERIMA, Status.DIJEDA, Status.DITOLAK
    )
    lama_menunggu = (timezone.localdate() - permintaan.tanggal_pengajuan).days
    saran = []
    if boleh_alihkan and (
        peran(user).bpsdm or permintaan.status == Status.DITOLAK
        or (permintaan.status == Status.DIAJUKAN and lama_menunggu >= services.HARI_TAWARAN)
    ):
        saran = saran_mentor(
            permintaan.pemohon, teks=f"{permintaan.topik} {permintaan.kesenjangan}", kecuali=[permintaan.mentor_id],
            batas=8, kompetensi=permintaan.kompetensi,
        )
    konteks = {
        "m": permintaan, "daftar_sesi": hasil.daftar_sesi, "jp_dihitung": hasil.jp, "saya": me,
        "sebagai_mentor": boleh_jawab_mentoring(user, permintaan),
        "boleh_catat_sesi": boleh_catat_sesi_mentoring(user, permintaan),
        "menunggu": hasil.menunggu if boleh_jawab_mentoring(user, permintaan) else [],
        "boleh_akhiri": boleh_akhiri_mentoring(user, permintaan) and permintaan.terbuka,
        "boleh_alihkan": boleh_alihkan, "saran": saran, "lama_menunggu": lama_menunggu,
        "rantai": selectors.rantai_pengalihan(permintaan), "riwayat": selectors.riwayat_status(permintaan),
        "terima_form": forms.get("terima_form") or TerimaForm(peer=permintaan.peer, initial={
            "tahap": PermintaanMentoring.Tahap.PERENCANAAN if permintaan.peer else ""}),
        "tolak_form": forms.get("tolak_form") or AlasanWajibForm(),
        "akhiri_form": forms.get("akhiri_form") or AkhiriForm(),
        "jeda_form": forms.get("jeda_form") or JedaForm(),
        "tahap_form": forms.get("tahap_form") or TahapForm(initial={"tahap": permintaan.tahap}),
        "alihkan_form": forms.get("alihkan_form") or AlihkanForm(),
        "tahap_pilihan": PermintaanMentoring.Tahap.choices,
        "nilai_manfaat": penilaian_evaluasi(user, permintaan, "manfaat") is not None,
        "nilai_kontribusi": penilaian_evaluasi(user, permintaan, "kontribusi") is not None,
        "remah": [("Mentoring", reverse("mentoring:saya")), (permintaan.topik, None)],
    }
    return render(request, "mentoring/detail.html", konteks, status=status)


def detail(request, pk):
    return _detail(request, permintaan_mentoring_atau_404(request.user, pk))


def _kirim(request, permintaan, form, nama_form: str, layanan: Callable[[dict], PermintaanMentoring],
           pesan: Callable[[PermintaanMentoring], str]):
    """Run one form of the relationship page through its service: on success a message and the
    page of the request the service returns; otherwise the page again with the form's errors (400)."""
    if form.is_valid():
        try:
            hasil = layanan(form.cleaned_data)
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            messages.success(request, pesan(hasil))
            return redirect("mentoring:detail", pk=hasil.pk)
    return _detail(request, permintaan, status=400, **{nama_form: form})


def _permintaan_bagi(request, pk, boleh, pesan: str) -> PermintaanMentoring:
    """The request, if the user may see it (else 404) and `boleh(user, request)` (else 403)."""
    permintaan = permintaan_mentoring_atau_404(request.user, pk)
    if not boleh(request.user, permintaan):
        raise PermissionDenied(pesan)
    return permintaan


def _mentor_saja(request, permintaan) -> Pegawai:
    if not boleh_jawab_mentoring(request.user, permintaan):
        raise PermissionDenied("Hanya mentor yang diminta yang dapat melakukan ini.")
    return pegawai_saya(request.user, "Hanya mentor yang diminta yang dapat melakukan ini.")


@require_POST
def jawab(request, pk):
    permintaan = permintaan_mentoring_atau_404(request.user, pk)
    oleh = _mentor_saja(request, permintaan)
    if request.POST.get("aksi") == "tolak":
        return _kirim(
            request, permintaan, AlasanWajibForm(request.POST), "tolak_form",
            lambda d: services.permintaan_tolak(permintaan=permintaan, oleh=oleh, alasan=d["alasan"]),
            lambda _: "Permintaan mentoring ditolak.",
        )
    return _kirim(
        request, permintaan, TerimaForm(request.POST, peer=permintaan.peer), "terima_form",
        lambda d: services.permintaan_terima(permintaan=permintaan, oleh=oleh, **d),
        lambda _: "Permintaan mentoring diterima.",
    )


@require_POST
def jeda(request, pk):
    permintaan = _permintaan_bagi(
        request, pk, boleh_akhiri_mentoring, "Anda tidak dapat mengubah status mentoring ini."
    )
    oleh = peran(request.user).pegawai
    form = JedaForm(request.POST)
    form.is_valid()
    with PesanGalat(request):
        if request.POST.get("aksi") == "lanjutkan":
            services.permintaan_lanjutkan(permintaan=permintaan, oleh=oleh)
            messages.success(request, "Mentoring dilanjutkan.")
        else:
            services.permintaan_jeda(permintaan=permintaan, oleh=oleh, alasan=form.cleaned_data.get("alasan", ""))
            messages.success(request, "Mentoring dijeda; sesi baru tidak dapat dicatat sampai dilanjutkan.")
    return redirect("mentoring:detail", pk=permintaan.pk)


@require_POST
def akhiri(request, pk):
    permintaan = _permintaan_bagi(request, pk, boleh_akhiri_mentoring, "Anda tidak dapat mengakhiri mentoring ini.")
    return _kirim(
        request, permintaan, AkhiriForm(request.POST), "akhiri_form",
        lambda d: services.permintaan_akhiri(permintaan=permintaan, oleh=peran(request.user).pegawai, **d),
        lambda _: "Mentoring ditutup. Riwayat dan sesinya tetap tersimpan.",
    )


@require_POST
def alihkan(request, pk):
    permintaan = _permintaan_bagi(
        request, pk, boleh_alihkan_mentoring,
        "Hanya pegawai pemohon atau Pengelola BPSDM yang dapat mengalihkan mentoring.",
    )
    return _kirim(
        request, permintaan, AlihkanForm(request.POST), "alihkan_form",
        lambda d: services.permintaan_alihkan(
            permintaan=permintaan, oleh=peran(request.user).pegawai, mentor_baru=d["mentor"], alasan=d["alasan"],
        ),
        lambda baru: f"Mentoring dialihkan kepada {baru.mentor.nama_lengkap}; menunggu jawabannya.",
    )


@require_POST
def tahap(request, pk):
    permintaan = permintaan_mentoring_atau_404(request.user, pk)
    me = peran(request.user).pegawai
    if me is None or me.pk not in (permintaan.mentor_id, permintaan.pemohon_id):
        raise PermissionDenied("Hanya mentor dan mentee yang dapat mengubah tahap.")
    return _kirim(
        request, permintaan, TahapForm(request.POST), "tahap_form",
        lambda d: services.permintaan_ubah_tahap(permintaan=permintaan, oleh=me, tahap=d["tahap"]),
        lambda _: "Tahap mentoring diperbarui.",
    )


@require_http_methods(["GET", "POST"])
def sesi_baru(request, pk):
    """The mentor logs a session (with the JP preview); other mentees of the same mentor may join
    (group mentoring). The mentee may log their own one-to-one session, which the mentor initials."""
    permintaan = _permintaan_bagi(
        request, pk, boleh_catat_sesi_mentoring, "Hanya mentor dan mentee yang dapat mencatat sesi mentoring ini."
    )
    oleh = peran(request.user).pegawai
    if not permintaan.menerima_sesi:
        messages.error(request, "Sesi hanya dapat dicatat selama mentoring berjalan (diterima dan tidak dijeda).")
        return redirect("mentoring:detail", pk=permintaan.pk)
    sebagai_mentor = oleh.pk == permintaan.mentor_id
    lain = services.mentee_kelompok(permintaan) if sebagai_mentor else []
    dipilih = set(request.POST.getlist("peserta_lain")) if request.method == "POST" else set()
    peserta_lain = [p for p in lain if str(p.pk) in dipilih]
    hasil = formulir_sesi(
        request, jenis="mentoring", peserta=[permintaan.pemohon, *peserta_lain],
        simpan=lambda isi, id_klien: services.mentoring_sesi_catat(
            permintaan=permintaan, oleh=oleh, isi=isi, peserta_lain=peserta_lain, id_klien=id_klien
        ),
    )
    if hasil.sesi is not None:
        messages.success(request, pesan_tercatat(hasil.sesi))
        # The mentor who logged it initials it next: the page opens at the Paraf button.
        jangkar = "#menunggu-paraf" if sebagai_mentor else ""
        return redirect(reverse("mentoring:detail", args=[permintaan.pk]) + jangkar)
    peserta_field = render_to_string(
        "mentoring/_peserta_lain.html", {"lain": lain, "dipilih": dipilih, "m": permintaan}
    ) if sebagai_mentor else ""
    awal = ("Mentee saya", "mentoring:mentee") if sebagai_mentor else ("Mentoring saya", "mentoring:saya")
    return render(request, "mentoring/sesi_baru.html", {
        "m": permintaan, "form": hasil.form, "pratinjau": hasil.pratinjau, "peserta_field": peserta_field,
        "sebagai_mentor": sebagai_mentor,
        "remah": [(awal[0], reverse(awal[1])), (permintaan.topik, reverse("mentoring:detail", args=[permintaan.pk])),
                  ("Catat sesi", None)],
    })


# -- mentor profiles -----------------------------------------------------------------------------
def mentor_daftar(request):
    _pegawai_atau_bpsdm(request)
    q, aktif = istilah_cari(request), request.GET.get("aktif", "")
    if not peran(request.user).bpsdm:
        aktif = "1"  # employees browse active mentors; BPSDM sees all
    return render(request, "mentoring/mentor_daftar.html", {
        "halaman": _halaman(request, selectors.mentor_daftar(user=request.user, q=q, aktif=aktif)),
        "q": q, "aktif": aktif,
        "param_tambahan": _param(request, "aktif"), "bpsdm": peran(request.user).bpsdm,
        "remah": [("Mentor terdaftar", None)],
    })


def mentor_profil(request, pk):
    """A mentor's profile: field, certification, load and active mentees (names only for those
    who may see them). Any employee who could choose this person as mentor may read it."""
    _pegawai_atau_bpsdm(request)
    mentor = get_object_or_404(Pegawai.objects.select_related("jabatan", "opd", "unit"), pk=pk, aktif=True)
    profil = Mentor.objects.filter(pegawai=mentor).first()
    jumlah, mentee_terlihat = selectors.mentee_aktif(user=request.user, mentor=mentor)
    if profil is None and jumlah == 0 and not peran(request.user).bpsdm:
        raise Http404("Profil mentor tidak ditemukan.")
    return render(request, "mentoring/mentor_profil.html", {
        "mentor": mentor, "profil": profil, "jumlah": jumlah, "mentee": mentee_terlihat,
        "kapasitas": profil.kapasitas if profil else None, "bpsdm": peran(request.user).bpsdm,
        "remah": [("Mentor terdaftar", reverse("mentoring:mentor-daftar")), (mentor.nama, None)],
    })


@require_http_methods(["GET", "POST"])
def mentor_baru(request):
    wajib_bpsdm(request.user)
    return _mentor_form(request, Mentor())


@require_http_methods(["GET", "POST"])
def mentor_ubah(request, pk):
    wajib_bpsdm(request.user)
    return _mentor_form(request, get_object_or_404(Mentor.objects.select_related("pegawai"), pk=pk))


def _mentor_form(request, instance: Mentor):
    form = MentorForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in (
            "bidang", "sertifikasi", "tanggal_sertifikasi", "nomor_sertifikat", "penerbit_sertifikat",
            "sertifikat_berlaku_sampai", "kapasitas", "aktif",
        )}
        try:
            profil = services.mentor_simpan(pegawai=form.instance.pegawai, **data)
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            messages.success(request, f"Profil mentor {profil.pegawai.nama_lengkap} disimpan.")
            return redirect("mentoring:mentor-profil", pk=profil.pegawai_id)
    judul = "Daftarkan mentor" if instance.pk is None else instance.pegawai.nama
    return render(request, "mentoring/mentor_form.html", {
        "form": form, "baru": instance.pk is None,
        "remah": [("Mentor terdaftar", reverse("mentoring:mentor-daftar")), (judul, None)],
    })
