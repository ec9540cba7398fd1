from datetime import timedelta

from django.utils import timezone

from bangkom.kompetensi import services
from bangkom.kompetensi.models import BarisRencana, Kompetensi, StandarKompetensi


def test_budi_holds_the_gap_dialog_with_sari_and_plans_it(cast, halaman, pemeriksa, masuk_peramban, live_server):
    komunikasi = Kompetensi.objects.get(kode="komunikasi")
    StandarKompetensi.objects.create(jabatan=cast.sari.jabatan, kompetensi=komunikasi, level_standar=3)
    services.penilaian_catat(pegawai=cast.sari, kompetensi=komunikasi, level=1, sumber="asesmen",
                             tanggal=timezone.localdate() - timedelta(days=3), penilai=None)
    masuk_peramban(halaman, cast.budi)
    halaman.goto(f"{live_server.url}/pegawai/{cast.sari.pk}/")
    halaman.get_by_role("link", name="Kompetensi dan kesenjangan").click()
    pemeriksa.buka(halaman.url, nama="kompetensi pegawai (atasan)")
    halaman.get_by_role("link", name="Dialog kesenjangan").click()
    halaman.get_by_label("Keterampilan/keahlian/pengalaman").check()
    halaman.get_by_role("button", name="Lihat rekomendasi").click()
    assert "Rekomendasi: Mentoring" in halaman.locator("#rekomendasi").inner_text()
    halaman.get_by_role("button", name="Simpan hasil dialog").click()
    halaman.get_by_role("link", name="Tambahkan ke rencana pengembangan").click()
    halaman.get_by_label("JP direncanakan").fill("8")
    halaman.get_by_role("button", name="Tambahkan ke rencana").click()
    halaman.wait_for_selector("text=ditambahkan ke rencana")
    baris = BarisRencana.objects.get()
    assert (baris.bentuk, baris.kompetensi, baris.rencana.pegawai) == ("mentoring", komunikasi, cast.sari)
