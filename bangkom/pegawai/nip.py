"""NIP and NI PPPK parsing (RULES §1). Pure: no Django, so forms, imports and tests share it.

NIP PNS, 18 digits: birth date YYYYMMDD, appointment (TMT CPNS) YYYYMM, sex digit, serial.
NI PPPK, 18 digits, same layout except digits 13-14: BKN writes the code "21" there instead of
the appointment month (published NI PPPK read e.g. 19920315 2022 21 2 001), and PPPK exist since
2019. **(decision)** those two facts are what we validate; the rest as for a NIP.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date


class NIPTidakValid(ValueError):
    """Raised with an Indonesian message that names the one fault found."""


@dataclass(frozen=True)
class NIP:
    nilai: str
    tanggal_lahir: date
    tahun_pengangkatan: int
    bulan_pengangkatan: int
    jenis_kelamin: str  # "L" or "P"
    urutan: int

    def samarkan(self) -> str:
        """Masked for public pages and logs: the birth date inside the NIP is personal data."""
        return samarkan(self.nilai)


def samarkan(nilai: str) -> str:
    if len(nilai) < 8:
        return "*" * len(nilai)
    return f"{nilai[:4]}{'*' * (len(nilai) - 7)}{nilai[-3:]}"


KODE_PPPK = "21"
# ASCII digits only: str.isdigit() also accepts Arabic-Indic, full-width and superscript digits, which
# would let a look-alike of an existing NIP in (or crash int() on a superscript).
ANGKA_ASCII = re.compile(r"[0-9]+")


def urai_ni_pppk(nilai: str) -> NIP:
    teks = re.sub(r"\s+", "", str(nilai or ""))
    if len(teks) == 18 and ANGKA_ASCII.fullmatch(teks) and teks[12:14] != KODE_PPPK:
        raise NIPTidakValid(f"NI PPPK: digit 13-14 harus {KODE_PPPK} (kode PPPK), bukan {teks[12:14]}.")
    return urai_nip(teks, label="NI PPPK")


def urai_nip(nilai: str, *, label: str = "NIP") -> NIP:
    teks = re.sub(r"\s+", "", str(nilai or ""))
    if not teks:
        raise NIPTidakValid(f"{label} wajib diisi.")
    if not ANGKA_ASCII.fullmatch(teks):
        raise NIPTidakValid(
            f"{label} hanya boleh berisi angka 0-9 (tanpa titik, huruf, tanda baca, "
            "atau angka dari aksara lain seperti ¹ atau ١)."
        )
    if len(teks) != 18:
        raise NIPTidakValid(f"{label} harus 18 digit; yang diisi {len(teks)} digit.")
    try:
        lahir = date(int(teks[0:4]), int(teks[4:6]), int(teks[6:8]))
    except ValueError:
        raise NIPTidakValid(
            f"{label}: 8 digit pertama ({teks[0:8]}) bukan tanggal lahir yang valid (format TTTTBBHH)."
        ) from None
    if lahir.year < 1940 or lahir > date.today():
        raise NIPTidakValid(f"{label}: tahun lahir {lahir.year} tidak masuk akal.")
    tahun, bulan = int(teks[8:12]), int(teks[12:14])
    if label == "NI PPPK":
        if tahun < 2019 or tahun > date.today().year:
            raise NIPTidakValid(f"NI PPPK: tahun pengangkatan {tahun} tidak mungkin (PPPK ada sejak 2019).")
        bulan = 1  # the "21" code carries no month; January keeps the comparisons below meaningful
    elif not 1 <= bulan <= 12:
        raise NIPTidakValid(f"{label}: digit 13-14 ({teks[12:14]}) bukan bulan pengangkatan yang valid.")
    if (tahun, bulan) < (lahir.year, lahir.month):
        raise NIPTidakValid(f"{label}: bulan pengangkatan {bulan:02d}/{tahun} sebelum tanggal lahir.")
    if (tahun, bulan) > (date.today().year, date.today().month):
        raise NIPTidakValid(f"{label}: bulan pengangkatan {bulan:02d}/{tahun} belum terjadi.")
    kelamin = teks[14]
    if kelamin not in "12":
        raise NIPTidakValid(
            f"{label}: digit ke-15 ({kelamin}) adalah jenis kelamin dan harus 1 (laki-laki) atau 2 (perempuan)."
        )
    urutan = int(teks[15:18])
    if urutan == 0:
        raise NIPTidakValid(f"{label}: nomor urut (3 digit terakhir) tidak boleh 000.")
    return NIP(
        nilai=teks,
        tanggal_lahir=lahir,
        tahun_pengangkatan=tahun,
        bulan_pengangkatan=bulan,
        jenis_kelamin="L" if kelamin == "1" else "P",
        urutan=urutan,
    )
