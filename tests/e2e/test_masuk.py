"""Journey 6 (access) and the sign-in page: a pegawai who types another employee's URL in any app
sees the Indonesian refusal page; the sign-in and home pages are light and accessible."""
from datetime import timedelta

from django.utils import timezone

from coaching.services import kesepakatan_buat
from mentoring.models import PermintaanMentoring


def test_a_supervisor_signs_in_and_sees_the_home_page(cast, halaman, masuk_peramban, live_server):
    masuk_peramban(halaman, cast.budi)
    assert "Budi Santoso" in halaman.content()
    assert "Atasan Langsung" in halaman.content()


def test_a_pegawai_typing_another_employees_url_sees_a_refusal(cast, halaman, pemeriksa, masuk_peramban, live_server):
    hari_ini = timezone.localdate()
    coaching = kesepakatan_buat(atasan=cast.agus, pegawai=cast.joko, kegiatan="Pengawasan proyek jalan",
                                tujuan="Laporan pengawasan", target="Dua laporan", mulai=hari_ini,
                                selesai=hari_ini + timedelta(days=60))
    mentoring = PermintaanMentoring.objects.create(pemohon=cast.joko, mentor=cast.agus, topik="Manajemen proyek")
    masuk_peramban(halaman, cast.sari)
    url = live_server.url
    lain = cast.joko.pk
    for jalur in (f"/pegawai/{lain}/", f"/jp/pegawai/{lain}/", f"/coaching/{coaching.pk}/",
                  f"/mentoring/{mentoring.pk}/", f"/mentoring/pegawai/{lain}/", f"/kompetensi/pegawai/{lain}/"):
        tanggapan = halaman.goto(f"{url}{jalur}")
        assert tanggapan.status == 404, jalur
        assert halaman.get_by_role("heading", name="Halaman tidak ditemukan").is_visible(), jalur
        assert "Agus" not in halaman.content() and "Joko" not in halaman.content(), jalur
    pemeriksa.buka(f"{url}/kompetensi/pegawai/{lain}/", nama="halaman penolakan (404)")
    # her own pages stay open
    assert halaman.goto(f"{url}/jp/pegawai/{cast.sari.pk}/").status == 200


def test_sign_in_and_home_pages_are_light_and_accessible(cast, halaman, pemeriksa, masuk_peramban, live_server):
    hasil = pemeriksa.buka(f"{live_server.url}/masuk/", nama="masuk")
    assert hasil["ulang"] < hasil["pertama"] / 4, "static files are cached on the repeat visit"
    masuk_peramban(halaman, cast.sari)
    pemeriksa.buka(f"{live_server.url}/", nama="beranda")
