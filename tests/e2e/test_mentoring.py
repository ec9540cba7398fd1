"""Mentoring end to end: Sari asks a suggested mentor (Rina); Rina accepts, logs three sessions
in one month and initials them; Sari confirms them from her home page and sees 4 JP and the third
"tidak dihitung" with the reason, then rates the mentoring (journey 2). The main pages are weighed and
checked with axe-core."""
from django.utils import timezone

from mentoring.models import PermintaanMentoring
from tests.e2e.bantu_e2e import buka_menu


def test_request_accept_three_sessions_and_the_monthly_cap(cast, halaman, pemeriksa, masuk_peramban, live_server):
    page = halaman
    url = live_server.url
    masuk_peramban(page, cast.sari)
    pemeriksa.buka(f"{url}/kompetensi/", nama="kompetensi saya (kesenjangan)")
    pemeriksa.buka(f"{url}/mentoring/", nama="mentoring saya")
    page.get_by_role("link", name="Ajukan mentoring").click()
    pemeriksa.buka(page.url, nama="ajukan mentoring")
    page.get_by_label("Topik").fill("Penyusunan analisis beban kerja")
    page.get_by_label("Kesenjangan kompetensi").fill("Analisis jabatan level 2, standar level 3")
    saran = page.get_by_label("Mentor yang disarankan")
    assert "mentor terdaftar" in saran.inner_text() or "bersertifikat" in saran.inner_text()
    page.locator(f"#s-{cast.rina.pk}").check()
    page.get_by_role("button", name="Kirim permintaan").click()
    page.wait_for_selector("text=Permintaan mentoring dikirim")
    permintaan = PermintaanMentoring.objects.get(pemohon=cast.sari)

    page.context.clear_cookies()
    masuk_peramban(page, cast.rina)
    pemeriksa.buka(f"{url}/", nama="beranda mentor (dasbor mentor)")
    buka_menu(page, "Bimbingan", "Mentee Saya")
    page.get_by_role("link", name="Terima / tolak").click()
    page.get_by_label("Aspek yang disepakati untuk dibahas").fill("Metode ABK dan peta jabatan")
    page.get_by_role("button", name="Terima permintaan").click()
    page.wait_for_selector("text=Permintaan mentoring diterima")
    pemeriksa.buka(page.url, nama="rincian mentoring (mentor)")

    hari_ini = timezone.localdate().isoformat()
    for n, (mulai, selesai) in enumerate([("08:00", "08:45"), ("10:00", "10:45"), ("13:00", "13:45")], start=1):
        page.get_by_role("link", name="Catat sesi").click()
        page.locator("#id_tanggal").fill(hari_ini)
        page.locator("#id_mulai").fill(mulai)
        page.locator("#id_selesai").fill(selesai)
        page.locator("#id_materi").fill(f"Pertemuan {n}")
        page.get_by_role("button", name="Periksa JP").click()
        page.wait_for_selector("text=Pratinjau JP")
        page.get_by_role("button", name="Simpan sesi").click()
        page.wait_for_selector("text=tercatat dan menunggu paraf")
    for n in (1, 2, 3):
        page.goto(f"{url}/mentoring/{permintaan.pk}/")
        page.get_by_role("row", name=f"Pertemuan {n}").get_by_role("link", name="Rincian").click()
        if n == 1:
            pemeriksa.buka(page.url, nama="rincian sesi (paraf)")
        page.get_by_role("button", name="Paraf (setujui)").click()
        page.wait_for_selector("text=Sesi diparaf")

    page.context.clear_cookies()
    masuk_peramban(page, cast.sari)
    # Two-party confirmation: Sari confirms each session with one tap from her home page.
    page.goto(f"{url}/")
    daftar = page.get_by_role("region", name="Sesi menunggu konfirmasi Anda")
    for _ in range(3):
        daftar.get_by_role("button", name="Konfirmasi").first.click()
        page.wait_for_selector("text=Sesi dikonfirmasi")
    pemeriksa.buka(f"{url}/mentoring/{permintaan.pk}/", nama="rincian mentoring (mentee)")
    assert page.locator("#jp-dihitung").inner_text() == "4 JP"
    baris = page.get_by_role("row", name="Pertemuan 3").inner_text()
    assert "tidak dihitung: melebihi batas 2 sesi mentoring per bulan" in baris

    page.get_by_role("link", name="Nilai manfaat mentoring").click()
    pemeriksa.buka(page.url, nama="evaluasi manfaat")
    for kelompok in page.locator("fieldset").all():
        kelompok.get_by_label("4 · Setuju").check()
    page.get_by_role("button", name="Simpan penilaian").click()
    page.wait_for_selector("text=penilaian Anda tersimpan")
