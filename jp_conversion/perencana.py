"""The planner: for an employee below the yearly target, what coaching and mentoring in the months
left can still give ("sisa 6 JP: 2 sesi coaching dan 1 sesi mentoring di November cukup"), and a flag
for those who can no longer reach the target from coaching and mentoring alone this year.

Beyond the regulation, pure given its inputs: no Django, no database. The
caps come from `rules` (sessions per month and their value), so a new rule set changes the advice.
(decision) The plan counts national sessions only (an international one needs a programme abroad,
not something an employee can plan for) and fills the nearest months first (the sooner, the less
risk of running out of months); the current month counts as left (sessions can still be held)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from . import rules

JENIS_SESI = ("coaching", "mentoring")
NOL = Decimal("0.00")


@dataclass(frozen=True)
class Langkah:
    """`sesi` more sessions of `jenis` in month `bulan` give `jp`."""

    bulan: int
    jenis: str
    sesi: int
    jp: Decimal

    def __str__(self) -> str:
        return f"{self.sesi} sesi {rules.form(self.jenis).nama} di {rules.nama_bulan(self.bulan)}"


@dataclass(frozen=True)
class Rencana:
    tahun: int
    target: Decimal
    total: Decimal
    sisa: Decimal  # what is still missing (0 when reached)
    kapasitas: Decimal  # the most coaching + mentoring can still give this year
    bulan_tersisa: tuple[int, ...]
    langkah: tuple[Langkah, ...]  # the plan, nearest months first; empty when reached or unreachable

    @property
    def tercapai(self) -> bool:
        return self.sisa <= 0

    @property
    def tidak_terkejar(self) -> bool:
        """Cannot reach the target from coaching and mentoring alone in the months left."""
        return self.kapasitas < self.sisa

    @property
    def saran(self) -> str:
        if self.tercapai:
            return f"Target {rules.angka(self.target)} JP tahun {self.tahun} sudah tercapai."
        sisa = rules.angka(self.sisa)
        if not self.bulan_tersisa:
            return f"Tahun {self.tahun} sudah berakhir; kekurangan {sisa} JP tidak dapat dikejar lagi."
        if self.tidak_terkejar:
            return (
                f"Sisa {sisa} JP tidak dapat dipenuhi dari coaching dan mentoring saja: sampai Desember "
                f"keduanya paling banyak memberi {rules.angka(self.kapasitas)} JP. Tambahkan pelatihan, seminar, "
                "e-learning atau belajar mandiri."
            )
        bagian = [str(langkah) for langkah in self.langkah]
        daftar = bagian[0] if len(bagian) == 1 else ", ".join(bagian[:-1]) + " dan " + bagian[-1]
        return f"Sisa {sisa} JP: {daftar} cukup."


def sesi_terpakai(kegiatan: Iterable[tuple[str, date]]) -> Counter:
    """Count counted coaching/mentoring sessions per (kind, month) from (jenis, tanggal) pairs of the
    year's COUNTED activities; other kinds are ignored."""
    return Counter((jenis, tanggal.month) for jenis, tanggal in kegiatan if jenis in JENIS_SESI)


def bulan_tersisa(*, tahun: int, hari_ini: date) -> tuple[int, ...]:
    if tahun < hari_ini.year:
        return ()
    if tahun > hari_ini.year:
        return tuple(range(1, 13))
    return tuple(range(hari_ini.month, 13))


def _sesi(jenis: str, tahun: int, bulan: int) -> tuple[int, Decimal]:
    """(sessions counted per month, JP of one national session) in force in that month."""
    hari = date(tahun, bulan, 1)
    bentuk = rules.form(jenis, hari)
    maks = rules.jp_maksimum_bulan(jenis, rules.NASIONAL, hari)  # ValueError when there is no monthly cap
    batas = bentuk.sesi_per_bulan
    if batas is None:  # cannot happen after jp_maksimum_bulan; narrows the type
        raise ValueError(f"{bentuk.label} tidak memiliki batas sesi per bulan.")
    return batas, maks / batas


def rencana(
    *,
    tahun: int,
    hari_ini: date,
    target: Decimal,
    total: Decimal,
    terpakai: Mapping[tuple[str, int], int],
) -> Rencana:
    """Plan the rest of `tahun` seen from `hari_ini`. `terpakai`: counted sessions per (kind, month),
    e.g. from `sesi_terpakai`."""
    sisa = max(NOL, Decimal(target) - Decimal(total))
    bulan = bulan_tersisa(tahun=tahun, hari_ini=hari_ini)
    kapasitas = NOL
    langkah: list[Langkah] = []
    kurang = sisa
    for b in bulan:
        for jenis in JENIS_SESI:
            batas, nilai = _sesi(jenis, tahun, b)
            slot = max(0, batas - terpakai.get((jenis, b), 0))
            kapasitas += slot * nilai
            if kurang > 0 and slot:
                perlu = int((kurang / nilai).to_integral_value(rounding=ROUND_CEILING))
                ambil = min(slot, perlu)
                langkah.append(Langkah(b, jenis, ambil, ambil * nilai))
                kurang -= ambil * nilai
    if kapasitas < sisa:
        langkah = []
    return Rencana(
        tahun=tahun, target=Decimal(target), total=Decimal(total), sisa=sisa, kapasitas=kapasitas,
        bulan_tersisa=bulan, langkah=tuple(langkah),
    )
