"""Position standards from/to Excel: the same preview (every row's problems) and all-or-nothing
commit as the employee import (bangkom/pegawai/impor.py, whose reader this reuses). The export
writes the same columns, so BPSDM can export, edit and import back."""
from __future__ import annotations

import io

from django.db import transaction
from openpyxl import Workbook

from bangkom.lib.sel import baris_xlsx
from bangkom.pegawai.impor import BarisImpor, BerkasTidakValid, HasilPratinjau, baca_xlsx
from bangkom.pegawai.models import Jabatan

from .models import Kompetensi, StandarKompetensi
from .services import standar_simpan

KOLOM = [
    ("kode_jabatan", "Kode Jabatan"),
    ("nama_jabatan", "Nama Jabatan"),
    ("kode_kompetensi", "Kode Kompetensi"),
    ("nama_kompetensi", "Nama Kompetensi"),
    ("level_standar", "Level Standar"),
]
WAJIB = {"kode_jabatan", "kode_kompetensi", "level_standar"}
HAPUS = "0"

__all__ = ["BerkasTidakValid", "HasilPratinjau", "BarisImpor", "pratinjau", "standar_impor", "ekspor_xlsx",
           "templat_xlsx"]


def _buku(baris: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Standar Kompetensi"
    ws.append([judul for _, judul in KOLOM])
    for b in baris:
        ws.append(baris_xlsx(ws, b))
    for kolom, lebar in zip("ABCDE", (22, 40, 26, 36, 14), strict=True):
        ws.column_dimensions[kolom].width = lebar
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def templat_xlsx() -> bytes:
    contoh = Kompetensi.objects.order_by("urutan").first()
    kode = contoh.kode if contoh else "integritas"
    return _buku([["JAB-ANALIS-SDM", "Analis SDM Aparatur (kolom ini hanya keterangan)", kode, "", 3]])


def ekspor_xlsx() -> bytes:
    qs = StandarKompetensi.objects.select_related("jabatan", "kompetensi").order_by(
        "jabatan__kode", "kompetensi__jenis", "kompetensi__urutan"
    )
    return _buku([[s.jabatan.kode, s.jabatan.nama, s.kompetensi.kode, s.kompetensi.nama, s.level_standar]
                  for s in qs])


def pratinjau(isi: bytes) -> HasilPratinjau:
    baris = baca_xlsx(isi, kolom=KOLOM, wajib=WAJIB)
    jabatan = set(Jabatan.objects.values_list("kode", flat=True))
    kompetensi = dict(Kompetensi.objects.values_list("kode", "aktif"))
    pasangan: dict[tuple[str, str], int] = {}
    for b in baris:
        d = b.data
        for kunci, judul in KOLOM:
            if kunci in WAJIB and not d.get(kunci):
                b.masalah.append(f"{judul} wajib diisi.")
        if d.get("kode_jabatan") and d["kode_jabatan"] not in jabatan:
            b.masalah.append(f"Jabatan dengan kode '{d['kode_jabatan']}' tidak ditemukan.")
        kode_k = d.get("kode_kompetensi", "")
        if kode_k and kode_k not in kompetensi:
            b.masalah.append(f"Kompetensi dengan kode '{kode_k}' tidak ditemukan di kamus kompetensi.")
        elif kode_k and not kompetensi[kode_k]:
            b.masalah.append(f"Kompetensi '{kode_k}' sudah tidak aktif.")
        lv = d.get("level_standar", "")
        if lv and lv not in {HAPUS, "1", "2", "3", "4", "5"}:
            b.masalah.append(f"Level standar '{lv}' tidak valid: isi 1 sampai 5 (atau 0 untuk menghapus).")
        jabatan_kompetensi = (d.get("kode_jabatan", ""), kode_k)
        if all(jabatan_kompetensi):
            if jabatan_kompetensi in pasangan:
                b.masalah.append(f"Jabatan dan kompetensi ini sudah ada di baris {pasangan[jabatan_kompetensi]}.")
            else:
                pasangan[jabatan_kompetensi] = b.nomor
    return HasilPratinjau(baris=baris)


@transaction.atomic
def standar_impor(*, isi: bytes) -> dict:
    """Commit a file whose preview is clean (all or nothing). Level 0 removes the standard."""
    hasil = pratinjau(isi).wajib_valid()
    jabatan = {j.kode: j for j in Jabatan.objects.all()}
    kompetensi = dict(Kompetensi.objects.values_list("kode", "pk"))
    per_jabatan: dict[str, dict[int, int | None]] = {}
    for b in hasil.baris:
        d = b.data
        lv = None if d["level_standar"] == HAPUS else int(d["level_standar"])
        per_jabatan.setdefault(d["kode_jabatan"], {})[kompetensi[d["kode_kompetensi"]]] = lv
    total = {"dibuat": 0, "diperbarui": 0, "dihapus": 0}
    for kode, level in per_jabatan.items():
        for k, v in standar_simpan(jabatan=jabatan[kode], level=level).items():
            total[k] += v
    return {**total, "baris": len(hasil.baris)}
