"""The "Rekap Pemenuhan 20 JP" exports: Excel (openpyxl write-only), PDF (WeasyPrint) and CSV.

Shared by the report page and `manage.py laporan_jp`. Each takes a queryset of employees ALREADY
scoped by `akses` (and filtered as the page shows it) and a year; rows are streamed from the database
with `values_list(...).iterator(chunk_size=2000)` so a province of 20,000 employees stays in bounded
memory for Excel and CSV."""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from bangkom.lib.cetak import bersihkan as bersihkan_cetak
from bangkom.lib.sel import FORMAT_BILANGAN, FORMAT_JP, FORMAT_PERSEN, baris_xlsx, nilai_xlsx, sel_xlsx, teks_csv
from bangkom.pegawai.models import Instansi, Pegawai, PerangkatDaerah, UnitKerja
from jp_conversion import ragam
from jp_conversion import selectors as sel
from jp_conversion.rekap_opd import rekap_saringan

KOLOM = [
    "NIP", "Nama", "Jabatan", "OPD", "Coaching", "Mentoring", "Belajar Mandiri", "Lainnya",
    "Total JP", "Target", "Status", "Sisa JP", "Jenis ASN",
    # the mix (issue 20), appended so the columns above keep their place; each pair adds up to Total JP
    "Klasikal", "Non-klasikal", "JP 10% klasikal/terstruktur", "JP 20% bersama kolega", "JP 70% belajar sambil bekerja",
]
KOLOM_OPD = ["OPD", "Jumlah Pegawai", "Tercapai", "Belum Tercapai", "% Tercapai", "Rata-rata JP",
             "Coaching", "Mentoring", "Belajar Mandiri", "Lainnya", "Total JP",
             "Klasikal", "Non-klasikal", "JP 10% klasikal/terstruktur", "JP 20% bersama kolega",
             "JP 70% belajar sambil bekerja", "Porsi 10% (model 10%)", "Porsi 20% (model 20%)", "Porsi 70% (model 70%)"]
# Excel number formats per column of KOLOM / KOLOM_OPD (lib.sel: numeric cells, the reader's separators)
FORMAT_KOLOM = [None] * 4 + [FORMAT_JP] * 6 + [None, FORMAT_JP, None] + [FORMAT_JP] * 5
FORMAT_KOLOM_OPD = ([None] + [FORMAT_BILANGAN] * 3 + [FORMAT_PERSEN] + [FORMAT_JP] * 11 + [FORMAT_PERSEN] * 3)
# The PDF (landscape A4) keeps the first columns per table; the mix has its own table (`RAGAM_OPD`).
N_KOLOM_PDF, N_KOLOM_OPD_PDF = 13, 11
LEBAR = [21, 34, 34, 30, 11, 11, 15, 10, 10, 9, 16, 9, 10, 11, 13, 15, 15, 15]
UKURAN_POTONGAN = 2000
LANGKAH_KEMAJUAN = 500  # a background export reports its progress after this many rows
Kemajuan = Callable[[int], None]  # rows written so far


@dataclass
class Saringan:
    """The page's filters, so an export gives exactly the selection on screen."""

    opd: PerangkatDaerah | None = None
    unit: UnitKerja | None = None
    status: str = ""
    jenis_asn: str = ""
    q: str = ""
    urut: str = ""
    keterangan: list[str] = field(default_factory=list)

    def kwargs(self) -> dict:
        return {"opd": self.opd, "unit": self.unit, "status": self.status, "jenis_asn": self.jenis_asn,
                "q": self.q, "urut": self.urut}


def _daftar(pegawai_qs: QuerySet[Pegawai], tahun: int, saring: Saringan | None) -> QuerySet:
    return sel.pemenuhan_daftar(pegawai_qs, tahun=tahun, **(saring or Saringan()).kwargs())


