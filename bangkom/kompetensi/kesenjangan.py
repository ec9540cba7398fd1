"""Gap arithmetic and the choice of development form: pure Python, no Django (RULES §2).

- Gap (kesenjangan) = required level − current level, only where it is > 0. A competency in the
  position standard without any assessment is "belum dinilai": it is not a gap (nothing is known
  yet), and it is shown as such so that it gets assessed.
- The form that closes a gap follows Panduan Langsa's comparison table of coaching and mentoring
  (§F "Menutupi Kesenjangan") and §C–E on belajar mandiri:
    * small performance gap caused by low motivation or saturation → coaching (supervisor's
      initiative, short term, focus on the task);
    * large gap caused by missing skill, expertise or experience → mentoring (employee's
      initiative, voluntary, long term, personal development);
    * a knowledge gap that available learning sources can fill → belajar mandiri (assigned by the
      supervisor).
  Cases the table leaves open are decided below, each marked (decision).
"""
from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

MEMENUHI = "memenuhi"
KESENJANGAN = "kesenjangan"
BELUM_DINILAI = "belum_dinilai"

MOTIVASI = "motivasi"
KETERAMPILAN = "keterampilan"
PENGETAHUAN = "pengetahuan"
PENYEBAB = {
    MOTIVASI: "Motivasi/kejenuhan",
    KETERAMPILAN: "Keterampilan/keahlian/pengalaman",
    PENGETAHUAN: "Pengetahuan",
}

#: A gap of this many levels or more is "large" (decision: the table says only small/large; one
#: level is the smallest step the 1–5 scale can show, so anything beyond it is large).
SELISIH_BESAR = 2


@dataclass(frozen=True)
class Butir(Generic[K]):
    """One competency of a position standard compared with the employee's current level."""

    kompetensi: K
    standar: int
    saat_ini: int | None

    @property
    def selisih(self) -> int:
        """The gap (≥ 0); 0 when met or not yet assessed."""
        if self.saat_ini is None:
            return 0
        return max(self.standar - self.saat_ini, 0)

    @property
    def status(self) -> str:
        if self.saat_ini is None:
            return BELUM_DINILAI
        return KESENJANGAN if self.selisih > 0 else MEMENUHI

    @property
    def status_label(self) -> str:
        return {MEMENUHI: "Memenuhi standar", KESENJANGAN: "Ada kesenjangan", BELUM_DINILAI: "Belum dinilai"}[
            self.status
        ]


def bandingkan(standar: Mapping[K, int], saat_ini: Mapping[K, int]) -> list[Butir[K]]:
    """Every competency of the standard (in the standard's order) with its current level.
    Competencies assessed but not in the standard are ignored: the position does not need them."""
    return [Butir(kompetensi=k, standar=lv, saat_ini=saat_ini.get(k)) for k, lv in standar.items()]


def hitung_kesenjangan(standar: Mapping[K, int], saat_ini: Mapping[K, int]) -> list[Butir[K]]:
    """Only the gaps: competencies whose current level is known and below the standard."""
    return [b for b in bandingkan(standar, saat_ini) if b.selisih > 0]


def ukuran(selisih: int) -> str:
    return "besar" if selisih >= SELISIH_BESAR else "kecil"


def rekomendasi_bentuk(selisih: int, penyebab: str | None) -> tuple[str, str]:
    """(bentuk, penjelasan): the development form (a jp_conversion.rules kind: "coaching",
    "mentoring" or "belajar_mandiri") recommended for a gap of `selisih` levels with the cause
    agreed in the gap dialog, and why, in Indonesian. `penyebab` None = not yet discussed."""
    if selisih <= 0:
        raise ValueError("Tidak ada kesenjangan: rekomendasi hanya untuk kesenjangan lebih dari 0.")
    besar = selisih >= SELISIH_BESAR
    teks_selisih = f"Kesenjangan {selisih} level ({ukuran(selisih)})"
    if penyebab == PENGETAHUAN:
        return "belajar_mandiri", (
            f"{teks_selisih} karena kurang pengetahuan dapat diisi dari sumber belajar yang tersedia: "
            "belajar mandiri yang ditugaskan dan dipantau atasan langsung."
        )
    if penyebab == MOTIVASI:
        if besar:
            # (decision) the table pairs motivation with coaching; a large gap keeps that form
            # because the cause, not the size, is what coaching addresses.
            return "coaching", (
                f"{teks_selisih} karena motivasi/kejenuhan: coaching oleh atasan langsung, berfokus pada "
                "tugas dan tujuan jangka pendek. Karena kesenjangannya besar, pantau hasilnya dan pertimbangkan "
                "mentoring bila ternyata juga kurang keterampilan."
            )
        return "coaching", (
            f"{teks_selisih} karena kurang motivasi atau jenuh: coaching atas prakarsa atasan langsung, "
            "jangka pendek, berfokus pada tugas yang harus segera diselesaikan."
        )
    if penyebab == KETERAMPILAN:
        if besar:
            return "mentoring", (
                f"{teks_selisih} karena kurang keterampilan, keahlian atau pengalaman: mentoring oleh pegawai "
                "senior atau atasan, atas prakarsa pegawai, jangka panjang, berfokus pada pengembangan pribadi."
            )
        # (decision) coaching's aim in the table includes "memberikan keterampilan yang diperlukan"
        # for a task; a one-level skill gap is that case.
        return "coaching", (
            f"{teks_selisih} karena keterampilan: coaching oleh atasan langsung untuk membekali keterampilan "
            "yang diperlukan dalam tugas, jangka pendek."
        )
    if penyebab is not None:
        raise ValueError(f"Penyebab kesenjangan tidak dikenal: {penyebab!r}.")
    # (decision) before the dialog the cause is unknown: suggest by size alone, and say so.
    if besar:
        return "mentoring", (
            f"{teks_selisih}; penyebab belum dibahas dalam dialog. Kesenjangan besar umumnya diisi dengan "
            "mentoring; pastikan penyebabnya bersama atasan."
        )
    return "coaching", (
        f"{teks_selisih}; penyebab belum dibahas dalam dialog. Kesenjangan kecil umumnya diisi dengan "
        "coaching; pastikan penyebabnya bersama atasan."
    )
