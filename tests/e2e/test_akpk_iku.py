"""Issue 20 in the browser: Hasan (kepala OPD) sees on his dashboard the development done for each of
his OPD's IKU, opens the needs analysis (AKPK) from the dashboard and downloads its Excel file."""
import io
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from bangkom.kompetensi import akpk, iku, services
from tests.kompetensi.test_kompetensi_akpk import TAHUN, direncanakan  # noqa: F401
from tests.kompetensi.test_kompetensi_layanan import kamus, standar  # noqa: F401


def test_hasan_sees_the_per_iku_section_and_downloads_the_akpk_excel(
    direncanakan, halaman, pemeriksa, masuk_peramban, live_server,  # noqa: F811
):
    cast = direncanakan
    ikunya = iku.iku_simpan(opd=cast.dinkes, tahun=TAHUN, kode="IKU-1", nama="Indeks kepuasan masyarakat")
    services.rencana_baris_tambah(pegawai=cast.sari, tahun=TAHUN, bentuk="coaching", uraian="Coaching layanan",
                                  jp_direncanakan=Decimal("3"), bulan_mulai=3, bulan_selesai=3, iku=ikunya)
    masuk_peramban(halaman, cast.hasan)
    pemeriksa.buka(f"{live_server.url}/dasbor/kepala/?tahun={TAHUN}", nama="dasbor kepala dengan IKU")
    bagian = halaman.locator("[data-uji=per-iku]")
    assert "IKU-1 · Indeks kepuasan masyarakat" in bagian.inner_text()
    halaman.get_by_role("link", name="Analisis kebutuhan (AKPK)").click()
    halaman.wait_for_selector("[data-uji=akpk]")
    assert "Komunikasi" in halaman.locator("[data-uji=akpk]").inner_text()
    pemeriksa.aksesibilitas()
    with halaman.expect_download() as unduh:
        halaman.get_by_role("link", name="Unduh Excel (.xlsx)").click()
    assert unduh.value.suggested_filename == f"akpk-DINKES-{TAHUN}.xlsx"
    rows = list(load_workbook(io.BytesIO(Path(unduh.value.path()).read_bytes())).active.iter_rows(values_only=True))
    assert list(rows[4]) == akpk.KOLOM and rows[-1][1] == "Jumlah"
