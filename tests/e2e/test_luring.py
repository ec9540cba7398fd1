"""Issue 22, on a 390 px phone: Budi logs a coaching session with no signal; the phone keeps it
("menunggu sinyal"), shows it again after a reload, and sends it once when the network returns; a
kept entry the server refuses comes back editable with the reason; signing out clears the queue."""
import time as waktu
from datetime import time, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.models import Konfirmasi, Sesi
from coaching.services import coaching_sesi_catat, kesepakatan_akui, kesepakatan_buat
from tests.e2e.bantu_e2e import PONSEL

JUMLAH_ANTREAN = """() => new Promise((ok) => {
  const q = indexedDB.open("bangkom-luring", 1);
  q.onupgradeneeded = () => q.result.createObjectStore("antrean", {keyPath: "id"});
  q.onsuccess = () => { const c = q.result.transaction("antrean").objectStore("antrean").count();
                        c.onsuccess = () => { q.result.close(); ok(c.result); }; };
})"""
HALAMAN_TERSIMPAN = """async () => (await caches.has("bangkom-halaman"))
  ? (await (await caches.open("bangkom-halaman")).keys()).map(r => new URL(r.url).pathname) : []"""


def _kesepakatan(cast):
    hari_ini = timezone.localdate()
    k = kesepakatan_buat(
        atasan=cast.budi, pegawai=cast.sari, kegiatan="Penyusunan laporan kinerja triwulan",
        tujuan="Laporan triwulan tepat waktu", target="Draf selesai sebelum tanggal 10",
        mulai=hari_ini - timedelta(days=30), selesai=hari_ini + timedelta(days=30),
    )
    return kesepakatan_akui(kesepakatan=k, oleh=cast.sari)


def _buka_form_siap_luring(page, url):
    """Open the session form once the service worker controls the page, so it is kept for later."""
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    path = url.split("//", 1)[1].split("/", 1)[1]
    for _ in range(50):
        if f"/{path}" in page.evaluate(HALAMAN_TERSIMPAN):
            return
        waktu.sleep(0.1)
    raise AssertionError(f"/{path} tidak tersimpan oleh service worker")


def _tunggu(syarat, detik=5.0):
    """The live server's write is seen by this thread's connection a moment later (SQLite WAL)."""
    batas = waktu.monotonic() + detik
    while not syarat() and waktu.monotonic() < batas:
        waktu.sleep(0.1)


def _isi_sesi(page, mulai, selesai, materi):
    page.get_by_label("Jam mulai").fill(mulai)
    page.get_by_label("Jam selesai").fill(selesai)
    page.get_by_label("Materi bimbingan").fill(materi)
    page.get_by_role("button", name="Simpan sesi").click()


def test_a_session_logged_without_signal_waits_and_lands_once(cast, halaman, pemeriksa, masuk_peramban, live_server):
    page = halaman
    page.set_viewport_size(PONSEL)
    k = _kesepakatan(cast)
    masuk_peramban(page, cast.budi)
    url = f"{live_server.url}/coaching/{k.pk}/sesi/"
    _buka_form_siap_luring(page, url)
    pemeriksa.buka(url, nama="catat sesi coaching (dengan service worker)")

    page.context.set_offline(True)
    _isi_sesi(page, "09:00", "09:45", "Menyusun kerangka laporan tanpa sinyal")
    page.wait_for_selector("text=Menunggu sinyal")
    antrean = page.get_by_role("region", name="Entri di perangkat ini")
    expect(antrean).to_contain_text("Menyusun kerangka laporan tanpa sinyal")
    expect(antrean).to_contain_text("09:00–09:45")
    expect(page.get_by_label("Materi bimbingan")).to_have_value("")  # ready for the next entry
    assert not Sesi.objects.exists()

    page.reload()  # still offline: the page comes from the phone, and so does the waiting entry
    page.wait_for_selector("text=Menunggu sinyal")
    expect(page.get_by_role("region", name="Entri di perangkat ini")).to_contain_text("tanpa sinyal")
    assert not Sesi.objects.exists()

    page.context.set_offline(False)
    page.wait_for_selector("text=Terkirim")
    expect(page.get_by_text("Menunggu sinyal")).to_have_count(0)
    assert page.evaluate(JUMLAH_ANTREAN) == 0
    page.reload()
    page.wait_for_load_state("networkidle")
    _tunggu(Sesi.objects.exists)
    sesi = Sesi.objects.get()  # exactly one row, however often the phone sent it
    assert sesi.materi == "Menyusun kerangka laporan tanpa sinyal" and sesi.id_klien is not None
    assert sesi.peserta.get().konfirmasi == Konfirmasi.MENUNGGU  # awaits Sari's confirmation
    assert page.viewport_size == PONSEL


