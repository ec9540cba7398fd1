"""Yearly performance results (predikat kinerja SKP) from the SKP export, as Excel (.xlsx) or CSV: the
same preview (every row's problems, and whether each row creates or updates) and all-or-nothing
commit as the employee import (bangkom/pegawai/impor.py, whose reader this reuses for Excel), through
the same two-step flow (impor_alur). One row per employee (NIP) and year; a re-import updates it."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook

from bangkom.pegawai.impor import BARIS_MAKS, BarisImpor, BerkasTidakValid, HasilPratinjau, baca_xlsx
from bangkom.pegawai.models import Pegawai

from . import kinerja
from .models import PenilaianKinerja

KOLOM = [
    ("nip", "NIP"),
    ("nama", "Nama"),
    ("tahun", "Tahun"),
    ("predikat", "Predikat Kinerja"),
]
WAJIB = {"nip", "tahun", "predikat"}
TAHUN_MIN = 2000
BARU, DIPERBARUI = "Baru", "Diperbarui"


@dataclass
class HasilKinerja(HasilPratinjau):
    @property
    def jumlah_baru(self) -> int:
        return sum(b.data.get("aksi") == BARU for b in self.baris)

    @property
    def jumlah_diperbarui(self) -> int:
        return sum(b.data.get("aksi") == DIPERBARUI for b in self.baris)


def templat_xlsx() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Predikat Kinerja"
    ws.append([judul for _, judul in KOLOM])
    ws.append(["198503122010011001", "Budi Santoso (kolom ini hanya keterangan)", timezone.localdate().year - 1,
               "Baik"])
    petunjuk = wb.create_sheet("Petunjuk")
    petunjuk.append(["Isi Predikat Kinerja dengan salah satu dari: "
                     + ", ".join(label for _, label in kinerja.PREDIKAT) + "."])
    petunjuk.append(["Satu baris per pegawai per tahun; impor ulang NIP dan tahun yang sama memperbarui predikatnya."])
    petunjuk.append(["Berkas CSV (dipisah koma atau titik koma, UTF-8) dengan judul kolom yang sama juga diterima."])
    for kolom, lebar in zip("ABCD", (24, 40, 10, 20), strict=True):
        ws.column_dimensions[kolom].width = lebar
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _baca_csv(isi: bytes) -> list[BarisImpor]:
    """A CSV (comma, semicolon or tab separated; UTF-8, with or without BOM) into the same rows as
    `baca_xlsx`: header matched by title, case-insensitive."""
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BerkasTidakValid("Berkas bukan Excel (.xlsx) atau CSV UTF-8 yang valid.") from None
    try:
        dialek: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(teks[:4096], delimiters=",;\t")
    except csv.Error:
        dialek = csv.excel
    rows = csv.reader(io.StringIO(teks), dialek)
    try:
        header = [h.strip().lower() for h in next(rows)]
    except (StopIteration, csv.Error):
        raise BerkasTidakValid("Berkas kosong: tidak ada baris judul kolom.") from None
    indeks = {kunci: header.index(judul.lower()) for kunci, judul in KOLOM if judul.lower() in header}
    kurang = [judul for kunci, judul in KOLOM if kunci in WAJIB and kunci not in indeks]
    if kurang:
        raise BerkasTidakValid("Kolom wajib tidak ditemukan: " + ", ".join(kurang) + ". Gunakan templat impor.")
    hasil = []
    try:
        for nomor, row in enumerate(rows, start=2):
            if nomor - 1 > BARIS_MAKS:
                raise BerkasTidakValid(f"Berkas berisi lebih dari {BARIS_MAKS} baris; bagi menjadi beberapa berkas.")
            if all(not v.strip() for v in row):
                continue
            hasil.append(BarisImpor(nomor=nomor, data={k: (row[i].strip() if i < len(row) else "")
                                                       for k, i in indeks.items()}))
    except csv.Error as exc:
        raise BerkasTidakValid(f"Berkas CSV rusak: {exc}.") from None
    return hasil


def _baca(isi: bytes) -> list[BarisImpor]:
    if isi[:4] == b"PK\x03\x04":  # an .xlsx is a zip archive
        return baca_xlsx(isi, kolom=KOLOM, wajib=WAJIB)
    return _baca_csv(isi)


def _periksa_baris(b: BarisImpor, pegawai: dict[str, int], tahun_maks: int) -> None:
    d = b.data
    for kunci, judul in KOLOM:
        if kunci in WAJIB and not d.get(kunci):
            b.masalah.append(f"{judul} wajib diisi.")
    d["nip"] = "".join(d.get("nip", "").split())
    if d["nip"] and d["nip"] not in pegawai:
        b.masalah.append(f"Pegawai dengan NIP {d['nip']} tidak ditemukan.")
    if d.get("tahun"):
        try:
            tahun = int(d["tahun"])
        except ValueError:
            b.masalah.append(f"Tahun '{d['tahun']}' bukan angka tahun.")
        else:
            if not TAHUN_MIN <= tahun <= tahun_maks:
                b.masalah.append(f"Tahun {tahun} di luar rentang {TAHUN_MIN}\u2013{tahun_maks}.")
            d["tahun"] = str(tahun)
    if d.get("predikat"):
        nilai = kinerja.predikat_dari_teks(d["predikat"])
        if nilai is None:
            pilihan = ", ".join(label for _, label in kinerja.PREDIKAT)
            b.masalah.append(f"Predikat '{d['predikat']}' tidak dikenal: isi salah satu dari {pilihan}.")
        else:
            d["predikat_nilai"] = nilai
            d["predikat"] = kinerja.LABEL[nilai]


def pratinjau(isi: bytes) -> HasilKinerja:
    baris = _baca(isi)
    pegawai = dict(Pegawai.objects.values_list("nip", "pk"))
    tahun_maks = timezone.localdate().year
    ada = set(PenilaianKinerja.objects.values_list("pegawai_id", "tahun"))
    pasangan: dict[tuple[str, str], int] = {}
    for b in baris:
        _periksa_baris(b, pegawai, tahun_maks)
        kunci = (b.data["nip"], b.data.get("tahun", ""))
        if all(kunci):
            if kunci in pasangan:
                b.masalah.append(f"NIP {kunci[0]} tahun {kunci[1]} sudah ada di baris {pasangan[kunci]}.")
            else:
                pasangan[kunci] = b.nomor
        if not b.masalah:
            b.data["aksi"] = DIPERBARUI if (pegawai[b.data["nip"]], int(b.data["tahun"])) in ada else BARU
    return HasilKinerja(baris=baris)


@transaction.atomic
def kinerja_impor(*, isi: bytes) -> dict:
    """Commit a file whose preview is clean (all or nothing): one row per employee-year, created or
    updated."""
    hasil = pratinjau(isi).wajib_valid()
    pegawai = dict(Pegawai.objects.values_list("nip", "pk"))
    dibuat = diperbarui = 0
    for b in hasil.baris:
        _, baru = PenilaianKinerja.objects.update_or_create(
            pegawai_id=pegawai[b.data["nip"]], tahun=int(b.data["tahun"]),
            defaults={"predikat": b.data["predikat_nilai"]},
        )
        dibuat += baru
        diperbarui += not baru
    return {"dibuat": dibuat, "diperbarui": diperbarui, "baris": len(hasil.baris)}
