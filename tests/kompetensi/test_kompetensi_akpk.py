"""The yearly needs analysis per OPD (issue 20, AKPK-style): header, rows per competency, totals that agree
with the plans and the ledger; `manage.py analisis_kebutuhan` writes Excel and PDF."""
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook
from pypdf import PdfReader

from bangkom.kompetensi import akpk, services
from bangkom.kompetensi.models import BarisRencana
from jp_conversion import services as jp
from tests.kompetensi.test_kompetensi_layanan import HARI_INI, kamus, nilai, standar  # noqa: F401

TAHUN = HARI_INI.year
D = Decimal


@pytest.fixture
def direncanakan(cast, standar):  # noqa: F811
    nilai(cast.sari, standar["komunikasi"], 1)  # gap 2: mentoring suggested
    nilai(cast.sari, standar["integritas"], 2)  # no gap
    services.rencana_baris_tambah(pegawai=cast.sari, tahun=TAHUN, bentuk="mentoring", uraian="Mentoring komunikasi",
                                  jp_direncanakan=D("4"), bulan_mulai=1, bulan_selesai=6,
                                  kompetensi=standar["komunikasi"])
    services.rencana_baris_tambah(pegawai=cast.sari, tahun=TAHUN, bentuk="coaching", uraian="Coaching SKP",
                                  jp_direncanakan=D("2"), bulan_mulai=2, bulan_selesai=2)
    for jenis, pembimbing in (("mentoring", cast.rina), ("coaching", cast.budi)):
        k = jp.kegiatan_catat(pegawai=cast.sari, jenis=jenis, tanggal=date(TAHUN, 2, 3), materi=jenis,
                              pembimbing=pembimbing)
        jp.kegiatan_paraf(kegiatan=k, oleh=pembimbing, setuju=True)
    return cast


def test_rows_per_competency_and_totals_agree_with_plans_and_ledger(direncanakan, django_assert_max_num_queries):
    cast = direncanakan
    with django_assert_max_num_queries(10):
        a = akpk.analisis(opd=cast.sari.opd, tahun=TAHUN)
    baris = {b.nama: b for b in a.baris}
    kom = baris["Komunikasi"]
    assert (kom.dinilai, kom.di_bawah, kom.rerata, kom.rekomendasi_teks) == (1, 1, D("2.0"), "Mentoring (1)")
    assert (kom.jp_direncanakan, kom.jp_tercapai) == (D("4"), D("2"))
    assert (baris["Integritas"].dinilai, baris["Integritas"].di_bawah) == (1, 0)
    lain = baris[akpk.TANPA_KOMPETENSI]
    assert (lain.jp_direncanakan, lain.jp_tercapai) == (D("2"), D("2"))
    jumlah = a.jumlah
    rencana = sum(BarisRencana.objects.filter(rencana__tahun=TAHUN, rencana__pegawai__opd=cast.sari.opd)
                  .values_list("jp_direncanakan", flat=True))
    assert jumlah.jp_direncanakan == rencana == D("6")
    assert jumlah.jp_tercapai == D("4") and jumlah.di_bawah == sum(b.di_bawah for b in a.baris)


def test_command_writes_excel_with_header_and_totals_and_pdf(direncanakan, tmp_path):
    keluar = tmp_path / "akpk.xlsx"
    call_command("analisis_kebutuhan", "--tahun", str(TAHUN), "--opd", direncanakan.sari.opd.kode,
                 "--format", "xlsx", "--output", str(keluar))
    rows = list(load_workbook(keluar).active.iter_rows(values_only=True))
    assert rows[0][0] == f"Analisis Kebutuhan Pengembangan Kompetensi (AKPK) Tahun {TAHUN}"
    assert "Format AKPK resmi tidak tersedia" in rows[2][0]
    assert list(rows[4]) == akpk.KOLOM
    data, total = rows[5:-1], rows[-1]
    assert total[1] == "Jumlah"
    for i in (3, 4, 7, 8):
        assert D(str(total[i])) == sum(D(str(r[i])) for r in data)
    assert (D(str(total[7])), D(str(total[8]))) == (D("6"), D("4"))
    ws = load_workbook(keluar).active
    assert ws.freeze_panes == "A6"
    jp = ws.cell(row=ws.max_row, column=8)  # numbers stay numeric cells with a format, not text
    assert jp.data_type == "n" and jp.number_format == "#,##0.00"
    assert ws.cell(row=6, column=4).number_format == "#,##0"
    pdf = tmp_path / "akpk.pdf"
    call_command("analisis_kebutuhan", "--tahun", str(TAHUN), "--opd", direncanakan.sari.opd.kode,
                 "--format", "pdf", "--output", str(pdf))
    teks = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "Analisis Kebutuhan Pengembangan Kompetensi" in teks and "Komunikasi" in teks and "Jumlah" in teks
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("analisis_kebutuhan", "--opd", "TIDAKADA", "--output", str(pdf))
