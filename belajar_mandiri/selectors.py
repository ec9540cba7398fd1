"""Reads of the belajar mandiri workflow, always scoped by the access module."""
from __future__ import annotations

import calendar
import uuid
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from bangkom.lib.angka import format_jp
from bangkom.pegawai.akses import peran
from bangkom.pegawai.models import Pegawai
from bangkom.pegawai.selectors import cari_pegawai
from jp_conversion import rules
from jp_conversion.models import NOL, Kegiatan, StatusKegiatan
from jp_conversion.services import pratinjau_kredit

from .akses import penugasan_belajar_terlihat
from .models import LogBelajar, PenugasanBelajar, Resume, SumberBelajar

JENIS = "belajar_mandiri"
_DESIMAL: DecimalField[Decimal, Decimal] = DecimalField(max_digits=8, decimal_places=2)


def _dengan_jumlah(qs: QuerySet[PenugasanBelajar]) -> QuerySet[PenugasanBelajar]:
    aktif = ~Q(log__kegiatan__status=StatusKegiatan.DITOLAK)
    return qs.annotate(
        jp_dicatat=Coalesce(Sum("log__kegiatan__jp_belajar", filter=aktif), Value(NOL), output_field=_DESIMAL),
        jp_dihitung=Coalesce(Sum("log__kegiatan__jp"), Value(NOL), output_field=_DESIMAL),
        jumlah_menunggu=Count("log", filter=Q(log__kegiatan__status=StatusKegiatan.DIAJUKAN)),
    )


def penugasan_saya(*, pegawai: Pegawai) -> QuerySet[PenugasanBelajar]:
    qs = PenugasanBelajar.objects.filter(pegawai=pegawai).select_related("atasan")
    return _dengan_jumlah(qs).order_by("status", "-mulai", "-pk")


def penugasan_tim(*, user, q: str = "", status: str = "") -> QuerySet[PenugasanBelajar]:
    """The team's assignments: those the user gave, and those of employees they may see (other
    than their own)."""
    saya = peran(user).pegawai
    qs = penugasan_belajar_terlihat(user).select_related("pegawai", "atasan", "pegawai__unit")
    if saya is not None:
        qs = qs.exclude(pegawai=saya)
    if q:
        q = q.strip()
        qs = qs.filter(Q(topik__icontains=q) | cari_pegawai(user, q, awalan="pegawai__"))
    if status:
        qs = qs.filter(status=status)
    return _dengan_jumlah(qs).order_by("-mulai", "-pk")


def bawahan_untuk(*, atasan: Pegawai) -> QuerySet[Pegawai]:
    return Pegawai.objects.filter(atasan=atasan, aktif=True).order_by("nama")


def log_penugasan(*, penugasan: PenugasanBelajar) -> QuerySet[LogBelajar]:
    return penugasan.log.select_related("kegiatan", "kegiatan__diparaf_oleh", "sumber").order_by(
        "-kegiatan__tanggal", "-pk"
    )


def log_menunggu_paraf(*, atasan: Pegawai) -> QuerySet[LogBelajar]:
    return (
        LogBelajar.objects.filter(penugasan__atasan=atasan, kegiatan__status=StatusKegiatan.DIAJUKAN)
        .select_related("kegiatan", "penugasan__pegawai", "sumber")
        .order_by("kegiatan__tanggal", "pk")
    )


def resume_menunggu(*, atasan: Pegawai) -> QuerySet[Resume]:
    return (
        Resume.objects.filter(penugasan__atasan=atasan, status=Resume.Status.DIAJUKAN)
        .select_related("penugasan__pegawai", "sumber")
        .order_by("dibuat", "pk")
    )


def resume_saya(*, pegawai: Pegawai) -> QuerySet[Resume]:
    return Resume.objects.filter(penugasan__pegawai=pegawai).select_related("penugasan", "sumber", "diparaf_oleh")


@dataclass
class HariKalender:
    tanggal: date
    di_bulan: bool
    dicatat: Decimal = NOL
    dihitung: Decimal = NOL
    jumlah_log: int = 0
    menunggu: int = 0

    @property
    def melebihi(self) -> bool:
        return self.dicatat > self.dihitung and self.menunggu == 0


def kalender_bulan(*, pegawai: Pegawai, tahun: int, bulan: int) -> list[list[HariKalender]]:
    """Weeks (Monday first) of the month with the self-study JP logged (not rejected) and counted
    per day: one query."""
    minggu = calendar.Calendar(firstweekday=0).monthdatescalendar(tahun, bulan)
    awal, akhir = minggu[0][0], minggu[-1][-1]
    hari = {d: HariKalender(d, d.month == bulan) for pekan in minggu for d in pekan}
    baris = Kegiatan.objects.filter(
        pegawai=pegawai, jenis=JENIS, tanggal__range=(awal, akhir)
    ).values_list("tanggal", "status", "jp_belajar", "jp")
    for tanggal, status, jp_belajar, jp in baris:
        h = hari[tanggal]
        h.jumlah_log += 1
        if status != StatusKegiatan.DITOLAK:
            h.dicatat += jp_belajar or NOL
        if status == StatusKegiatan.DIAJUKAN:
            h.menunggu += 1
        h.dihitung += jp
    return [[hari[d] for d in pekan] for pekan in minggu]


