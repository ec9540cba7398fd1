"""Reads of the mentoring workflow, always scoped by the access module."""
from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from bangkom.pegawai.akses import peran
from bangkom.pegawai.models import Mentor, Pegawai
from bangkom.pegawai.riwayat import Judul
from bangkom.pegawai.selectors import cari_pegawai
from bangkom.sesi.models import Sesi
from bangkom.sesi.selectors import sesi_dengan_peserta

from .akses import permintaan_mentoring_terlihat
from .models import PermintaanMentoring

Status = PermintaanMentoring.Status
_RELASI = ("pemohon__jabatan", "pemohon__opd", "mentor__jabatan", "mentor__opd")


def _cari(qs: QuerySet, q: str, *, user) -> QuerySet:
    q = (q or "").strip()
    if not q:
        return qs
    return qs.filter(Q(topik__icontains=q) | Q(mentor__nama__icontains=q) | cari_pegawai(user, q, awalan="pemohon__"))


def permintaan_daftar(
    *, user, peran_saya: str = "", q: str = "", status: str = "", format: str = "", opd_id=None
) -> QuerySet[PermintaanMentoring]:
    """Requests/relationships visible to `user`; `peran_saya` = "pemohon" (my requests) or
    "mentor" (my mentees) narrows to the user's own side."""
    qs = permintaan_mentoring_terlihat(user).select_related(*_RELASI)
    me = peran(user).pegawai
    if peran_saya == "pemohon":
        qs = qs.filter(pemohon=me)
    elif peran_saya == "mentor":
        qs = qs.filter(mentor=me)
    if status in Status.values:
        qs = qs.filter(status=status)
    if format in PermintaanMentoring.Format.values:
        qs = qs.filter(format=format)
    if opd_id:
        qs = qs.filter(pemohon__opd_id=opd_id)
    return _cari(qs, q, user=user).order_by("-tanggal_pengajuan", "-pk")


def permintaan_menunggu(*, user) -> QuerySet[PermintaanMentoring]:
    """Requests waiting for this mentor's answer, oldest first."""
    return permintaan_daftar(user=user, peran_saya="mentor", status=Status.DIAJUKAN).order_by("tanggal_pengajuan", "pk")


def permintaan_terbuka(pemohon: Pegawai) -> list[PermintaanMentoring]:
    """The employee's open requests (waiting, running or paused): shown up front on the request
    page, and their mentors are not offered again (the service would refuse them)."""
    return list(
        PermintaanMentoring.objects.filter(pemohon=pemohon, status__in=PermintaanMentoring.TERBUKA)
        .select_related("mentor").order_by("-dibuat")
    )


def permintaan_pegawai(*, user, pegawai: Pegawai) -> QuerySet[PermintaanMentoring]:
    """One employee's requests (as mentee) that the user may see."""
    return permintaan_mentoring_terlihat(user).filter(pemohon=pegawai).select_related(*_RELASI).order_by(
        "-tanggal_pengajuan", "-pk"
    )


def sesi_permintaan(permintaan: PermintaanMentoring) -> QuerySet[Sesi]:
    """Sessions of a relationship: those logged on it, plus group sessions logged on another
    relationship of the same mentor in which this mentee took part, within this relationship's
    period (so a re-matched request keeps its own sessions)."""
    kondisi = Q(induk_id=permintaan.pk)
    if permintaan.tanggal_mulai is not None:
        kelompok = Q(
            jenis=Sesi.Jenis.MENTORING, pembimbing_id=permintaan.mentor_id,
            peserta__pegawai_id=permintaan.pemohon_id, tanggal__gte=permintaan.tanggal_mulai,
        )
        if permintaan.tanggal_berakhir is not None:
            kelompok &= Q(tanggal__lte=permintaan.tanggal_berakhir)
        kondisi |= kelompok
    # Sessions hung on any mentoring request (the generic relation's type), matching `kondisi`.
    ids = Sesi.objects.filter(permintaan_mentoring__isnull=False).filter(kondisi).values("pk")
    return sesi_dengan_peserta(Sesi.objects.filter(pk__in=ids))


def rantai_pengalihan(permintaan: PermintaanMentoring) -> list[PermintaanMentoring]:
    """The re-match chain this request belongs to, oldest first (a handful of rows)."""
    awal = permintaan
    terlihat = set()
    while awal.dialihkan_dari_id and awal.dialihkan_dari_id not in terlihat:
        terlihat.add(awal.pk)
        awal = PermintaanMentoring.objects.select_related("mentor").get(pk=awal.dialihkan_dari_id)
    rantai = [awal]
    while True:
        berikut = (
            PermintaanMentoring.objects.filter(dialihkan_dari=rantai[-1]).select_related("mentor").order_by("pk").first()
        )
        if berikut is None or berikut.pk in {r.pk for r in rantai}:
            break
        rantai.append(berikut)
    return rantai if len(rantai) > 1 else []


def riwayat_status(permintaan: PermintaanMentoring) -> list:
    """The relationship's changes (simple_history), newest first, with who made them."""
    qs = permintaan.history.select_related("history_user__pegawai").order_by("-history_date", "-history_id")
    return list(qs[:50])


def mentor_daftar(*, user, q: str = "", aktif: str = "") -> QuerySet[Mentor]:
    """Registered mentors with their running load (accepted requests). Searched by name and field;
    by NIP only as `cari_pegawai` allows (the list is open to every signed-in user)."""
    qs = Mentor.objects.select_related("pegawai__jabatan", "pegawai__opd").annotate(
        beban=Count("pegawai__mentoring_diminta", filter=Q(pegawai__mentoring_diminta__status=Status.DITERIMA))
    )
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(bidang__icontains=q) | cari_pegawai(user, q, awalan="pegawai__"))
    if aktif == "1":
        qs = qs.filter(aktif=True)
    elif aktif == "0":
        qs = qs.filter(aktif=False)
    return qs.order_by("pegawai__nama", "pk")


def mentee_aktif(*, user, mentor: Pegawai) -> tuple[int, list[PermintaanMentoring]]:
    """The mentor's running relationships: the count for everyone, the rows only those the user
    may see (the mentor, BPSDM, the mentee, the mentee's supervisor or kepala)."""
    jumlah = PermintaanMentoring.objects.filter(mentor=mentor, status=Status.DITERIMA).count()
    terlihat = permintaan_mentoring_terlihat(user).filter(mentor=mentor, status=Status.DITERIMA).select_related(
        "pemohon__jabatan", "pemohon__opd"
    )
    return jumlah, list(terlihat.order_by("pemohon__nama"))


def riwayat_permintaan(pegawai) -> tuple[QuerySet, Judul]:
    """Mentoring requests the employee made or was asked for, as a source of their audit trail."""
    return (
        PermintaanMentoring.history.filter(Q(pemohon_id=pegawai.pk) | Q(mentor_id=pegawai.pk)),
        lambda r: f"Permintaan mentoring: {r.topik}",
    )
