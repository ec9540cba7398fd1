"""Sari submits an e-learning certificate, Budi verifies it, Sari sees the JP and the reason."""
from datetime import timedelta

from django.utils import timezone

from tests.e2e.bantu_e2e import buka_menu

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_sari_submits_an_e_learning_certificate_and_budi_verifies_it(
    cast, halaman, pemeriksa, masuk_peramban, live_server, tmp_path, browser
):
    sertifikat = tmp_path / "sertifikat-lms.pdf"
    sertifikat.write_bytes(PDF)
    hari_ini = timezone.localdate()
    tanggal = hari_ini - timedelta(days=1) if hari_ini.day > 1 else hari_ini

    masuk_peramban(halaman, cast.sari)
    buka_menu(halaman, "Pengembangan Saya", "JP Saya")
    pemeriksa.buka(halaman.url, nama="JP saya")
    halaman.get_by_role("link", name="Ajukan kegiatan eksternal").click()
    pemeriksa.buka(halaman.url, nama="ajukan kegiatan eksternal")
    halaman.get_by_label("Jenis kegiatan").select_option("e_learning")
    halaman.get_by_label("Judul kegiatan").fill("Literasi Digital ASN")
    halaman.get_by_label("Penyelenggara").fill("LMS ASN nasional")
    halaman.locator("#id_tanggal").fill(tanggal.isoformat())
    halaman.get_by_label("JP", exact=True).fill("2")
    halaman.get_by_role("button", name="Pratinjau JP").click()
    halaman.wait_for_selector("text=2 JP: e-learning nasional")
    halaman.get_by_label("Sertifikat/bukti").set_input_files(str(sertifikat))
    halaman.get_by_role("button", name="Ajukan").click()
    halaman.wait_for_selector("text=menunggu verifikasi atasan")

    budi = browser.new_context(locale="id-ID").new_page()
    masuk_peramban(budi, cast.budi)
    buka_menu(budi, "Tim", "Verifikasi JP")
    assert "Sari" in budi.content()
    budi.get_by_role("link", name="Literasi Digital ASN").click()
    budi.get_by_role("button", name="Verifikasi (setujui)").click()
    budi.wait_for_selector("text=Kegiatan diverifikasi: 2 JP: e-learning nasional")
    budi.context.close()

    halaman.goto(f"{live_server.url}/jp/saya/")
    baris = halaman.get_by_role("row", name="Literasi Digital ASN")
    assert "Disetujui" in baris.inner_text() and "2 JP: e-learning nasional" in baris.inner_text()
    assert "2 JP</strong> dari target 20 JP" in halaman.content()
