"""The yearly needs analysis of one OPD (AKPK-style: Analisis Kebutuhan Pengembangan Kompetensi), as Excel
or PDF, for `manage.py analisis_kebutuhan`.

Layout basis: no official AKPK layout was available in the public sources this project holds, so the sheet
is built from what the app records (docs/ragam-pembelajaran.md): per competency of the position standards
(PermenPANRB 38/2017) the employees assessed and below standard as at 31 December of the year (the same
comparison as the gap map), the mean gap, the forms recommended (the form chosen in that year's gap dialog,
else the form the size of the gap suggests; Perlan 10/2018 forms), and the JP planned in the development
plans and achieved against them (the plan progress' allocation of the ledger's counted JP)."""
from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string
from django.utils import timezone

from bangkom.lib.cetak import bersihkan as bersihkan_cetak
from bangkom.lib.sel import FORMAT_BILANGAN, FORMAT_JP, baris_xlsx
from bangkom.pegawai.models import Pegawai, PerangkatDaerah
from jp_conversion import rules

from .capaian import capaian_baris
from .kesenjangan import rekomendasi_bentuk
from .models import BarisRencana, DialogKesenjangan, Kompetensi
from .selectors import kesenjangan_untuk

KOLOM = ["No", "Kompetensi", "Jenis", "Pegawai dinilai", "Di bawah standar", "Rata-rata kesenjangan",
         "Bentuk yang direkomendasikan", "JP direncanakan", "JP tercapai"]
FORMAT = ("xlsx", "pdf")
# Numbers stay numeric cells; Excel shows them with the reader's separators (12,50 in Indonesian).
FORMAT_KOLOM = [None, None, None, FORMAT_BILANGAN, FORMAT_BILANGAN, "0.00", None, FORMAT_JP, FORMAT_JP]
TANPA_KOMPETENSI = "Lainnya (baris rencana tanpa kompetensi)"
DASAR = (
    "Disusun dari standar kompetensi jabatan (PermenPANRB 38/2017), penilaian kompetensi terakhir per 31 Desember, "
    "dialog kesenjangan dan rencana pengembangan kompetensi; bentuk menurut Perlan 10/2018. Format AKPK resmi "
    "tidak tersedia pada sumber publik yang dirujuk."
)
NOL = Decimal("0.00")


@dataclass
class BarisAKPK:
    nama: str
    jenis: str
    dinilai: int = 0
    di_bawah: int = 0
    jumlah_selisih: int = 0
    rekomendasi: Counter = field(default_factory=Counter)  # form -> employees
    jp_direncanakan: Decimal = NOL
    jp_tercapai: Decimal = NOL

    @property
    def rerata(self) -> Decimal | None:
        if not self.di_bawah:
            return None
        return (Decimal(self.jumlah_selisih) / self.di_bawah).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def rekomendasi_teks(self) -> str:
        return ", ".join(f"{rules.label(b)} ({n})" for b, n in self.rekomendasi.most_common())


@dataclass
class AnalisisKebutuhan:
    opd: PerangkatDaerah
    tahun: int
    baris: list[BarisAKPK]
    jumlah_pegawai: int

    @property
    def jumlah(self) -> BarisAKPK:
        total = BarisAKPK("Jumlah", "")
        for b in self.baris:
            total.dinilai += b.dinilai
            total.di_bawah += b.di_bawah
            total.jumlah_selisih += b.jumlah_selisih
            total.rekomendasi.update(b.rekomendasi)
            total.jp_direncanakan += b.jp_direncanakan
            total.jp_tercapai += b.jp_tercapai
        return total


