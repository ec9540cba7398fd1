"""The daily journeys on a phone, with their taps counted (issue 19). A tap is a click on a link or a
button; typing into a field is not counted. Every page on the way must fit the 390 px screen."""
import datetime as dt
import re

from django.utils import timezone

from coaching.services import kesepakatan_akui, kesepakatan_buat
from tests.e2e.bantu_e2e import PONSEL

MUAT = "() => document.documentElement.scrollWidth <= window.innerWidth"


class Ketukan:
    """Clicks through a locator and counts them; checks the page it lands on fits the phone."""

    def __init__(self, page):
        self.page = page
        self.n = 0

    def __call__(self, locator):
        self.n += 1
        locator.click()
        self.page.wait_for_load_state("load")
        assert self.page.evaluate(MUAT), f"ketukan {self.n}: halaman lebih lebar dari layar ({self.page.url})"


def test_supervisor_logs_and_initials_a_coaching_session_from_home_in_six_taps(cast, halaman, masuk_peramban,
                                                                              live_server):
    hari_ini = timezone.localdate()
    k = kesepakatan_buat(atasan=cast.budi, pegawai=cast.sari, kegiatan="Penyusunan laporan kinerja",
                         tujuan="Laporan triwulan tepat waktu", target="Draf sebelum tanggal 10",
                         mulai=hari_ini - dt.timedelta(days=30), selesai=hari_ini + dt.timedelta(days=60))
    kesepakatan_akui(kesepakatan=k, oleh=cast.sari)
    page = halaman
    page.set_viewport_size(PONSEL)
    masuk_peramban(page, cast.budi)  # lands on the home page (team dashboard)
    ketuk = Ketukan(page)

    ketuk(page.locator("[data-uji=catat-coaching]").get_by_role("link", name=re.compile("Catat sesi")))
    page.get_by_label("Jam mulai").fill("09:00")
    page.get_by_label("Jam selesai").fill("09:45")
    page.get_by_label("Materi bimbingan").fill("Menyusun kerangka laporan")
    ketuk(page.get_by_role("button", name="Simpan sesi"))
    page.wait_for_selector("text=Menunggu paraf Anda")
    ketuk(page.locator("#menunggu-paraf").get_by_role("button", name="Paraf", exact=True))
    page.wait_for_selector("text=Sesi diparaf")
    assert ketuk.n <= 6, f"{ketuk.n} ketukan"


def test_employee_requests_mentoring_from_home_in_five_taps(cast, halaman, masuk_peramban, live_server):
    page = halaman
    page.set_viewport_size(PONSEL)
    masuk_peramban(page, cast.sari)
    ketuk = Ketukan(page)

    ketuk(page.get_by_role("link", name="Ajukan mentoring"))
    page.get_by_label("Topik").fill("Analisis beban kerja")
    ketuk(page.get_by_role("radio", name=re.compile("Rina Marlina")).first)
    ketuk(page.get_by_role("button", name="Kirim permintaan"))
    page.wait_for_selector("text=Permintaan mentoring dikirim kepada")
    assert ketuk.n <= 5, f"{ketuk.n} ketukan"
