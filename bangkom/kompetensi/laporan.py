"""The gap report (one row per employee × competency gap), written as .xlsx or .csv. Shared by
`manage.py laporan_kesenjangan` and the download button; the caller scopes the employees."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from bangkom.lib.sel import FORMAT_BILANGAN, baris_csv, baris_xlsx
from bangkom.pegawai.models import Pegawai
from jp_conversion import rules

from .kesenjangan import rekomendasi_bentuk
from .models import DialogKesenjangan
from .selectors import kesenjangan_untuk

KOLOM = ["NIP", "Nama", "Jabatan", "OPD", "Kompetensi", "Jenis", "Standar", "Saat Ini", "Kesenjangan", "Rekomendasi"]
FORMAT = ("xlsx", "csv")
FORMAT_KOLOM = [None] * 6 + [FORMAT_BILANGAN] * 3 + [None]  # levels stay numbers, not text
LEBAR_KOLOM = [20, 30, 30, 30, 30, 12, 9, 9, 12, 40]


def baris_laporan(qs_pegawai: QuerySet[Pegawai], *, tahun: int) -> Iterator[list]:
    """Gaps as at 31 December of `tahun`. Rekomendasi: the form chosen in that year's gap dialog;
    before a dialog, the form suggested by the size of the gap (marked as such)."""
    qs = qs_pegawai.filter(aktif=True).order_by("opd__nama", "nama")
    data = kesenjangan_untuk(qs, per_tanggal=date(tahun, 12, 31))
    dialog = {
        (d.pegawai_id, d.kompetensi_id): d
        for d in DialogKesenjangan.objects.filter(pegawai__in=[kp.pegawai for kp in data], tahun=tahun)
    }
    for kp in data:
        p = kp.pegawai
        for b in kp.kesenjangan:
            d = dialog.get((p.pk, b.kompetensi.pk))
            if d is not None:
                rekomendasi = rules.label(d.bentuk_dipilih)
            else:
                rekomendasi = f"{rules.label(rekomendasi_bentuk(b.selisih, None)[0])} (belum didialogkan)"
            yield [p.nip, p.nama_lengkap, p.jabatan.nama, p.opd.nama, b.kompetensi.nama,
                   b.kompetensi.get_jenis_display(), b.standar, b.saat_ini, b.selisih, rekomendasi]


def tulis(qs_pegawai: QuerySet[Pegawai], *, tahun: int, format: str) -> bytes:
    if format not in FORMAT:
        raise ValueError(f"Format tidak dikenal: {format!r} (pilih xlsx atau csv).")
    baris = baris_laporan(qs_pegawai, tahun=tahun)
    if format == "csv":
        teks = io.StringIO()
        w = csv.writer(teks)
        w.writerow(KOLOM)
        w.writerows(baris_csv(b) for b in baris)
        return teks.getvalue().encode("utf-8-sig")  # BOM: Excel opens UTF-8 names correctly
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"Kesenjangan {tahun}")
    ws.freeze_panes = "A2"
    for i, lebar in enumerate(LEBAR_KOLOM, 1):
        ws.column_dimensions[get_column_letter(i)].width = lebar
    ws.append(KOLOM)
    for b in baris:
        ws.append(baris_xlsx(ws, b, FORMAT_KOLOM))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
