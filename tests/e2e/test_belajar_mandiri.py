"""Journey: Budi assigns → Sari logs 3 JP on one day and is warned of the cap → writes a resume →
Budi initials the logs and the resume → Sari sees 2 JP counted (journey 3). The main pages are
weighed and checked with axe-core."""
from datetime import timedelta

from django.utils import timezone

from tests.e2e.bantu_e2e import buka_menu


def test_assign_log_resume_paraf_and_jp_visible(cast, halaman, pemeriksa, masuk_peramban, live_server):
    page = halaman
    hari_ini = timezone.localdate()
    kemarin = hari_ini - timedelta(days=1)

    masuk_peramban(page, cast.budi)
    pemeriksa.buka(f"{live_server.url}/belajar-mandiri/tugaskan/", nama="tugaskan belajar mandiri")
    page.get_by_label("Pegawai").select_option(label=f"{cast.sari.nama} — {cast.sari.nip}")
    page.get_by_label("Topik").fill("Analisis kebutuhan pelatihan")
    page.get_by_label("Kesenjangan kompetensi").fill("Menyusun AKP unit kerja")
    page.get_by_label("Periode mulai").fill(f"{hari_ini - timedelta(days=10):%Y-%m-%d}")
    page.get_by_label("Periode selesai").fill(f"{hari_ini + timedelta(days=20):%Y-%m-%d}")
    page.get_by_label("JP direncanakan").fill("10")
    page.get_by_role("button", name="Tugaskan").click()
    page.wait_for_url("**/belajar-mandiri/*/")
    detail = page.url
    page.context.clear_cookies()

    masuk_peramban(page, cast.sari)
    buka_menu(page, "Pengembangan Saya", "Belajar Mandiri")
    pemeriksa.buka(page.url, nama="belajar mandiri saya")
    page.get_by_role("link", name="Catat hari ini").click()
    pemeriksa.buka(page.url, nama="catat log belajar")
    page.get_by_label("Tanggal").fill(f"{kemarin:%Y-%m-%d}")
    page.get_by_label("JP dipelajari").fill("2")
    page.get_by_label("Yang dipelajari").fill("Membaca pedoman AKP")
    page.get_by_role("button", name="Simpan log").click()
    page.wait_for_url(detail)
    page.goto(f"{live_server.url}/belajar-mandiri/")
    page.get_by_role("link", name="Catat hari ini").click()
    page.get_by_label("Tanggal").fill(f"{kemarin:%Y-%m-%d}")
    page.get_by_label("atau menit belajar").fill("45")  # the helper fills 1 JP
    assert page.get_by_label("JP dipelajari").input_value() == "1"
    page.get_by_label("Yang dipelajari").fill("Latihan menyusun AKP")
    page.get_by_role("button", name="Periksa JP").click()
    pratinjau = page.locator("[data-pratinjau]").inner_text()
    assert "sudah 2 JP tercatat" in pratinjau and "tidak menambah JP" in pratinjau
    page.get_by_role("button", name="Simpan log").click()
    page.wait_for_url(detail)
    page.get_by_role("link", name="Tulis resume").click()
    page.get_by_label("Judul").fill("Resume AKP")
    page.get_by_label("Isi resume").fill("Saya mempelajari tahapan analisis kebutuhan pelatihan.")
    page.get_by_role("button", name="Kirim resume").click()
    page.wait_for_url("**/resume/*/")
    page.context.clear_cookies()

    masuk_peramban(page, cast.budi)
    buka_menu(page, "Tim", "Paraf belajar mandiri")
    pemeriksa.buka(page.url, nama="paraf belajar mandiri")
    page.get_by_label("Pilih semua").check()
    page.get_by_role("button", name="Paraf yang dipilih").click()
    page.wait_for_selector("text=2 log diparaf")
    page.get_by_role("link", name="Resume AKP").click()
    page.get_by_role("button", name="Paraf resume").click()
    page.wait_for_selector("text=Diparaf oleh")
    page.context.clear_cookies()

    masuk_peramban(page, cast.sari)
    pemeriksa.buka(detail, nama="penugasan belajar mandiri (pegawai)")
    assert "tercatat 3 · dihitung 2" in page.locator("dl").inner_text()
    page.goto(f"{live_server.url}/belajar-mandiri/kalender/?bulan={kemarin:%Y-%m}")
    sel = page.locator(f'[data-tanggal="{kemarin:%Y-%m-%d}"]').inner_text()
    assert sel.replace("\n", " ").startswith("3 / 2 JP")