def analisis(*, opd: PerangkatDaerah, tahun: int) -> AnalisisKebutuhan:
    """The needs analysis of `opd`'s active employees for `tahun` (a fixed number of queries)."""
    qs = Pegawai.objects.filter(opd=opd, aktif=True)
    data = kesenjangan_untuk(qs, per_tanggal=date(tahun, 12, 31))
    dialog = {(d.pegawai_id, d.kompetensi_id): d for d in DialogKesenjangan.objects.filter(pegawai__in=qs, tahun=tahun)}
    per_k: dict[int | None, BarisAKPK] = {}
    urut: dict[int | None, tuple] = {None: (9, 9999, "")}

    def baris_untuk(k: Kompetensi | None) -> BarisAKPK:
        kunci = k.pk if k is not None else None
        if kunci not in per_k:
            if k is None:
                per_k[kunci] = BarisAKPK(TANPA_KOMPETENSI, "")
            else:
                per_k[kunci] = BarisAKPK(k.nama, k.get_jenis_display())
                urut[kunci] = (0, k.jenis, k.urutan, k.nama)
        return per_k[kunci]

    for kp in data:
        for b in kp.butir:
            r = baris_untuk(b.kompetensi)
            if b.saat_ini is None:
                continue
            r.dinilai += 1
            if b.selisih > 0:
                r.di_bawah += 1
                r.jumlah_selisih += b.selisih
                d = dialog.get((kp.pegawai.pk, b.kompetensi.pk))
                r.rekomendasi[d.bentuk_dipilih if d is not None else rekomendasi_bentuk(b.selisih, None)[0]] += 1

    for cb in capaian_baris(BarisRencana.objects.filter(rencana__tahun=tahun, rencana__pegawai__in=qs), tahun=tahun):
        r = baris_untuk(cb.baris.kompetensi)
        r.jp_direncanakan += cb.baris.jp_direncanakan
        r.jp_tercapai += cb.jp_tercapai
    baris = [per_k[k] for k in sorted(per_k, key=lambda k: urut[k])]
    return AnalisisKebutuhan(opd=opd, tahun=tahun, baris=baris, jumlah_pegawai=len(data))


def _nilai(no: int | str, b: BarisAKPK) -> list:
    return [no, b.nama, b.jenis, b.dinilai, b.di_bawah, b.rerata, b.rekomendasi_teks, b.jp_direncanakan,
            b.jp_tercapai]


def _judul(a: AnalisisKebutuhan) -> str:
    return f"Analisis Kebutuhan Pengembangan Kompetensi (AKPK) Tahun {a.tahun}"


def tulis(a: AnalisisKebutuhan, *, format: str) -> bytes:
    """The analysis as .xlsx or .pdf bytes."""
    if format not in FORMAT:
        raise ValueError(f"Format tidak dikenal: {format!r} (pilih xlsx atau pdf).")
    baris = [_nilai(i, b) for i, b in enumerate(a.baris, 1)]
    jumlah = _nilai("", a.jumlah)
    if format == "pdf":
        from weasyprint import HTML

        html = render_to_string("kompetensi/akpk_pdf.html", {
            "judul": _judul(a), "a": a, "kolom": KOLOM, "baris": baris, "jumlah": jumlah, "dasar": DASAR,
            "dicetak": timezone.localtime(),
        })
        buf = io.BytesIO()
        HTML(string=bersihkan_cetak(html)).write_pdf(target=buf)
        return buf.getvalue()
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = f"AKPK {a.tahun}"
    ws.append([_judul(a)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(baris_xlsx(ws, [f"Perangkat daerah: {a.opd.nama} · {a.jumlah_pegawai} pegawai aktif"]))
    ws.append([DASAR])
    ws.append([])
    ws.append(KOLOM)
    for sel in ws[5]:
        sel.font = Font(bold=True)
    ws.freeze_panes = "A6"
    for b in baris:
        ws.append(baris_xlsx(ws, b, FORMAT_KOLOM))
    ws.append(baris_xlsx(ws, jumlah, FORMAT_KOLOM))
    for sel in ws[ws.max_row]:
        sel.font = Font(bold=True)
    for kolom, lebar in zip("ABCDEFGHI", [5, 36, 16, 10, 10, 12, 40, 13, 12], strict=True):
        ws.column_dimensions[kolom].width = lebar
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