@dataclass
class Pratinjau:
    """What the log form shows before saving: the day so far and what this log would add."""

    tanggal: date
    jp_belajar: Decimal
    sudah_tercatat: Decimal
    sudah_diparaf: Decimal
    menunggu: Decimal
    kredit: rules.Credit  # if initialled now (only initialled logs count)
    kredit_bila_semua: rules.Credit  # if the day's waiting logs are initialled too
    pesan: list[str] = field(default_factory=list)

    @property
    def menambah_jp(self) -> bool:
        return self.kredit_bila_semua.jp > 0

    @property
    def kapan(self) -> str:
        return "Hari ini" if self.tanggal == timezone.localdate() else f"Pada {self.tanggal:%d-%m-%Y}"

    @property
    def kalimat_kredit(self) -> str:
        """What this log counts once initialled with the day's other logs (the engine's credit)."""
        if self.kredit_bila_semua.jp == 0:
            return f"Log ini tidak menambah JP: {self.kredit_bila_semua.reason}."
        jp = format_jp(self.kredit_bila_semua.jp, sen=True)
        return f"Log ini akan dihitung {jp} JP setelah diparaf: {self.kredit_bila_semua.reason}."

    def pesan_tersimpan(self) -> str:
        """The message once the log is saved: the day's total INCLUDING this log."""
        total = format_jp(self.sudah_tercatat + self.jp_belajar, sen=True)
        menunggu = format_jp(self.menunggu + self.jp_belajar, sen=True)
        return (
            f"Log tersimpan dan menunggu paraf atasan. {self.kapan} tercatat {total} JP belajar mandiri, "
            f"termasuk log ini ({format_jp(self.sudah_diparaf, sen=True)} JP sudah diparaf, {menunggu} JP "
            f"menunggu paraf). {self.kalimat_kredit}"
        )


def _urut_hari(hari: list[Kegiatan]) -> list[Kegiatan]:
    """One day's self-study rows in the order the engine caps them (time, then recording order)."""
    return sorted(hari, key=lambda k: (k.mulai or time.min, k.dibuat, k.pk))


def log_pratinjau(*, penugasan: PenugasanBelajar, tanggal: date, jp_belajar: Decimal) -> Pratinjau:
    pegawai = penugasan.pegawai
    hari = list(
        Kegiatan.objects.filter(pegawai=pegawai, jenis=JENIS, tanggal=tanggal)
        .exclude(status=StatusKegiatan.DITOLAK)
        .order_by("mulai", "dibuat", "pk")
    )
    diparaf = sum((k.jp_belajar or NOL for k in hari if k.status == StatusKegiatan.DISETUJUI), NOL)
    menunggu = sum((k.jp_belajar or NOL for k in hari if k.status == StatusKegiatan.DIAJUKAN), NOL)
    kredit = pratinjau_kredit(
        pegawai=pegawai, jenis=JENIS, tanggal=tanggal, lingkup=penugasan.lingkup, jp_belajar=jp_belajar
    )
    # The daily cap depends only on that day's self-study, so the day's rows are enough to foresee
    # the credit once the waiting logs are initialled too.
    baru = rules.Activity("__baru__", JENIS, tanggal, penugasan.lingkup, jp_belajar)
    bila_semua = rules.convert([k.aktivitas for k in _urut_hari(hari)] + [baru])[-1]
    p = Pratinjau(tanggal, jp_belajar, diparaf + menunggu, diparaf, menunggu, kredit, bila_semua)
    if hari:
        p.pesan.append(
            f"{p.kapan} sudah {format_jp(p.sudah_tercatat, sen=True)} JP tercatat "
            f"({format_jp(diparaf, sen=True)} JP sudah diparaf, {format_jp(menunggu, sen=True)} JP menunggu paraf)."
        )
    else:
        p.pesan.append(f"{p.kapan} belum ada log belajar mandiri.")
    p.pesan.append(p.kalimat_kredit)
    if kredit.jp != bila_semua.jp:
        p.pesan.append(
            f"Angka itu berlaku bila log lain hari itu yang masih menunggu juga diparaf. Bila atasan memaraf log "
            f"ini lebih dulu, log ini dihitung {format_jp(kredit.jp, sen=True)} JP: {kredit.reason}."
        )
    batas_hari = rules.form(JENIS).jp_per_hari
    if batas_hari is None:  # the conversion table always caps belajar mandiri per day
        raise ValueError("Aturan konversi belajar mandiri tidak memiliki batas JP per hari.")
    batas = rules.angka(batas_hari)
    p.pesan.append(f"Hanya log yang diparaf atasan yang dihitung; batas belajar mandiri {batas} JP per hari.")
    return p


