"""Reads for ONE employee's JP page and for a verifier's waiting list. The callers pass an employee
already fetched through `akses.pegawai_atau_404` and a verifier from `akses.peran`; the compliance
reports over many employees live in `selectors.py`."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet

from bangkom.pegawai.models import Pegawai

from . import perencana, ragam, rules
from .models import NOL, Kegiatan, KegiatanEksternal, RekapTahunan, StatusKegiatan
from .target import batas_atas, target_untuk


@dataclass
class RingkasanJP:
    pegawai: Pegawai
    tahun: int
    target: Decimal
    batas_atas: Decimal | None  # PPPK ceiling (PP 49/2018), shown apart
    total: Decimal
    kegiatan: list[Kegiatan]
    per_jenis: list[tuple[str, Decimal, int]]  # (label, JP counted, activities counted)
    menunggu: int
    rencana: perencana.Rencana
    ragam: ragam.Ragam  # JP per group and 10:20:70 class, from the yearly recap (issue 20)

    @property
    def persen(self) -> int:
        if self.target <= 0:
            return 100
        return min(100, int(self.total * 100 / self.target))

    @property
    def tercapai(self) -> bool:
        return self.total >= self.target


def ringkasan_jp(*, pegawai: Pegawai, tahun: int, hari_ini: date) -> RingkasanJP:
    """Every activity of the year with its credit and reason, the total against the target, JP by
    kind and the planner's advice. A fixed number of queries whatever the number of activities."""
    kegiatan = list(
        Kegiatan.objects.filter(pegawai=pegawai, tahun=tahun)
        .select_related("pembimbing", "eksternal")
        .order_by("-tanggal", "-mulai", "-pk")
    )
    rekap = RekapTahunan.objects.filter(pegawai=pegawai, tahun=tahun).first()
    total = rekap.total if rekap is not None else NOL
    per_jenis: dict[str, list] = defaultdict(lambda: [NOL, 0])
    for k in kegiatan:
        if k.dihitung:
            per_jenis[k.jenis][0] += k.jp
            per_jenis[k.jenis][1] += 1
    target = target_untuk(tahun=tahun, jenis_asn=pegawai.jenis_asn)
    terpakai = perencana.sesi_terpakai((k.jenis, k.tanggal) for k in kegiatan if k.dihitung)
    return RingkasanJP(
        pegawai=pegawai, tahun=tahun, target=target, batas_atas=batas_atas(pegawai.jenis_asn), total=total,
        kegiatan=kegiatan,
        per_jenis=[(rules.label(j), v[0], v[1]) for j, v in sorted(per_jenis.items(), key=lambda x: -x[1][0])],
        menunggu=sum(1 for k in kegiatan if k.status == StatusKegiatan.DIAJUKAN),
        rencana=perencana.rencana(tahun=tahun, hari_ini=hari_ini, target=target, total=total, terpakai=terpakai),
        ragam=ragam.dari_objek(rekap),
    )


def tahun_pilihan(*, pegawai: Pegawai, hari_ini: date) -> list[int]:
    """Years to choose from: those with activities, and always this year."""
    tahun = set(Kegiatan.objects.filter(pegawai=pegawai).values_list("tahun", flat=True).order_by().distinct())
    tahun.add(hari_ini.year)
    return sorted(tahun, reverse=True)


def eksternal_menunggu(*, verifikator: Pegawai, bpsdm: bool, q: str = "") -> QuerySet[KegiatanEksternal]:
    """External activities waiting for this verifier: submitted to them; for BPSDM also those of
    employees without a supervisor (nobody else could verify them)."""
    kondisi = Q(kegiatan__pembimbing=verifikator)
    if bpsdm:
        kondisi |= Q(kegiatan__pembimbing__isnull=True)
    qs = (
        KegiatanEksternal.objects.filter(kondisi, kegiatan__status=StatusKegiatan.DIAJUKAN)
        .exclude(kegiatan__pegawai=verifikator)
        .select_related("kegiatan", "kegiatan__pegawai", "kegiatan__pegawai__unit")
        .order_by("kegiatan__tanggal", "pk")
    )
    if q:
        qs = qs.filter(
            Q(kegiatan__pegawai__nama__icontains=q) | Q(kegiatan__pegawai__nip__icontains=q)
            | Q(kegiatan__materi__icontains=q) | Q(penyelenggara__icontains=q)
        )
    return qs
