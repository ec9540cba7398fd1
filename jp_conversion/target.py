"""The annual JP target (CONVERSION.md "Targets"). PNS: at least 20 JP a year (PP 11/2017 art. 203(4)
as amended by PP 17/2020). PPPK: PP 49/2018 art. 40(1) gives at most 24 JP per contract year, a
ceiling, not a minimum; (decision) PPPK get a configurable target too (default 20, as agencies apply
it) and the ceiling is shown apart. A `TargetJP` row for (year, ASN type) overrides the default."""
from __future__ import annotations

from decimal import Decimal

from bangkom.pegawai.models import Pegawai

from .models import TargetJP

TARGET_BAWAAN = Decimal("20")
BATAS_ATAS_PPPK = Decimal("24")
DASAR_HUKUM = {
    Pegawai.JenisASN.PNS: "PP 11/2017 ps. 203 ayat (4) jo. PP 17/2020: paling sedikit 20 JP setahun",
    Pegawai.JenisASN.PPPK: "PP 49/2018 ps. 40 ayat (1): paling lama 24 JP setahun (batas atas)",
}


def target_semua(*, tahun: int) -> dict[str, Decimal]:
    """The target of every ASN type for a year, in one query: {"PNS": 20, "PPPK": 20}."""
    hasil = {jenis: TARGET_BAWAAN for jenis in Pegawai.JenisASN.values}
    hasil.update(TargetJP.objects.filter(tahun=tahun).values_list("jenis_asn", "target"))
    return hasil


def target_untuk(*, tahun: int, jenis_asn: str) -> Decimal:
    """The target of one ASN type in one year (the default when no TargetJP row exists)."""
    return target_semua(tahun=tahun).get(jenis_asn, TARGET_BAWAAN)


def batas_atas(jenis_asn: str) -> Decimal | None:
    """The regulatory ceiling shown apart for PPPK (None for PNS: no ceiling)."""
    return BATAS_ATAS_PPPK if jenis_asn == Pegawai.JenisASN.PPPK else None
