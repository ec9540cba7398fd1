"""Reads for evaluation recaps (RULES §5): grouped per pembimbing, per OPD or per year."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from bangkom.pegawai.riwayat import Judul
from bangkom.sesi.likert import Rekap, rekap

from .models import IndikatorEvaluasi, Sesi, SkorEvaluasi

PENGELOMPOKAN = {"pembimbing": "Pembimbing", "opd": "Perangkat daerah", "tahun": "Tahun"}


@dataclass
class BarisRekap:
    kunci: object
    nama: str
    manfaat: Rekap
    kontribusi: Rekap
    jumlah_manfaat: int  # evaluations (raters), not scores
    jumlah_kontribusi: int


def indikator_aktif() -> dict[str, list[str]]:
    daftar: dict[str, list[str]] = {s: [] for s in IndikatorEvaluasi.Skala.values}
    for i in IndikatorEvaluasi.objects.filter(aktif=True):
        daftar[i.skala].append(i.nama)
    return daftar


def rekap_per_kelompok(evaluasi_qs: QuerySet, *, per: str, q: str = "") -> list[BarisRekap]:
    """One row per group with the Likert recap of both scales, from a single query over the scores
    (the pure `bangkom.sesi.likert.rekap` does the arithmetic)."""
    urutan = indikator_aktif()
    skor = SkorEvaluasi.objects.filter(evaluasi__in=evaluasi_qs).select_related(
        "indikator", "evaluasi__pembimbing", "evaluasi__peserta__opd"
    )
    nilai: dict[object, dict[str, dict[str, list[int]]]] = {}
    nama: dict[object, str] = {}
    penilai: dict[object, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for s in skor:
        e = s.evaluasi
        if per == "opd":
            kunci, label = e.peserta.opd_id, e.peserta.opd.nama
        elif per == "tahun":
            kunci, label = e.tanggal.year, str(e.tanggal.year)
        else:
            kunci, label = e.pembimbing_id, e.pembimbing.nama_lengkap
        if kunci not in nilai:
            nilai[kunci] = {sk: {n: [] for n in urutan[sk]} for sk in urutan}
            nama[kunci] = label
        nilai[kunci][e.skala].setdefault(s.indikator.nama, []).append(s.skor)
        penilai[kunci][e.skala].add(e.pk)
    baris = [
        BarisRekap(
            kunci=k, nama=nama[k],
            manfaat=rekap(nilai[k]["manfaat"], skala="baik"),
            kontribusi=rekap(nilai[k]["kontribusi"], skala="kontribusi"),
            jumlah_manfaat=len(penilai[k]["manfaat"]), jumlah_kontribusi=len(penilai[k]["kontribusi"]),
        )
        for k in nilai
    ]
    if q:
        baris = [b for b in baris if q.lower() in b.nama.lower()]
    if per == "tahun":
        return sorted(baris, key=lambda b: b.kunci, reverse=True)
    return sorted(baris, key=lambda b: b.nama)


def riwayat_sesi(pegawai) -> tuple[QuerySet, Judul]:
    """Sessions the employee led or attended, as a source of their audit trail."""
    return (
        Sesi.history.filter(Q(pembimbing_id=pegawai.pk) | Q(id__in=pegawai.sesi_diikuti.values("sesi_id"))),
        lambda r: f"Sesi {r.get_jenis_display().lower()} {r.tanggal:%d-%m-%Y}: {r.materi}",
    )