def test_a_kept_entry_the_server_refuses_comes_back_editable(cast, halaman, masuk_peramban, live_server):
    page = halaman
    page.set_viewport_size(PONSEL)
    k = _kesepakatan(cast)
    hari_ini = timezone.localdate()
    masuk_peramban(page, cast.budi)
    url = f"{live_server.url}/coaching/{k.pk}/sesi/"
    _buka_form_siap_luring(page, url)

    page.context.set_offline(True)
    _isi_sesi(page, "10:00", "10:45", "Evaluasi draf laporan")
    page.wait_for_selector("text=Menunggu sinyal")
    # Meanwhile the same hour was recorded from another device: the entry now overlaps it.
    coaching_sesi_catat(
        kesepakatan=k, oleh=cast.budi,
        isi=IsiSesi(tanggal=hari_ini, mulai=time(10), selesai=time(10, 45), materi="Dari laptop"),
    )
    page.context.set_offline(False)
    page.wait_for_selector("text=Ditolak server")
    antrean = page.get_by_role("region", name="Entri di perangkat ini")
    expect(antrean).to_contain_text("Evaluasi draf laporan")
    expect(antrean).to_contain_text("Alasan:")
    assert Sesi.objects.count() == 1

    antrean.get_by_role("link", name="Sunting dan kirim lagi").click()
    expect(page.get_by_label("Materi bimbingan")).to_have_value("Evaluasi draf laporan")
    expect(page.get_by_role("alert").filter(has_text="ditolak server")).to_be_visible()
    page.get_by_label("Jam mulai").fill("11:00")
    page.get_by_label("Jam selesai").fill("11:45")
    page.get_by_role("button", name="Simpan sesi").click()
    page.wait_for_selector("text=tercatat dan menunggu paraf Anda")
    _tunggu(lambda: Sesi.objects.count() == 2)
    assert Sesi.objects.count() == 2
    assert Sesi.objects.filter(materi="Evaluasi draf laporan", mulai=time(11)).count() == 1
    page.wait_for_load_state("networkidle")
    assert page.evaluate(JUMLAH_ANTREAN) == 0


def test_signing_out_clears_the_queue_and_the_kept_pages(cast, halaman, masuk_peramban, live_server):
    page = halaman
    page.set_viewport_size(PONSEL)
    k = _kesepakatan(cast)
    masuk_peramban(page, cast.budi)
    url = f"{live_server.url}/coaching/{k.pk}/sesi/"
    _buka_form_siap_luring(page, url)
    page.context.set_offline(True)
    _isi_sesi(page, "13:00", "13:45", "Entri yang masih di perangkat")
    page.wait_for_selector("text=Menunggu sinyal")
    coaching_sesi_catat(
        kesepakatan=k, oleh=cast.budi,
        isi=IsiSesi(tanggal=timezone.localdate(), mulai=time(13), selesai=time(13, 45), materi="Dari laptop"),
    )
    page.context.set_offline(False)
    page.wait_for_selector("text=Ditolak server")  # refused: it stays on the phone, for editing
    assert page.evaluate(JUMLAH_ANTREAN) == 1
    assert page.evaluate(HALAMAN_TERSIMPAN)

    page.locator("form[action='/keluar/'] button").evaluate("b => b.click()")  # in the collapsed menu
    page.wait_for_url(f"{live_server.url}/masuk/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(JUMLAH_ANTREAN) == 0
    assert page.evaluate(HALAMAN_TERSIMPAN) == []
    assert Sesi.objects.count() == 1


def test_the_sign_out_answer_alone_clears_the_device(cast, halaman, masuk_peramban, live_server):
    """Clear-Site-Data works in Chromium even when the page script did not run (sign-out from
    another tab, a script blocked): the queue and the kept pages are gone after the answer."""
    page = halaman
    k = _kesepakatan(cast)
    masuk_peramban(page, cast.budi)
    _buka_form_siap_luring(page, f"{live_server.url}/coaching/{k.pk}/sesi/")
    page.evaluate("""() => new Promise((ok) => {
      const q = indexedDB.open("bangkom-luring", 1);
      q.onsuccess = () => { const t = q.result.transaction("antrean", "readwrite");
        t.objectStore("antrean").put({id: "x", pengguna: "0", status: "ditolak", data: []});
        t.oncomplete = () => { q.result.close(); ok(); }; };
    })""")
    assert page.evaluate(JUMLAH_ANTREAN) == 1
    status = page.evaluate("""() => fetch("/keluar/", {method: "POST", credentials: "same-origin",
      body: new URLSearchParams({csrfmiddlewaretoken: document.querySelector("[name=csrfmiddlewaretoken]").value})})
      .then(r => r.status)""")
    assert status == 200
    assert page.evaluate(JUMLAH_ANTREAN) == 0
    assert page.evaluate(HALAMAN_TERSIMPAN) == []


def test_a_self_study_log_kept_offline_is_sent_when_the_signal_returns(
    cast, halaman, masuk_peramban, live_server
):
    from decimal import Decimal

    from belajar_mandiri.models import LogBelajar
    from belajar_mandiri.services import penugasan_buat

    hari_ini = timezone.localdate()
    p = penugasan_buat(
        atasan=cast.budi, pegawai=cast.sari, topik="Analisis kebutuhan pelatihan", kesenjangan="Level 2 ke 3",
        lingkup="nasional", mulai=hari_ini - timedelta(days=10), selesai=hari_ini + timedelta(days=10),
        jp_rencana=Decimal("20"),
    )
    page = halaman
    page.set_viewport_size(PONSEL)
    masuk_peramban(page, cast.sari)
    _buka_form_siap_luring(page, f"{live_server.url}/belajar-mandiri/{p.pk}/log/")
    page.context.set_offline(True)
    page.get_by_label("JP dipelajari").fill("1.5")
    page.get_by_label("Yang dipelajari").fill("Modul 2 di kapal tanpa sinyal")
    page.get_by_role("button", name="Simpan log").click()
    page.wait_for_selector("text=Menunggu sinyal")
    expect(page.get_by_role("region", name="Entri di perangkat ini")).to_contain_text("1.5 JP")
    page.goto(f"{live_server.url}/")  # the home page (kept) lists it too
    page.wait_for_selector("text=Menunggu sinyal")
    page.context.set_offline(False)
    page.wait_for_selector("text=Terkirim")
    _tunggu(LogBelajar.objects.exists)
    log = LogBelajar.objects.get()
    assert log.kegiatan.materi.startswith("Modul 2") and log.kegiatan.jp_belajar == Decimal("1.50")
