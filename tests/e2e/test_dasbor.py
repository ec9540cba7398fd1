"""Journey 4 and every role's landing page: each role opens its dashboard (weighed and checked with
axe-core); Hasan filters the employees below target on the compliance report and downloads the Excel
file, which the test opens; a large selection's export runs in the background and Dewi follows it
from the progress page to its download link, then finds it on her dashboard."""
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bangkom.dasbor import ekspor
from tests.dasbor.bantu_dasbor import TAHUN, isi_sari_dan_budi
from tests.e2e.bantu_e2e import buka_menu


@pytest.fixture
def terisi(cast):
    isi_sari_dan_budi(cast)
    return cast


PERAN = [
    ("sari", "/dasbor/pegawai/", "Kemajuan menuju target", True),
    ("budi", "/dasbor/atasan/", "Anggota tim", False),
    ("rina", "/dasbor/mentor/", "Mentoring berjalan", False),
    ("hasan", "/dasbor/kepala/", "Tren rata-rata JP", True),
    ("dewi", "/dasbor/bpsdm/", "Per perangkat daerah", True),
]


def test_each_role_opens_its_dashboard(terisi, halaman, pemeriksa, masuk_peramban, live_server):
    # one test over the roles: the data is built once and each role signs in afresh
    for siapa, url, teks, ada_grafik in PERAN:
        halaman.context.clear_cookies()
        masuk_peramban(halaman, getattr(terisi, siapa))
        pemeriksa.buka(f"{live_server.url}{url}?tahun={TAHUN}", nama=f"dasbor {siapa}")
        assert halaman.get_by_role("heading", name=teks).is_visible(), siapa
        if ada_grafik:
            assert halaman.locator("svg[role=img] title").count() >= 1, siapa


def test_hasan_filters_below_target_and_downloads_the_excel(terisi, halaman, pemeriksa, masuk_peramban, live_server):
    masuk_peramban(halaman, terisi.hasan)
    buka_menu(halaman, "Laporan", "Laporan JP")
    halaman.get_by_label("Tahun").fill(str(TAHUN))
    halaman.get_by_label("Status").select_option("belum")
    halaman.get_by_role("button", name="Terapkan").click()
    halaman.wait_for_url("**status=belum**")
    pemeriksa.buka(halaman.url, nama="laporan JP (belum memenuhi)")
    tabel = halaman.locator("[data-uji=tabel-laporan]")
    assert "Sari Wulandari" in tabel.inner_text() and "Budi Santoso" not in tabel.inner_text()
    with halaman.expect_download() as unduh:
        halaman.get_by_role("link", name="Unduh Excel").click()
    isi = Path(unduh.value.path()).read_bytes()
    ws = load_workbook(io.BytesIO(isi))["Rekap 20 JP"]
    rows = list(ws.iter_rows(values_only=True))
    i = next(n for n, row in enumerate(rows) if row and row[0] == "NIP")
    assert list(rows[i][:11]) == ["NIP", "Nama", "Jabatan", "OPD", "Coaching", "Mentoring", "Belajar Mandiri",
                                  "Lainnya", "Total JP", "Target", "Status"]
    data = {row[0]: row for row in rows[i + 1:]}
    assert terisi.budi.nip not in data  # the filter carried into the export
    assert data[terisi.sari.nip][8] == 16


def test_dewi_follows_a_background_export_to_its_download(terisi, halaman, pemeriksa, masuk_peramban, live_server,
                                                          monkeypatch):
    monkeypatch.setattr(ekspor, "BATAS_UNDUH_LANGSUNG", 2)  # the cast's selection counts as large
    masuk_peramban(halaman, terisi.dewi)
    halaman.goto(f"{live_server.url}/dasbor/laporan/jp/?tahun={TAHUN}&status=belum")
    halaman.get_by_role("link", name="Unduh Excel").click()
    halaman.wait_for_url("**/ekspor/*/")
    pemeriksa.buka(halaman.url, nama="kemajuan ekspor rekap 20 JP")
    tombol = halaman.get_by_role("link", name="Unduh Excel")
    tombol.wait_for(state="visible")
    assert "100%" in halaman.content() and "Rekap Pemenuhan 20 JP" in halaman.content()
    with halaman.expect_download() as unduh:
        tombol.click()
    ws = load_workbook(io.BytesIO(Path(unduh.value.path()).read_bytes()))["Rekap 20 JP"]
    rows = list(ws.iter_rows(values_only=True))
    i = next(n for n, row in enumerate(rows) if row and row[0] == "NIP")
    data = {row[0]: row for row in rows[i + 1:]}
    assert terisi.sari.nip in data and terisi.budi.nip not in data

    halaman.goto(f"{live_server.url}/dasbor/bpsdm/?tahun={TAHUN}")
    daftar = halaman.locator("[data-uji=ekspor-terakhir]")
    assert "Rekap Pemenuhan 20 JP (Excel)" in daftar.inner_text() and "Selesai" in daftar.inner_text()


def test_budi_pages_through_a_large_team(terisi, halaman, pemeriksa, masuk_peramban, live_server):
    from bangkom.dasbor.views import TIM_PER_HALAMAN
    from tests.factories import PegawaiFactory

    for i in range(TIM_PER_HALAMAN + 1):
        PegawaiFactory(nama=f"Anggota {i:02d}", unit=terisi.sari.unit, atasan=terisi.budi, jabatan=terisi.sari.jabatan)
    masuk_peramban(halaman, terisi.budi)
    halaman.goto(f"{live_server.url}/dasbor/atasan/?tahun={TAHUN}&urut=nama")
    assert halaman.get_by_role("heading", name=f"Anggota tim ({TIM_PER_HALAMAN + 2})").is_visible()
    tabel = halaman.locator("[data-uji=tabel-tim]")
    assert tabel.locator("tbody tr").count() == TIM_PER_HALAMAN
    halaman.get_by_role("link", name="Berikutnya").click()
    halaman.wait_for_url("**page=2**")
    pemeriksa.buka(halaman.url, nama="dasbor atasan halaman 2")
    assert "urut=nama" in halaman.url
    assert halaman.locator("[data-uji=tabel-tim] tbody tr").count() == 2
    assert "Sari Wulandari" in halaman.locator("[data-uji=tabel-tim]").inner_text()