def jumlah_baris(pegawai_qs: QuerySet[Pegawai], *, tahun: int, saring: Saringan | None = None) -> int:
    """How many employee rows an export of this selection writes."""
    return _daftar(pegawai_qs, tahun, saring).count()


def nama_berkas(fmt: str, *, tahun: int, saring: Saringan | None = None) -> str:
    """Year, scope and filter in the name, so a filtered export does not overwrite the full one:
    rekap-20jp-2026-dinkes-s1-belum-pppk.xlsx, rekap-20jp-2026-provinsi.pdf."""
    s = saring or Saringan()
    bagian = [s.opd.kode if s.opd else "provinsi", s.unit.kode if s.unit else "", s.status, s.jenis_asn,
              "cari" if s.q else ""]
    akhiran = "-".join(slugify(b) for b in bagian if b)
    return f"rekap-20jp-{tahun}-{akhiran}.{fmt}"


def _nama(nama: str, depan: str, belakang: str) -> str:
    return f"{depan + ' ' if depan else ''}{nama}{', ' + belakang if belakang else ''}"


def baris(pegawai_qs: QuerySet[Pegawai], *, tahun: int, saring: Saringan | None = None,
          kemajuan: Kemajuan | None = None) -> Iterator[list]:
    """One list per employee in KOLOM order; numbers as Decimal (stored as numbers in Excel).
    `kemajuan(n)` is told the number of rows handed out every LANGKAH_KEMAJUAN rows and at the end."""
    qs = _daftar(pegawai_qs, tahun, saring).values_list(
        "nip", "nama", "gelar_depan", "gelar_belakang", "jabatan__nama", "opd__nama",
        "jp_coaching_thn", "jp_mentoring_thn", "jp_belajar_mandiri_thn", "jp_lainnya_thn",
        "total_jp", "target_jp", "sisa_jp", "jenis_asn", *(f"{k}_thn" for k in ragam.KOLOM),
    )
    n = 0
    for nip, nama, depan, belakang, jabatan, opd, c, m, bm, lain, total, target, sisa, asn, *campuran in qs.iterator(
        chunk_size=UKURAN_POTONGAN
    ):
        status = sel.TERCAPAI if total >= target else sel.BELUM_TERCAPAI
        yield [nip, _nama(nama, depan, belakang), jabatan, opd, c, m, bm, lain, total, target, status, sisa, asn,
               *campuran]
        n += 1
        if kemajuan is not None and n % LANGKAH_KEMAJUAN == 0:
            kemajuan(n)
    if kemajuan is not None:
        kemajuan(n)


def rekap(daftar: QuerySet, *, tahun: int, saring: Saringan,
          opd_qs: QuerySet[PerangkatDaerah]) -> tuple[list[sel.Agregat], sel.Agregat, list[sel.Agregat]]:
    """(per OPD, the whole selection, per ASN type) for the report page. `daftar` is the page's
    compliance list (`pemenuhan_daftar` of the employees of the OPDs `opd_qs`, filtered by `saring`). A
    selection of whole OPDs (no unit, status or name filter) is read from the province summary the
    ledger keeps (`rekap_opd`: a few rows per OPD, never stale after a write); any other selection is
    one GROUP BY over `daftar`."""
    return rekap_saringan(
        daftar, tahun=tahun, utuh=not (saring.unit or saring.status or saring.q), jenis_asn=saring.jenis_asn,
        opd_qs=opd_qs, opd_id=saring.opd.pk if saring.opd else None,
    )


def _per_opd(pegawai_qs, tahun, saring) -> tuple[list[sel.Agregat], sel.Agregat, list[sel.Agregat]]:
    qs = _daftar(pegawai_qs, tahun, saring)
    return sel.pemenuhan_rekap(qs)


def _baris_agregat(a: sel.Agregat) -> list:
    r = a.ragam_jp
    return [a.nama, a.jumlah, a.tercapai, a.belum, a.persen_tercapai, a.rata_jp,
            *a.jp_per_jenis.values(), a.jp_total, *r.nilai().values(), *(b.persen for b in r.bagian)]


