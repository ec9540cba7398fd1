"""Likert recap of evaluations (RULES §5, BPSDM Malut peer-mentoring study). Pure Python, no Django.

Mentees score each indicator 1–5. The recap gives each indicator's mean and category and the overall
mean and category.

- Means are Decimals to two places, rounded half up; the category is read from that ROUNDED mean
  (4.204 -> 4.20 -> "Baik"; 4.205 -> 4.21 -> "Sangat Baik").
- The overall mean is the mean of ALL individual scores (not the mean of the indicator means).
- Five equal intervals: 1.00–1.80, 1.81–2.60, 2.61–3.40, 3.41–4.20, 4.21–5.00, read as
  "Sangat Tidak Baik … Sangat Baik" (skala "baik", the default) or "Sangat Rendah … Sangat Tinggi"
  (skala "kontribusi", for contribution to organisational performance).
- A score that is not an integer 1–5 (bool included: True is not a score) raises ValueError with an
  Indonesian message.
- (decision) No scores (no indicator, or an indicator with no score) gives ``rata_rata=None`` and
  ``kategori=None`` for that row / the whole: "belum ada penilaian" is not a category.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

__all__ = [
    "SKOR_MIN",
    "SKOR_MAKS",
    "INTERVAL",
    "KATEGORI_BAIK",
    "KATEGORI_KONTRIBUSI",
    "SKALA",
    "RekapIndikator",
    "Rekap",
    "kategori",
    "rekap",
]

SKOR_MIN = 1
SKOR_MAKS = 5
CENT = Decimal("0.01")

#: The five equal intervals (inclusive bounds, on the mean rounded to two places).
INTERVAL: tuple[tuple[Decimal, Decimal], ...] = (
    (Decimal("1.00"), Decimal("1.80")),
    (Decimal("1.81"), Decimal("2.60")),
    (Decimal("2.61"), Decimal("3.40")),
    (Decimal("3.41"), Decimal("4.20")),
    (Decimal("4.21"), Decimal("5.00")),
)

#: interval -> category, for perception/quality scores.
KATEGORI_BAIK: Mapping[tuple[Decimal, Decimal], str] = MappingProxyType(
    dict(zip(INTERVAL, ("Sangat Tidak Baik", "Tidak Baik", "Cukup", "Baik", "Sangat Baik"), strict=True))
)
#: interval -> category, for contribution scores (same intervals).
KATEGORI_KONTRIBUSI: Mapping[tuple[Decimal, Decimal], str] = MappingProxyType(
    dict(zip(INTERVAL, ("Sangat Rendah", "Rendah", "Sedang", "Tinggi", "Sangat Tinggi"), strict=True))
)
SKALA: Mapping[str, Mapping[tuple[Decimal, Decimal], str]] = MappingProxyType(
    {"baik": KATEGORI_BAIK, "kontribusi": KATEGORI_KONTRIBUSI}
)


@dataclass(frozen=True)
class RekapIndikator:
    nama: str
    rata_rata: Decimal | None
    kategori: str | None
    jumlah: int  # number of scores


@dataclass(frozen=True)
class Rekap:
    indikator: list[RekapIndikator]  # in input order
    rata_rata: Decimal | None  # mean of all individual scores
    kategori: str | None
    jumlah: int  # number of all scores
    skala: str = "baik"


def _tabel(skala: str) -> Mapping[tuple[Decimal, Decimal], str]:
    try:
        return SKALA[skala]
    except KeyError:
        raise ValueError(f"Skala tidak dikenal: {skala!r} (pilih 'baik' atau 'kontribusi').") from None


def kategori(mean: Decimal, skala: str = "baik") -> str:
    """The category of a mean, read from the mean rounded half up to two places."""
    tabel = _tabel(skala)
    if isinstance(mean, bool) or not isinstance(mean, Decimal | int):
        raise ValueError(f"Rata-rata harus berupa Decimal, bukan {mean!r}.")
    value = Decimal(mean)
    if not value.is_finite():
        raise ValueError(f"Rata-rata tidak valid: {mean!r}.")
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
    for (bawah, atas), nama in tabel.items():
        if bawah <= rounded <= atas:
            return nama
    raise ValueError(f"Rata-rata {rounded} di luar rentang {SKOR_MIN}–{SKOR_MAKS}.")


def _mean(total: int, n: int) -> Decimal:
    """total / n rounded half up to two places, exactly (integer arithmetic, no binary rounding)."""
    cents = (200 * total + n) // (2 * n)
    return (Decimal(cents) / 100).quantize(CENT)


def _check(nama: str, skor: object) -> int:
    if isinstance(skor, bool) or not isinstance(skor, int):
        raise ValueError(f"Skor indikator {nama!r} harus bilangan bulat 1–5, bukan {skor!r}.")
    if not SKOR_MIN <= skor <= SKOR_MAKS:
        raise ValueError(f"Skor indikator {nama!r} harus antara 1 dan 5, bukan {skor}.")
    return skor


def rekap(scores_by_indicator: Mapping[str, Sequence[int]], skala: str = "baik") -> Rekap:
    """Recap per indicator (input order) and overall. See the module docstring for the rules."""
    _tabel(skala)  # validate the scale before anything else
    baris: list[RekapIndikator] = []
    total = 0
    jumlah = 0
    for nama, scores in scores_by_indicator.items():
        if isinstance(scores, str | bytes):
            raise ValueError(f"Skor indikator {nama!r} harus berupa daftar angka.")
        values = [_check(nama, s) for s in scores]
        if values:
            mean = _mean(sum(values), len(values))
            baris.append(RekapIndikator(nama, mean, kategori(mean, skala), len(values)))
        else:
            baris.append(RekapIndikator(nama, None, None, 0))
        total += sum(values)
        jumlah += len(values)
    if jumlah == 0:
        return Rekap(baris, None, None, 0, skala)
    mean = _mean(total, jumlah)
    return Rekap(baris, mean, kategori(mean, skala), jumlah, skala)
