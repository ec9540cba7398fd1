"""Dewi (BPSDM) imports a provincial LMS export; Budi finds Sari's completions waiting for his verification."""
from datetime import timedelta

from django.utils import timezone

from jp_conversion.models import Kegiatan, StatusKegiatan, SumberLMS
from tests.e2e.bantu_e2e import buka_menu


def test_bpsdm_imports_lms_completions_and_the_supervisor_sees_them_waiting(
    cast, halaman, pemeriksa, masuk_peramban, live_server, browser
):
    kemarin = timezone.localdate() - timedelta(days=1)
    sumber = SumberLMS.objects.get(kode="lms-provinsi")
    berkas = ("\ufeffNIP Peserta;Nama Kursus;Tgl Lulus;Jumlah JP;Lembaga;No. Sertifikat;URL Bukti\n"
              f"{cast.sari.nip};Etika Pelayanan Publik;{kemarin:%d/%m/%Y};2;;P-001;https://lms.example/s/1\n"
              f"{cast.sari.nip};Etika Pelayanan Publik;{kemarin:%d/%m/%Y};2;;P-001;https://lms.example/s/1\n"
              f"{cast.sari.nip};Manajemen Risiko;{kemarin:%d/%m/%Y};3;;P-002;\n").encode()

    masuk_peramban(halaman, cast.dewi)
    buka_menu(halaman, "Data Induk", "Impor penyelesaian LMS")
    pemeriksa.buka(halaman.url, nama="impor penyelesaian LMS")
    halaman.get_by_label("Sumber LMS").select_option(label=sumber.nama)
    halaman.set_input_files("input[type=file]", files=[{"name": "lms-provinsi.csv", "mimeType": "text/csv",
                                                      "buffer": berkas}])
    halaman.get_by_role("button", name="Periksa berkas").click()
    halaman.wait_for_selector("text=2 akan diajukan, 1 sudah ada dan dilewati")
    halaman.wait_for_selector("text=Sudah ada — dilewati (sama dengan baris 2)")
    pemeriksa.aksesibilitas()
    assert not Kegiatan.objects.exists()
    halaman.get_by_role("button", name="Impor 2 penyelesaian").click()
    halaman.wait_for_selector("text=2 kegiatan baru diajukan untuk verifikasi atasan, 1 sudah ada dan dilewati")
    assert Kegiatan.objects.filter(pegawai=cast.sari, status=StatusKegiatan.DIAJUKAN).count() == 2

    budi = browser.new_context(locale="id-ID").new_page()
    masuk_peramban(budi, cast.budi)
    buka_menu(budi, "Tim", "Verifikasi JP")
    budi.wait_for_selector("text=Etika Pelayanan Publik")
    budi.wait_for_selector("text=Manajemen Risiko")
    budi.context.close()