def _judul(tahun: int, saring: Saringan | None) -> dict:
    instansi = Instansi.objects.order_by("pk").first()
    cakupan = (saring.opd.nama if saring and saring.opd else "Semua perangkat daerah yang dapat Anda lihat")
    return {
        "judul": f"Rekap Pemenuhan 20 JP Tahun {tahun}",
        "instansi": instansi.nama if instansi else "",
        "kota": instansi.kota if instansi else "",
        "cakupan": cakupan,
        "saringan": (saring.keterangan if saring else []),
        "dicetak": timezone.localtime(),
    }


def laporan_jp_xlsx(stream, *, tahun: int, pegawai_qs: QuerySet[Pegawai], saring: Saringan | None = None,
                   kemajuan: Kemajuan | None = None) -> int:
    """Write the workbook to `stream` (a binary file). Returns the number of employee rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    kepala = _judul(tahun, saring)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Rekap 20 JP")
    for i, lebar in enumerate(LEBAR, start=1):
        ws.column_dimensions[get_column_letter(i)].width = lebar
    baris_kepala = 6
    ws.freeze_panes = f"A{baris_kepala + 1}"

    def sel_teks(nilai, **gaya):
        return sel_xlsx(ws, nilai, **gaya)

    ws.append([sel_teks(kepala["judul"], font=Font(bold=True, size=14))])
    ws.append(baris_xlsx(ws, [kepala["instansi"]]))
    saringan = f" ({'; '.join(kepala['saringan'])})" if kepala["saringan"] else ""
    ws.append(baris_xlsx(ws, [f"Cakupan: {kepala['cakupan']}{saringan}"]))
    ws.append(["Dicetak:", nilai_xlsx(ws, kepala["dicetak"])])
    ws.append([])
    isi_kepala = PatternFill("solid", fgColor="DDEBF7")
    ws.append([sel_teks(k, font=Font(bold=True), fill=isi_kepala, alignment=Alignment(wrap_text=True))
               for k in KOLOM])
    n = 0
    for b in baris(pegawai_qs, tahun=tahun, saring=saring, kemajuan=kemajuan):
        ws.append(baris_xlsx(ws, b, FORMAT_KOLOM))
        n += 1
    ws.auto_filter.ref = f"A{baris_kepala}:{get_column_letter(len(KOLOM))}{baris_kepala + max(n, 1)}"

    per_opd, semua, per_asn = _per_opd(pegawai_qs, tahun, saring)
    ws2 = wb.create_sheet("Per OPD")
    for i, lebar in enumerate([40, 15, 10, 15, 12, 13, 11, 11, 15, 10, 10, 11, 13, 15, 15, 15, 13, 13, 13], start=1):
        ws2.column_dimensions[get_column_letter(i)].width = lebar
    ws2.freeze_panes = "A4"
    ws2.append([sel_teks(f"Rekap per OPD Tahun {tahun}", font=Font(bold=True, size=14))])
    ws2.append(baris_xlsx(ws2, [kepala["instansi"]]))
    ws2.append([sel_teks(k, font=Font(bold=True), fill=isi_kepala) for k in KOLOM_OPD])
    for a in per_opd:
        ws2.append(baris_xlsx(ws2, _baris_agregat(a), FORMAT_KOLOM_OPD))
    ws2.append([sel_teks(v, font=Font(bold=True), number_format=f or "General")
                for v, f in zip(_baris_agregat(semua), FORMAT_KOLOM_OPD, strict=True)])
    ws2.append([])
    ws2.append([sel_teks("Per jenis ASN (PPPK: plafon pengembangan 24 JP per tahun kontrak, PP 49/2018)",
                         font=Font(bold=True))])
    for a in per_asn:
        ws2.append(baris_xlsx(ws2, _baris_agregat(a), FORMAT_KOLOM_OPD))
    wb.save(stream)
    return n


def laporan_jp_csv(stream, *, tahun: int, pegawai_qs: QuerySet[Pegawai], saring: Saringan | None = None,
                   kemajuan: Kemajuan | None = None) -> int:
    """Write CSV (header row then one row per employee; numbers with a dot) to a text stream."""
    w = csv.writer(stream)
    w.writerow(KOLOM)
    n = 0
    for b in baris(pegawai_qs, tahun=tahun, saring=saring, kemajuan=kemajuan):
        w.writerow([f"{v:f}" if isinstance(v, Decimal) else teks_csv(v) for v in b])
        n += 1
    return n


def _penandatangan(saring: Saringan | None = None) -> dict:
    """The signature block follows the report's scope: the kepala of the OPD for one OPD's report,
    the head of BPSDM for the province."""
    opd = saring.opd if saring and saring.opd else PerangkatDaerah.objects.filter(kode="BPSDM").first()
    kepala = opd.kepala if opd else None
    return {
        "jabatan": f"Kepala {opd.nama}" if opd else "Kepala Badan Pengembangan Sumber Daya Manusia",
        "nama": kepala.nama_lengkap if kepala else "",
        "nip": kepala.nip if kepala else "",
    }


def laporan_jp_pdf(stream, *, tahun: int, pegawai_qs: QuerySet[Pegawai], saring: Saringan | None = None,
                   kemajuan: Kemajuan | None = None) -> int:
    """Write the landscape A4 PDF (same columns, totals per OPD, signature block of the head of
    BPSDM, page numbers) to a binary stream. Returns the number of employee rows."""
    from weasyprint import HTML

    daftar = [b[:N_KOLOM_PDF] for b in baris(pegawai_qs, tahun=tahun, saring=saring, kemajuan=kemajuan)]
    per_opd, semua, per_asn = _per_opd(pegawai_qs, tahun, saring)
    n = N_KOLOM_OPD_PDF
    html = render_to_string(
        "dasbor/laporan_jp_pdf.html",
        {**_judul(tahun, saring), "kolom": KOLOM[:N_KOLOM_PDF], "baris": daftar, "kolom_opd": KOLOM_OPD[:n],
         "per_opd": [_baris_agregat(a)[:n] for a in per_opd], "semua": _baris_agregat(semua)[:n],
         "per_asn": [_baris_agregat(a)[:n] for a in per_asn], "ttd": _penandatangan(saring), "tahun": tahun,
         "ragam": semua.ragam_jp, "kolom_ragam": [KOLOM_OPD[0], *KOLOM_OPD[n:]],
         "ragam_opd": [[b[0], *b[n:]] for b in map(_baris_agregat, [*per_opd, semua])]},
    )
    HTML(string=bersihkan_cetak(html)).write_pdf(target=stream)
    return len(daftar)


FORMAT = {
    "xlsx": (laporan_jp_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "b"),
    "pdf": (laporan_jp_pdf, "application/pdf", "b"),
    "csv": (laporan_jp_csv, "text/csv; charset=utf-8", "t"),
}


def tulis(fmt: str, berkas, *, tahun: int, pegawai_qs: QuerySet[Pegawai], saring: Saringan | None = None,
          kemajuan: Kemajuan | None = None) -> int:
    """Write the report in `fmt` (a FORMAT key) to a binary file; CSV as UTF-8 with a byte order
    mark so spreadsheet programs read it right. Returns the number of employee rows."""
    fungsi, _, mode = FORMAT[fmt]
    if mode == "b":
        return fungsi(berkas, tahun=tahun, pegawai_qs=pegawai_qs, saring=saring, kemajuan=kemajuan)
    teks = io.TextIOWrapper(berkas, encoding="utf-8-sig", newline="")
    try:
        return fungsi(teks, tahun=tahun, pegawai_qs=pegawai_qs, saring=saring, kemajuan=kemajuan)
    finally:
        teks.flush()
        teks.detach()  # the caller still owns (and closes) the binary file