def kredit_bila_diparaf(log: list[LogBelajar]) -> dict[int, rules.Credit]:
    """For the supervisor's paraf desk: what each waiting log counts once initialled together with the
    other logs of its day (initialled or waiting), by the engine, whose reason names the daily cap.
    One query for the whole page."""
    hari = {(lg.kegiatan.pegawai_id, lg.kegiatan.tanggal) for lg in log}
    if not hari:
        return {}
    syarat = Q()
    for pegawai_id, tanggal in hari:
        syarat |= Q(pegawai_id=pegawai_id, tanggal=tanggal)
    per_hari: dict[tuple[int, date], list[Kegiatan]] = {}
    for k in Kegiatan.objects.filter(syarat, jenis=JENIS).exclude(status=StatusKegiatan.DITOLAK):
        per_hari.setdefault((k.pegawai_id, k.tanggal), []).append(k)
    kredit: dict[int, rules.Credit] = {}
    for daftar in per_hari.values():
        daftar = _urut_hari(daftar)
        kredit.update(zip((k.pk for k in daftar), rules.convert([k.aktivitas for k in daftar]), strict=True))
    return {lg.pk: kredit[lg.kegiatan_id] for lg in log if lg.kegiatan_id in kredit}


@dataclass
class RekapSumber:
    """One kind of learning source across the province: how often it was named and used, and how
    the supervisors rated it at evaluation."""

    jenis: str
    nama: str
    jumlah: int  # sources of this kind named in assignments
    terpakai: int  # of which used (named by a study log or a resume)
    jumlah_log: int  # study logs citing a source of this kind (rejected logs excluded)
    jp_dicatat: Decimal  # JP studied in those logs
    paling_efektif: int
    cukup: int
    kurang: int

    @property
    def dinilai(self) -> int:
        return self.paling_efektif + self.cukup + self.kurang

    @property
    def persen_paling_efektif(self) -> int | None:
        return round(100 * self.paling_efektif / self.dinilai) if self.dinilai else None


def rekap_sumber_belajar(*, user) -> list[RekapSumber]:
    """Per source kind (`SumberBelajar.Jenis`), for the assignments the user may see (BPSDM: all):
    usage and ratings. Two grouped queries, whatever the number of sources."""
    penugasan = penugasan_belajar_terlihat(user).values("pk")
    sumber = SumberBelajar.objects.filter(penugasan__in=penugasan)
    P = SumberBelajar.Penilaian
    baris = {
        r["jenis"]: r for r in sumber.values("jenis").annotate(
            jumlah=Count("pk", distinct=True),
            terpakai=Count("pk", filter=Q(log__isnull=False) | Q(resume__isnull=False), distinct=True),
            paling_efektif=Count("pk", filter=Q(penilaian=P.PALING_EFEKTIF), distinct=True),
            cukup=Count("pk", filter=Q(penilaian=P.CUKUP), distinct=True),
            kurang=Count("pk", filter=Q(penilaian=P.KURANG), distinct=True),
        ).order_by()
    }
    pakai = {
        r["sumber__jenis"]: r for r in LogBelajar.objects.filter(sumber__in=sumber)
        .exclude(kegiatan__status=StatusKegiatan.DITOLAK)
        .values("sumber__jenis").annotate(n=Count("pk"), jp=Sum("kegiatan__jp_belajar")).order_by()
    }
    hasil = []
    for jenis, nama in SumberBelajar.Jenis.choices:
        r, lg = baris.get(jenis, {}), pakai.get(jenis, {})
        hasil.append(RekapSumber(
            jenis=jenis, nama=str(nama), jumlah=r.get("jumlah", 0), terpakai=r.get("terpakai", 0),
            jumlah_log=lg.get("n", 0), jp_dicatat=lg.get("jp") or NOL,
            paling_efektif=r.get("paling_efektif", 0), cukup=r.get("cukup", 0), kurang=r.get("kurang", 0),
        ))
    return hasil


def log_klien(penugasan: PenugasanBelajar, id_klien: uuid.UUID | None) -> LogBelajar | None:
    """The log of the assignment a phone already sent with this id (issue 22), if any."""
    if id_klien is None:
        return None
    return LogBelajar.objects.filter(penugasan=penugasan, id_klien=id_klien).select_related("kegiatan").first()
