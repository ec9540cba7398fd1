"""Dewi (pengelola BPSDM) exports an OPD's sheets from her dashboard in three clicks and is told
when the ZIP is ready; the job really runs in the background (no broker, the embedded default)."""
import zipfile
from datetime import date

from django.utils import timezone
from playwright.sync_api import expect

from jp_conversion.services import kegiatan_catat, kegiatan_paraf


def test_dewi_mengekspor_lembar_opd_dalam_tiga_klik(cast, halaman, masuk_peramban, live_server, settings):
    settings.TUGAS_LOKAL_DI_LATAR = True  # as in production without Redis: the request does not build the ZIP
    tahun = timezone.localdate().year
    k = kegiatan_catat(pegawai=cast.sari, jenis="coaching", tanggal=date(tahun, 1, 6),
                       materi="Menyusun rencana kerja", pembimbing=cast.budi)
    kegiatan_paraf(kegiatan=k, oleh=cast.budi, setuju=True)
    masuk_peramban(halaman, cast.dewi)
    halaman.goto(f"{live_server.url}/")
    klik = 0

    halaman.get_by_role("link", name="Ekspor lembar kegiatan", exact=True).click()
    klik += 1
    halaman.get_by_label("Perangkat daerah").select_option(label=str(cast.dinkes))  # a choice, not a click
    halaman.get_by_role("button", name="Mulai ekspor").click()
    klik += 1
    # told on the job page when ready (it polls), with the download there
    expect(halaman.locator('[data-ekspor="label"]')).to_have_text("Selesai", timeout=60_000)
    tombol = halaman.get_by_role("link", name="Unduh ZIP")
    expect(tombol).to_be_visible()
    # ... and on the dashboard: the bell and "Menunggu saya" say so, the download one tap away
    halaman.goto(f"{live_server.url}/")
    siap = halaman.locator('[data-uji="ekspor-siap"]')
    expect(siap).to_contain_text("Ekspor lembar siap diunduh: 1 lembar")
    expect(halaman.locator('[data-uji="lonceng"]')).to_have_attribute("aria-label", "Notifikasi: 1 belum dibaca")
    with halaman.expect_download() as unduhan:
        siap.get_by_role("link", name="Unduh ZIP").click()
    klik += 1
    nama = zipfile.ZipFile(unduhan.value.path()).namelist()
    assert "indeks.csv" in nama and any(cast.sari.nip in n for n in nama)
    assert klik <= 3

    halaman.goto(f"{live_server.url}/")  # downloaded: the task and its notice are gone
    expect(halaman.get_by_text("Ekspor lembar siap diunduh")).to_have_count(0)
    expect(halaman.locator('[data-uji="lonceng"]')).to_have_attribute("aria-label", "Notifikasi")
