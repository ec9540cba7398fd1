"""Journey: Dewi (BPSDM) imports the yearly performance results from a CSV export, previews and confirms
them; Budi sees Sari under "Perlu coaching" on his team dashboard, on a phone, with the reason, and
starts the coaching agreement in one tap (the form opens with Sari chosen); she then leaves the list."""
from django.utils import timezone
from playwright.sync_api import expect

from bangkom.kompetensi.models import PenilaianKinerja
from coaching.models import KesepakatanCoaching
from tests.e2e.bantu_e2e import PONSEL


def test_bpsdm_imports_performance_and_budi_starts_coaching(cast, halaman, pemeriksa, masuk_peramban,
                                                               live_server):
    page, url = halaman, live_server.url
    tahun = timezone.localdate().year - 1
    csv = (f"NIP;Nama;Tahun;Predikat Kinerja\n{cast.sari.nip};Sari Wulandari;{tahun};Butuh Perbaikan\n"
           f"{cast.budi.nip};Budi Santoso;{tahun};Baik\n").encode()
    masuk_peramban(page, cast.dewi)
    pemeriksa.buka(f"{url}/kompetensi/kinerja/impor/", nama="impor predikat kinerja")
    page.set_input_files("input[type=file]", files=[{"name": "skp.csv", "mimeType": "text/csv", "buffer": csv}])
    page.get_by_role("button", name="Periksa berkas").click()
    page.wait_for_selector("text=2 baris siap diimpor")
    assert not PenilaianKinerja.objects.exists()
    page.get_by_role("button", name="Impor 2 baris predikat kinerja").click()
    page.wait_for_selector("text=Impor predikat kinerja selesai: 2 baris, 2 baru, 0 diperbarui.")
    page.context.clear_cookies()

    page.set_viewport_size(PONSEL)
    masuk_peramban(page, cast.budi)
    pemeriksa.buka(f"{url}/dasbor/atasan/", nama="dasbor tim dengan perlu coaching")
    daftar = page.locator("[data-uji=perlu-coaching]")
    expect(daftar).to_contain_text("Sari Wulandari")
    expect(daftar).to_contain_text(f"predikat kinerja {tahun} \u201cButuh Perbaikan\u201d")
    expect(daftar).not_to_contain_text("Budi Santoso")
    assert page.evaluate("document.documentElement.scrollWidth") <= PONSEL["width"]  # fits the phone
    daftar.get_by_role("link", name="Mulai coaching Sari Wulandari").click()
    page.wait_for_selector("text=Kegiatan / masalah kinerja")
    expect(page.get_by_label("Pegawai (bawahan langsung)")).to_have_value(str(cast.sari.pk))
    page.get_by_label("Kegiatan / masalah kinerja").fill("Tindak lanjut predikat kinerja: laporan triwulan")
    page.get_by_label("Tujuan").fill("Laporan triwulan tepat waktu")
    page.get_by_label("Target / sasaran").fill("Draf selesai sebelum tanggal 10")
    page.get_by_role("button", name="Simpan kesepakatan").click()
    expect(page.get_by_role("heading", name="Coaching Sari Wulandari")).to_be_visible()
    assert KesepakatanCoaching.objects.filter(pegawai=cast.sari, atasan=cast.budi).exists()
    page.goto(f"{url}/dasbor/atasan/")
    expect(page.locator("[data-uji=perlu-coaching]")).to_contain_text("Tidak ada pegawai yang perlu coaching")
