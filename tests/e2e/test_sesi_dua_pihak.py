"""Two-party confirmation, the two journeys the coach-first journey (test_coaching.py) leaves out, on a
phone-sized screen:

1. Sari logs a coaching session herself from her agreement page (one tap, the one session form), and
   Budi initials it from the paraf queue on his home page: the message states the true numbers.
2. Budi logs a session, Sari disputes it with a reason from her home page; Budi finds it returned on
   his home page, corrects it on the correction page (the reason above the form), and Sari confirms
   the corrected session: it counts."""
import re
from datetime import time, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.models import Sesi
from coaching.services import coaching_sesi_catat, kesepakatan_akui, kesepakatan_buat
from tests.e2e.bantu_e2e import PONSEL, buka_menu


def _kesepakatan(cast):
    hari_ini = timezone.localdate()
    k = kesepakatan_buat(
        atasan=cast.budi, pegawai=cast.sari, kegiatan="Penyusunan laporan kinerja", tujuan="Laporan tepat waktu",
        target="Laporan triwulan selesai", mulai=hari_ini - timedelta(days=30), selesai=hari_ini + timedelta(days=30),
    )
    return kesepakatan_akui(kesepakatan=k, oleh=cast.sari)


def test_sari_logs_a_session_and_budi_initials_it_from_his_queue(cast, halaman, pemeriksa, masuk_peramban,
                                                                  live_server):
    page = halaman
    page.set_viewport_size(PONSEL)
    _kesepakatan(cast)
    masuk_peramban(page, cast.sari)
    buka_menu(page, "Pengembangan Saya", "Coaching saya")
    page.get_by_role("link", name=re.compile("Laporan tepat waktu")).click()
    expect(page.get_by_text("Sesi yang Anda catat dikirim kepada Budi Santoso untuk diparaf.")).to_be_visible()
    page.get_by_role("link", name="Catat sesi").click()
    pemeriksa.buka(page.url, nama="catat sesi coaching (coachee)")
    page.get_by_label("Jam mulai").fill("09:00")
    page.get_by_label("Jam selesai").fill("09:45")
    page.get_by_label("Materi bimbingan").fill("Membahas draf laporan triwulan")
    page.get_by_role("button", name="Periksa JP").click()
    expect(page.get_by_role("status")).to_contain_text("2 JP: sesi coaching nasional")
    page.get_by_role("button", name="Simpan sesi").click()
    expect(page.get_by_text(re.compile("tercatat dan dikirim kepada Budi Santoso untuk diparaf"))).to_be_visible()
    assert Sesi.objects.get().dicatat_oleh == cast.sari

    page.context.clear_cookies()
    masuk_peramban(page, cast.budi)  # his home page is the team dashboard with the paraf queue
    antrean = page.get_by_role("region", name=re.compile("Menunggu paraf saya"))
    expect(antrean).to_contain_text("Membahas draf laporan triwulan")
    antrean.get_by_role("checkbox", name=re.compile("Sari Wulandari")).check()
    antrean.get_by_role("button", name="Paraf yang dipilih").click()
    expect(page.get_by_text("1 kegiatan telah diparaf (JP-nya dihitung). Sisa yang menunggu paraf Anda: 0.")
           ).to_be_visible()
    expect(page.get_by_role("heading", name="Menunggu paraf saya (0)")).to_be_visible()
    assert page.viewport_size == PONSEL
    assert Sesi.objects.get().peserta.get().kegiatan.dihitung


def test_a_disputed_session_is_corrected_by_its_author(cast, halaman, pemeriksa, masuk_peramban, live_server):
    page = halaman
    url = live_server.url
    page.set_viewport_size(PONSEL)
    k = _kesepakatan(cast)
    coaching_sesi_catat(kesepakatan=k, oleh=cast.budi, isi=IsiSesi(tanggal=timezone.localdate(), mulai=time(8),
                        selesai=time(8, 45), materi="Menyusun kerangka laporan"))

    masuk_peramban(page, cast.sari)
    daftar = page.get_by_role("region", name="Sesi menunggu konfirmasi Anda")
    daftar.get_by_role("link", name="Sanggah…").click()
    page.get_by_label("Alasan sanggahan").fill("Sesi dimulai pukul 10.00, bukan 08.00")
    page.get_by_role("button", name="Sanggah", exact=True).click()
    expect(page.get_by_text("Sanggahan terkirim ke pencatat sesi")).to_be_visible()

    page.context.clear_cookies()
    masuk_peramban(page, cast.budi)
    kembali = page.get_by_role("region", name="Sesi dikembalikan kepada Anda")
    expect(kembali).to_contain_text("Sesi dimulai pukul 10.00, bukan 08.00")
    kembali.get_by_role("link", name="Koreksi").click()
    pemeriksa.buka(page.url, nama="koreksi sesi")
    expect(page.get_by_text("Disanggah Sari Wulandari")).to_be_visible()
    expect(page.get_by_label("Materi bimbingan")).to_have_value("Menyusun kerangka laporan")
    page.get_by_label("Jam mulai").fill("10:00")
    page.get_by_label("Jam selesai").fill("10:45")
    page.get_by_role("button", name="Simpan sesi").click()
    expect(page.get_by_text(re.compile("Sesi dikoreksi"))).to_be_visible()
    expect(page.get_by_role("heading", name="Sesi coaching: Menyusun kerangka laporan")).to_be_visible()
    page.get_by_role("button", name="Paraf (setujui)").click()
    expect(page.get_by_text("Sesi diparaf; JP dihitung setelah peserta mengonfirmasi sesi ini.")).to_be_visible()

    page.context.clear_cookies()
    masuk_peramban(page, cast.sari)
    daftar = page.get_by_role("region", name="Sesi menunggu konfirmasi Anda")
    expect(daftar).to_contain_text("Menyusun kerangka laporan")
    daftar.get_by_role("button", name="Konfirmasi", exact=True).click()
    expect(page.get_by_text("Sesi dikonfirmasi; JP dihitung.")).to_be_visible()
    sesi = Sesi.objects.get()
    assert sesi.mulai == time(10) and sesi.peserta.get().kegiatan.dihitung
    assert page.viewport_size == PONSEL
    page.goto(f"{url}/sesi/{sesi.pk}/")
    expect(page.locator("[data-uji=dicatat-oleh]")).to_contain_text("Budi Santoso")
