"""The yearly performance result (predikat kinerja SKP) and what it means for coaching: pure Python,
no Django, so the rules are tested without a database.

- The five predicates are those of PermenPANRB 6/2022 on SKP (Sangat Baik, Baik, Butuh Perbaikan,
  Kurang, Sangat Kurang). "Baik" is the expectation; anything below it is "di bawah ekspektasi".
- The LAN study behind issue 20 says coaching follows a performance evaluation below target, and
  Panduan Langsa (kesenjangan.py) pairs a small gap with coaching. So an employee "perlu coaching"
  when the latest predicate is below "Baik", or when a competency gap is to be closed by coaching,
  or both; the explanation says which, in Indonesian.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SANGAT_BAIK = "sangat_baik"
BAIK = "baik"
BUTUH_PERBAIKAN = "butuh_perbaikan"
KURANG = "kurang"
SANGAT_KURANG = "sangat_kurang"

#: (value, label) best first; the order is the ranking.
PREDIKAT = [
    (SANGAT_BAIK, "Sangat Baik"),
    (BAIK, "Baik"),
    (BUTUH_PERBAIKAN, "Butuh Perbaikan"),
    (KURANG, "Kurang"),
    (SANGAT_KURANG, "Sangat Kurang"),
]
LABEL = dict(PREDIKAT)
DI_BAWAH_EKSPEKTASI = frozenset({BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG})

SUMBER_KINERJA = "kinerja"
SUMBER_KESENJANGAN = "kesenjangan"
SUMBER_KEDUANYA = "keduanya"
SUMBER_LABEL = {
    SUMBER_KINERJA: "Kinerja",
    SUMBER_KESENJANGAN: "Kesenjangan kompetensi",
    SUMBER_KEDUANYA: "Kinerja dan kesenjangan kompetensi",
}


def predikat_dari_teks(teks: str) -> str | None:
    """The predicate value of what an SKP export writes ("Butuh Perbaikan", "BUTUH PERBAIKAN",
    "butuh_perbaikan"), or None when it is not one of the five."""
    kunci = " ".join(str(teks).replace("_", " ").split()).lower()
    for nilai, label in PREDIKAT:
        if kunci == label.lower():
            return nilai
    return None


def di_bawah_ekspektasi(predikat: str | None) -> bool:
    return predikat in DI_BAWAH_EKSPEKTASI


@dataclass(frozen=True)
class Saran:
    """Why coaching is suggested: `sumber` is one of SUMBER_*, `penjelasan` the sentence shown."""

    sumber: str
    penjelasan: str

    @property
    def sumber_label(self) -> str:
        return SUMBER_LABEL[self.sumber]


def saran_coaching(*, predikat: str | None, tahun: int | None, kompetensi: Sequence[str] = ()) -> Saran | None:
    """The coaching suggestion from the latest predicate (of `tahun`) and the names of the competencies
    whose gap is to be closed by coaching; None when neither calls for it."""
    kinerja = di_bawah_ekspektasi(predikat)
    if not kinerja and not kompetensi:
        return None
    teks_kinerja = (f"predikat kinerja {tahun} \u201c{LABEL[predikat]}\u201d di bawah ekspektasi (\u201cBaik\u201d)"
                    if kinerja and predikat is not None else "")
    nama = ", ".join(kompetensi)
    teks_kesenjangan = f"kesenjangan kompetensi yang disarankan ditutup dengan coaching: {nama}" if nama else ""
    if kinerja and kompetensi:
        return Saran(SUMBER_KEDUANYA, f"Dari kinerja dan kesenjangan kompetensi: {teks_kinerja}; "
                                      f"juga {teks_kesenjangan}.")
    if kinerja:
        return Saran(SUMBER_KINERJA, f"Dari kinerja: {teks_kinerja}. Coaching oleh atasan langsung membantu "
                                     "memperbaiki kinerja pada tugas yang sedang dikerjakan.")
    return Saran(SUMBER_KESENJANGAN, f"Dari kesenjangan kompetensi: {teks_kesenjangan}.")
