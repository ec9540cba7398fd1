"""Journey 5 (second half): Dewi exports a signed activity sheet, verifies its QR code on the public
page, and bulk-exports an OPD's sheets as a ZIP after the progress bar completes."""
import re
import zipfile
from datetime import date
from pathlib import Path

from django.utils import timezone

from jp_conversion.services import kegiatan_catat, kegiatan_paraf
from tests.dokumen.conftest import teks_pdf
from tests.e2e.bantu_e2e import buka_menu


def test_dewi_mengekspor_lembar_memverifikasi_dan_mengunduh_zip(cast, halaman, pemeriksa, masuk_peramban, live_server):
    tahun = timezone.localdate().year
    k = kegiatan_catat(pegawai=cast.sari, jenis="coaching", tanggal=date(tahun, 1, 6),
                       materi="Menyusun rencana kerja", pembimbing=cast.budi)
    kegiatan_paraf(kegiatan=k, oleh=cast.budi, setuju=True)
    masuk_peramban(halaman, cast.dewi)

    pemeriksa.buka(f"{live_server.url}/", nama="beranda BPSDM (dasbor provinsi)")
    pemeriksa.buka(f"{live_server.url}/pegawai/{cast.sari.pk}/", nama="profil pegawai")
    with halaman.expect_download() as unduhan:
        halaman.get_by_role("button", name=f"Lembar Coaching {tahun} (PDF)").click()
    teks = teks_pdf(Path(unduhan.value.path()).read_bytes())
    assert cast.sari.nip in teks
    kode = re.search(r"Kode verifikasi: ([A-Z0-9]{10})", teks).group(1)

    pemeriksa.buka(f"{live_server.url}/verifikasi/{kode}/", nama="verifikasi QR")
    assert "BERLAKU:" in halaman.content()
    assert cast.sari.nip not in halaman.content()

    halaman.goto(f"{live_server.url}/")
    buka_menu(halaman, "Laporan", "Ekspor lembar kegiatan")
    pemeriksa.buka(halaman.url, nama="ekspor lembar kegiatan")
    halaman.get_by_label("Perangkat daerah").select_option(label=str(cast.dinkes))
    halaman.get_by_role("button", name="Mulai ekspor").click()
    tombol = halaman.get_by_role("link", name="Unduh ZIP")
    tombol.wait_for(state="visible")
    assert "100%" in halaman.content()
    with halaman.expect_download() as unduhan:
        tombol.click()
    nama = zipfile.ZipFile(unduhan.value.path()).namelist()
    assert "indeks.csv" in nama and any(cast.sari.nip in n for n in nama)


def test_hasan_mengesahkan_lembar_yang_menunggu(cast, halaman, pemeriksa, masuk_peramban, live_server):
    from bangkom.dokumen.lembar import lembar_terbitkan

    cast.dinkes.wajib_pengesahan_kepala = True
    cast.dinkes.save()
    tahun = timezone.localdate().year
    k = kegiatan_catat(pegawai=cast.sari, jenis="coaching", tanggal=date(tahun, 1, 6),
                       materi="Menyusun rencana kerja", pembimbing=cast.budi)
    kegiatan_paraf(kegiatan=k, oleh=cast.budi, setuju=True)
    terbit, _ = lembar_terbitkan(pegawai=cast.sari, jenis="coaching", mulai=date(tahun, 1, 1),
                                 selesai=date(tahun, 12, 31), oleh=cast.sari.user)
    masuk_peramban(halaman, cast.hasan)

    pemeriksa.buka(f"{live_server.url}/", nama="dasbor perangkat daerah dengan antrean pengesahan")
    bagian = halaman.locator("section", has=halaman.get_by_role("heading", name="Lembar menunggu pengesahan"))
    assert cast.sari.nip in bagian.inner_text()
    halaman.get_by_label(f"Pilih lembar Coaching {cast.sari.nama_lengkap}").check()
    halaman.get_by_role("button", name="Sahkan terpilih").click()
    halaman.get_by_text("1 lembar kegiatan telah disahkan.").wait_for()
    assert "Tidak ada lembar kegiatan yang menunggu pengesahan Anda." in halaman.content()

    halaman.goto(f"{live_server.url}/verifikasi/{terbit.kode}/")
    assert "Disahkan Kepala Perangkat Daerah pada" in halaman.content()
