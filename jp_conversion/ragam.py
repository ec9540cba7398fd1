"""The learning mix (ragam pembelajaran): JP per group (klasikal / non-klasikal) and per 10:20:70 class,
the share of each class against the model, and a plain-language hint for a missing part. Pure Python
(standard library only), like the engine; every number comes from credits the engine computed (the
ledger), grouped by the table's `kelompok` and `kelas` (`tabel.kelompok_dan_kelas`).

Sources: Panduan Langsa (10% classical, 20% with colleagues: coaching and mentoring, 70% from work
experience); Perlan 10/2018 pasal 28-29 (klasikal / non-klasikal). The class of each form: RULES §3
(decision) and `docs/ragam-pembelajaran.md`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .tabel import KELAS, KELAS_10, KELAS_20, KELAS_70, KLASIKAL, NONKLASIKAL, kelompok_dan_kelas

NOL = Decimal("0.00")
#: The 10:20:70 model: the share (percent) each class should have.
MODEL = {KELAS_10: Decimal(10), KELAS_20: Decimal(20), KELAS_70: Decimal(70)}
#: Fields of a yearly recap (and annotations of the compliance queries) holding the mix, in order.
KOLOM = ("jp_klasikal", "jp_nonklasikal", "jp_kelas_10", "jp_kelas_20", "jp_kelas_70")

PETUNJUK_KOSONG = {
    KELAS_10: "belum ada pembelajaran klasikal/terstruktur tahun ini (pelatihan, seminar, kursus, e-learning)",
    KELAS_20: "belum ada pembelajaran dengan kolega tahun ini (coaching, mentoring, komunitas belajar)",
    KELAS_70: "belum ada pembelajaran sambil bekerja tahun ini (belajar mandiri, magang, detasering)",
}


@dataclass(frozen=True)
class BagianKelas:
    kelas: str
    label: str
    jp: Decimal
    persen: Decimal  # share of the total, one decimal, rounded half up
    model: Decimal  # the model's share (10, 20 or 70)

    @property
    def selisih(self) -> Decimal:
        """Percentage points above (+) or below (-) the model."""
        return self.persen - self.model


@dataclass(frozen=True)
class Ragam:
    """JP per group and per class. ``klasikal + nonklasikal == total == sum of the classes``."""

    klasikal: Decimal
    nonklasikal: Decimal
    kelas_10: Decimal
    kelas_20: Decimal
    kelas_70: Decimal

    def __post_init__(self) -> None:
        if self.klasikal + self.nonklasikal != self.kelas_10 + self.kelas_20 + self.kelas_70:
            raise ValueError("Jumlah JP per kelompok berbeda dengan jumlah JP per kelas 10:20:70.")

    @property
    def total(self) -> Decimal:
        return self.klasikal + self.nonklasikal

    def jp_kelas(self, kelas: str) -> Decimal:
        return {KELAS_10: self.kelas_10, KELAS_20: self.kelas_20, KELAS_70: self.kelas_70}[kelas]

    def persen(self, kelas: str) -> Decimal:
        """Share of ``kelas`` in the total, in percent with one decimal (0 when nothing counted)."""
        if self.total <= 0:
            return Decimal("0.0")
        return (self.jp_kelas(kelas) * 100 / self.total).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def bagian(self) -> list[BagianKelas]:
        return [BagianKelas(k, KELAS[k], self.jp_kelas(k), self.persen(k), MODEL[k]) for k in KELAS]

    @property
    def petunjuk(self) -> list[str]:
        """Plain-language hints: nothing counted yet, or each class with no JP this year."""
        if self.total <= 0:
            return ["belum ada JP yang dihitung tahun ini"]
        return [PETUNJUK_KOSONG[k] for k in KELAS if self.jp_kelas(k) <= 0]

    def nilai(self) -> dict[str, Decimal]:
        """The recap fields (`KOLOM`) and their values."""
        return dict(zip(KOLOM, (self.klasikal, self.nonklasikal, self.kelas_10, self.kelas_20, self.kelas_70),
                        strict=True))


def dari_kredit(kredit: Iterable[tuple[str, date | None, Decimal]]) -> Ragam:
    """The mix of credits given as (kind, day, JP): each JP goes to its form's group and class in the
    rule set in force on its day."""
    kelompok = {KLASIKAL: NOL, NONKLASIKAL: NOL}
    kelas = dict.fromkeys(KELAS, NOL)
    for kind, day, jp in kredit:
        g, c = kelompok_dan_kelas(kind, day)
        kelompok[g] += jp
        kelas[c] += jp
    return Ragam(kelompok[KLASIKAL], kelompok[NONKLASIKAL], kelas[KELAS_10], kelas[KELAS_20], kelas[KELAS_70])


def dari_jumlah(nilai: Mapping[str, object]) -> Ragam:
    """The mix from summed recap fields (`KOLOM`: an aggregate row or an annotated employee); a
    missing or NULL value is 0."""
    angka = [Decimal(str(nilai.get(k) or 0)).quantize(Decimal("0.01"), ROUND_HALF_UP) for k in KOLOM]
    return Ragam(*angka)


def dari_objek(obj: object, awalan: str = "", akhiran: str = "") -> Ragam:
    """The mix from an object carrying the `KOLOM` fields (a RekapTahunan) or annotations named
    ``awalan + field + akhiran``; None gives an empty mix."""
    if obj is None:
        return Ragam(NOL, NOL, NOL, NOL, NOL)
    return dari_jumlah({k: getattr(obj, awalan + k + akhiran, None) for k in KOLOM})
