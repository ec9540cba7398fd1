"""Journey: Hasan (kepala OPD) appoints a certified coach for Sari; the coach opens an agreement
from "Pegawai yang saya coach" with one tap; Budi (Sari's supervisor) still sees it."""
from datetime import date

from django.utils import timezone
from playwright.sync_api import expect

from bangkom.pegawai.models import Mentor
from tests.e2e.bantu_e2e import buka_menu
from tests.factories import MentorFactory, PegawaiFactory


def test_kepala_appoints_a_certified_coach_who_opens_an_agreement(cast, halaman, pemeriksa, masuk_peramban,
                                                                    live_server):
    page = halaman
    hari_ini = timezone.localdate()
    citra = PegawaiFactory(nama="Citra Lestari", unit=cast.dewi.unit, jabatan=cast.dewi.jabatan)
    profil = MentorFactory(
        pegawai=citra, bidang="Coaching kinerja", sertifikasi=Mentor.Sertifikasi.COACH,
        tanggal_sertifikasi=date(hari_ini.year - 1, 1, 5), nomor_sertifikat="CCH/0042",
        penerbit_sertifikat="BPSDM Provinsi", sertifikat_berlaku_sampai=date(hari_ini.year + 2, 1, 4),
    )

    masuk_peramban(page, cast.hasan)
    buka_menu(page, "Laporan", "Penunjukan coach")
    pemeriksa.buka(page.url, nama="penunjukan coach (kepala OPD)")
    page.get_by_role("link", name="Tunjuk coach").click()
    pemeriksa.buka(page.url, nama="tunjuk coach")
    page.get_by_label("NIP pegawai (coachee)").fill(cast.sari.nip)
    page.get_by_label("Coach terdaftar").select_option(value=str(profil.pk))
    page.get_by_label("Berlaku mulai").fill(f"{hari_ini.year - 1}-06-01")
    page.get_by_label("Alasan penunjukan").fill("Coach bersertifikat untuk laporan kinerja.")
    page.get_by_role("button", name="Simpan penunjukan").click()
    expect(page.get_by_text("Tanggal mulai tidak boleh sebelum hari ini")).to_be_visible()
    page.get_by_label("Berlaku mulai").fill(hari_ini.isoformat())
    page.get_by_role("button", name="Simpan penunjukan").click()
    expect(page.get_by_text("Citra Lestari ditunjuk sebagai coach Sari Wulandari")).to_be_visible()
    expect(page.get_by_role("cell", name="CCH/0042")).to_be_visible()

    page.context.clear_cookies()
    masuk_peramban(page, citra)
    buka_menu(page, "Bimbingan", "Pegawai yang saya coach")
    pemeriksa.buka(page.url, nama="pegawai yang saya coach")
    page.get_by_role("link", name="Buat kesepakatan dengan Sari").click()
    expect(page.get_by_label("Pegawai yang Anda coach (penunjukan)")).to_have_value(str(cast.sari.pk))
    page.get_by_label("Kegiatan / masalah kinerja").fill("Penyusunan laporan kinerja triwulan")
    page.get_by_label("Tujuan").fill("Laporan triwulan tepat waktu")
    page.get_by_label("Target / sasaran").fill("Draf selesai sebelum tanggal 10")
    page.get_by_label("Periode selesai").fill(date(hari_ini.year, 12, 31).isoformat())
    page.get_by_role("button", name="Simpan kesepakatan").click()
    expect(page.get_by_role("heading", name="Coaching Sari Wulandari")).to_be_visible()
    detail = page.url

    page.context.clear_cookies()
    masuk_peramban(page, cast.budi)
    page.goto(detail)
    expect(page.get_by_role("heading", name="Coaching Sari Wulandari")).to_be_visible()
    expect(page.get_by_role("link", name="Catat sesi")).to_have_count(0)
