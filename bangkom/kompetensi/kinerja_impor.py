"""Yearly performance results (predikat kinerja SKP) from the SKP export, as Excel (.xlsx) or CSV: the
same preview (every row's problems, and whether each row creates or updates) and all-or-nothing
commit as the employee import (the shared reader bangkom/pegawai/impor_tabel.py for both formats), through
the same two-step flow (impor_alur). One row per employee (NIP) and year; a re-import updates it."""
from __future__ import annotations

import io
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook

from bangkom.pegawai.impor import BarisImpor, HasilPratinjau
from bangkom.pegawai.impor_tabel import baca_tabel
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
    baris = baca_tabel(isi, kolom=KOLOM, wajib=WAJIB)
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
