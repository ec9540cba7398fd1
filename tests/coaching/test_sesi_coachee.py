"""The coachee logs a session herself (two-party confirmation, the other order): one tap from her
agreement page, the same session form as the coach's; the session is confirmed by being logged and
waits for the coach's paraf, or comes back to her rejected with a reason."""
from django.utils import timezone

from bangkom.notifikasi.models import Notifikasi
from bangkom.sesi.models import Konfirmasi, Paraf, Sesi
from jp_conversion.models import StatusKegiatan
from tests.coaching.test_coaching_views import data_sesi


def test_the_coachee_logs_a_session_in_one_tap_from_her_agreement(cast, masuk, kesepakatan):
    c = masuk(cast.sari)
    teks = c.get(f"/coaching/{kesepakatan.pk}/").content.decode()
    assert f'href="/coaching/{kesepakatan.pk}/sesi/"' in teks and "dikirim kepada Budi Santoso untuk diparaf" in teks
    halaman = c.get(f"/coaching/{kesepakatan.pk}/sesi/")
    assert halaman.status_code == 200 and "dikirim kepada coach Anda" in halaman.content.decode()
    teks = c.post(f"/coaching/{kesepakatan.pk}/sesi/", data_sesi(aksi="periksa")).content.decode()
    assert "2 JP: sesi coaching nasional" in teks and not Sesi.objects.exists()
    r = c.post(f"/coaching/{kesepakatan.pk}/sesi/", data_sesi(aksi="simpan"), follow=True)
    assert r.redirect_chain[-1][0] == f"/coaching/{kesepakatan.pk}/"
    assert "dikirim kepada Budi Santoso untuk diparaf" in r.content.decode()
    sesi = Sesi.objects.get()
    ps = sesi.peserta.get()
    assert (sesi.dicatat_oleh, sesi.pembimbing) == (cast.sari, cast.budi)
    assert (ps.konfirmasi, ps.paraf) == (Konfirmasi.DIKONFIRMASI, Paraf.MENUNGGU)
    assert Notifikasi.objects.filter(penerima=cast.budi, judul__startswith="Paraf sesi coaching").exists()
    # Budi initials it from his agreement page (it waits for him, not for her): now it counts.
    teks = masuk(cast.budi).get(f"/coaching/{kesepakatan.pk}/").content.decode()
    assert "Menunggu paraf Anda" in teks and f'action="/sesi/{sesi.pk}/paraf/"' in teks
    masuk(cast.budi).post(f"/sesi/{sesi.pk}/paraf/", {"aksi": "setujui"})
    assert sesi.peserta.get().kegiatan.dihitung


def test_no_tap_before_the_agreement_is_acknowledged(cast, masuk, kesepakatan_baru):
    c = masuk(cast.sari)
    teks = c.get(f"/coaching/{kesepakatan_baru.pk}/").content.decode()
    assert f'href="/coaching/{kesepakatan_baru.pk}/sesi/"' not in teks and "Saya memahami" in teks
    teks = c.post(f"/coaching/{kesepakatan_baru.pk}/sesi/", data_sesi(aksi="simpan")).content.decode()
    assert "belum diakui oleh Sari" in teks and not Sesi.objects.exists()


def test_the_coach_rejects_it_with_a_reason_and_it_comes_back_to_her(cast, masuk, kesepakatan):
    masuk(cast.sari).post(f"/coaching/{kesepakatan.pk}/sesi/", data_sesi(aksi="simpan"))
    sesi = Sesi.objects.get()
    c = masuk(cast.budi)
    r = c.post(f"/sesi/{sesi.pk}/paraf/", {"aksi": "tolak", "alasan": ""}, follow=True)
    assert "Alasan penolakan wajib diisi." in r.content.decode()
    c.post(f"/sesi/{sesi.pk}/paraf/", {"aksi": "tolak", "alasan": "Hari itu saya dinas luar"})
    assert sesi.peserta.get().kegiatan.status == StatusKegiatan.DITOLAK
    teks = masuk(cast.sari).get("/").content.decode()
    assert "Sesi dikembalikan kepada Anda" in teks and "Hari itu saya dinas luar" in teks
    assert f'href="/sesi/{sesi.pk}/koreksi/"' in teks


def test_the_coach_still_logs_and_others_cannot(cast, masuk, kesepakatan):
    r = masuk(cast.budi).post(f"/coaching/{kesepakatan.pk}/sesi/", data_sesi(aksi="simpan"), follow=True)
    assert "tercatat dan menunggu paraf Anda; JP dihitung setelah Sari Wulandari mengonfirmasinya" in r.content.decode()
    assert Sesi.objects.get().dicatat_oleh == cast.budi
    for orang, status in ((cast.hasan, 403), (cast.joko, 404), (cast.rina, 404)):
        assert masuk(orang).post(f"/coaching/{kesepakatan.pk}/sesi/", data_sesi(aksi="simpan")).status_code == status
    assert Sesi.objects.count() == 1


def test_a_closed_agreement_takes_no_session_from_the_coachee_either(cast, masuk, kesepakatan):
    kesepakatan.status = kesepakatan.Status.SELESAI
    kesepakatan.save()
    c = masuk(cast.sari)
    assert f'href="/coaching/{kesepakatan.pk}/sesi/"' not in c.get(f"/coaching/{kesepakatan.pk}/").content.decode()
    r = c.get(f"/coaching/{kesepakatan.pk}/sesi/", follow=True)
    assert "sudah ditutup" in r.content.decode() and r.redirect_chain[-1][0] == f"/coaching/{kesepakatan.pk}/"
    assert timezone.localdate()  # the agreement's dates are untouched
