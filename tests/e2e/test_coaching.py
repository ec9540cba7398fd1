"""Journey 1, on a phone over a throttled slow-3G connection: Budi opens a coaching agreement with
Sari, Sari acknowledges it, Budi logs a session, checks its JP, saves and initials it in one tap;
Sari confirms it with one tap from her home page (two-party confirmation) and then sees the 2 JP and
why. Each main page is weighed (first and repeat visit) and checked with axe-core on the way."""
import re

from playwright.sync_api import expect

from coaching.models import KesepakatanCoaching
from coaching.services import kesepakatan_akui
from tests.e2e.bantu_e2e import PONSEL, buka_menu


def test_a_coach_logs_and_initials_a_session_on_a_phone(cast, halaman, pemeriksa, masuk_peramban, live_server):
    page = halaman
    url = live_server.url
    page.set_viewport_size(PONSEL)
    pemeriksa.lambat_3g()
    masuk_peramban(page, cast.budi)
    pemeriksa.buka(f"{url}/", nama="beranda atasan (dasbor tim)")
    buka_menu(page, "Tim", "Coaching (sebagai coach)")
    page.get_by_role("link", name="Kesepakatan baru").click()
    page.get_by_label("Pegawai (bawahan langsung)").select_option(value=str(cast.sari.pk))
    page.get_by_label("Kegiatan / masalah kinerja").fill("Penyusunan laporan kinerja triwulan")
    page.get_by_label("Tujuan").fill("Laporan triwulan tepat waktu")
    page.get_by_label("Target / sasaran").fill("Draf selesai sebelum tanggal 10")
    page.get_by_role("button", name="Simpan kesepakatan").click()
    expect(page.get_by_role("heading", name="Coaching Sari Wulandari")).to_be_visible()
    pemeriksa.buka(page.url, nama="kesepakatan coaching")
    # No session before the konsensus: Sari acknowledges the agreement (her own page is covered by
    # tests/coaching/test_coaching_views.py).
    kesepakatan_akui(kesepakatan=KesepakatanCoaching.objects.get(pegawai=cast.sari), oleh=cast.sari)
    page.reload()

    page.get_by_role("link", name="Catat sesi").click()
    pemeriksa.buka(page.url, nama="catat sesi coaching")
    page.get_by_label("Jam mulai").fill("09:00")
    page.get_by_label("Jam selesai").fill("09:45")
    page.get_by_label("Materi bimbingan").fill("Menyusun kerangka laporan")
    page.get_by_role("button", name="Periksa JP").click()
    expect(page.get_by_role("status")).to_contain_text("2 JP: sesi coaching nasional")
    expect(page.get_by_label("Materi bimbingan")).to_have_value("Menyusun kerangka laporan")
    page.get_by_role("button", name="Simpan sesi").click()

    expect(page.get_by_role("heading", name="Menunggu paraf Anda")).to_be_visible()
    page.get_by_role("button", name="Paraf", exact=True).click()
    expect(page.get_by_text("Sesi diparaf")).to_be_visible()
    expect(page.get_by_role("heading", name="Menunggu paraf Anda")).to_have_count(0)

    page.context.clear_cookies()
    masuk_peramban(page, cast.sari)
    pemeriksa.buka(f"{url}/", nama="beranda pegawai (dasbor pribadi)")
    daftar = page.get_by_role("region", name="Sesi menunggu konfirmasi Anda")
    expect(daftar).to_contain_text("Menyusun kerangka laporan")
    daftar.get_by_role("button", name="Konfirmasi").click()
    expect(page.get_by_text("Sesi dikonfirmasi; JP dihitung.")).to_be_visible()
    expect(page.get_by_role("region", name="Sesi menunggu konfirmasi Anda")).to_have_count(0)
    assert page.viewport_size == PONSEL
    buka_menu(page, "Pengembangan Saya", "Coaching saya")
    page.get_by_role("link", name=re.compile("Laporan triwulan tepat waktu")).click()
    pemeriksa.buka(page.url, nama="coaching saya (pegawai)")
    expect(page.get_by_text("2 JP: sesi coaching nasional")).to_be_visible()
    expect(page.locator("dd strong", has_text=re.compile(r"^2 JP$"))).to_be_visible()
    assert page.viewport_size == PONSEL
