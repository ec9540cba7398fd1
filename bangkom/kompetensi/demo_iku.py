"""Demo IKU (issue 20): three indicators for every demo OPD with a kepala, and three of every four
plan lines of the year linked to one, so the kepala's dashboard shows development per IKU.
Deterministic and idempotent; called from `demo.isi` after the plans exist."""
from __future__ import annotations

from bangkom.pegawai.demo import KonteksDemo
from bangkom.pegawai.models import PerangkatDaerah

from .models import BarisRencana, IndikatorKinerjaUtama

IKU_DEMO = [
    ("IKU-01", "Indeks kepuasan masyarakat atas layanan {opd}"),
    ("IKU-02", "Persentase capaian target kinerja program {opd}"),
    ("IKU-03", "Nilai akuntabilitas kinerja (SAKIP) {opd}"),
]


def isi(k: KonteksDemo) -> None:
    for opd in PerangkatDaerah.objects.filter(kepala__isnull=False).order_by("kode"):
        iku = [
            IndikatorKinerjaUtama.objects.update_or_create(
                opd=opd, tahun=k.tahun, kode=kode, defaults={"nama": nama.format(opd=opd.singkatan or opd.nama)},
            )[0]
            for kode, nama in IKU_DEMO
        ]
        baris = BarisRencana.objects.filter(rencana__tahun=k.tahun, rencana__pegawai__opd=opd).order_by("pk")
        for i, b in enumerate(baris):
            if i % 4 != 3 and b.iku_id is None:
                b.iku = iku[i % len(iku)]
                b.save(update_fields=["iku"])
