"""The mentee logs her own one-to-one session: one tap from the relationship page, the one session
form (without the group checkboxes); the mentor initials it from his dashboard or rejects it with a
reason."""
import pytest
from django.utils import timezone

from bangkom.sesi.models import Konfirmasi, Paraf, Sesi
from mentoring import services
from tests.factories import PegawaiFactory


@pytest.fixture
def berjalan(cast):
    permintaan = services.permintaan_ajukan(pemohon=cast.sari, mentor=cast.rina, topik="Analisis beban kerja")
    return services.permintaan_terima(permintaan=permintaan, oleh=cast.rina, aspek="ABK")


def data_sesi(**kw):
    return {"tanggal": timezone.localdate().isoformat(), "mulai": "09:00", "selesai": "10:00",
            "materi": "Menghitung ABK seksi", "mode": "tatap_muka", "lingkup": "nasional", **kw}


def test_the_mentee_logs_her_session_and_the_mentor_initials_it(cast, masuk, berjalan):
    mentee_lain = PegawaiFactory(jabatan=cast.sari.jabatan, unit=cast.budi.unit, atasan=cast.budi)
    lain = services.permintaan_ajukan(pemohon=mentee_lain, mentor=cast.rina, topik="Lain")
    services.permintaan_terima(permintaan=lain, oleh=cast.rina, aspek="x")
    c = masuk(cast.sari)
    teks = c.get(f"/mentoring/{berjalan.pk}/").content.decode()
    assert f'href="/mentoring/{berjalan.pk}/sesi/baru/"' in teks and "dikirim kepada Rina Marlina untuk diparaf" in teks
    halaman = c.get(f"/mentoring/{berjalan.pk}/sesi/baru/").content.decode()
    assert "dikirim kepada mentor Anda" in halaman and 'name="peserta_lain"' not in halaman  # no group for her
    r = c.post(f"/mentoring/{berjalan.pk}/sesi/baru/", data_sesi(aksi="simpan", peserta_lain=[mentee_lain.pk]),
               follow=True)
    assert "dikirim kepada Rina Marlina untuk diparaf" in r.content.decode()
    sesi = Sesi.objects.get()
    assert sesi.dicatat_oleh == cast.sari and [p.pegawai for p in sesi.peserta.all()] == [cast.sari]
    ps = sesi.peserta.get()
    assert (ps.konfirmasi, ps.paraf) == (Konfirmasi.DIKONFIRMASI, Paraf.MENUNGGU)
    # On the mentor's dashboard it waits for his paraf; one tap (bulk) counts it at once.
    c = masuk(cast.rina)
    dasbor = c.get("/dasbor/mentor/")
    assert [k.pk for k in dasbor.context["sesi_menunggu"]] == [ps.kegiatan_id]
    r = c.post("/dasbor/atasan/paraf/", {"kegiatan": [ps.kegiatan_id], "kembali": "/dasbor/mentor/"}, follow=True)
    assert "1 kegiatan telah diparaf (JP-nya dihitung). Sisa yang menunggu paraf Anda: 0." in r.content.decode()
    assert sesi.peserta.get().kegiatan.dihitung


def test_the_mentor_rejects_a_mentee_logged_session_with_a_reason(cast, masuk, berjalan):
    masuk(cast.sari).post(f"/mentoring/{berjalan.pk}/sesi/baru/", data_sesi(aksi="simpan"))
    sesi = Sesi.objects.get()
    masuk(cast.rina).post(f"/sesi/{sesi.pk}/paraf/", {"aksi": "tolak", "alasan": "Belum bertemu minggu ini"})
    assert sesi.peserta.get().paraf == Paraf.DITOLAK
    teks = masuk(cast.sari).get(f"/sesi/{sesi.pk}/").content.decode()
    assert "Sesi dikembalikan kepada Anda" in teks and "Ditolak Rina" in teks and "Belum bertemu minggu ini" in teks


def test_outsiders_cannot_log_a_session_of_the_relationship(cast, masuk, berjalan):
    for orang, status in ((cast.budi, 403), (cast.joko, 404)):
        assert masuk(orang).get(f"/mentoring/{berjalan.pk}/sesi/baru/").status_code == status
        assert masuk(orang).post(f"/mentoring/{berjalan.pk}/sesi/baru/", data_sesi(aksi="simpan")).status_code == status
    assert not Sesi.objects.exists()
