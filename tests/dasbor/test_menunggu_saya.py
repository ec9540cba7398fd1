"""No dead ends (issue 19): waiting tasks are links or one-tap actions, the kepala is told up front how
many are below target, the bell shows unread notices, and a notice clears when its task is done."""
from django.utils import timezone

from bangkom.notifikasi.models import Notifikasi
from bangkom.sesi.models import Sesi
from mentoring import services
from tests.factories import PegawaiFactory


def _ajukan(cast):
    return services.permintaan_ajukan(pemohon=cast.sari, mentor=cast.rina, topik="Analisis beban kerja")


def test_pending_request_is_a_task_with_its_answer_one_tap_away(cast, masuk):
    p = _ajukan(cast)
    html = masuk(cast.rina).get("/dasbor/mentor/").content.decode()
    bagian = html[html.index('data-uji="menunggu-saya"'):]
    assert f'href="/mentoring/{p.pk}/#jawab"' in bagian and "Sari Wulandari" in bagian
    diajukan = html[html.index('id="judul-diajukan"'):]
    assert f'href="/mentoring/{p.pk}/"' in diajukan  # the name is a link, not plain text


def test_the_accept_page_shows_only_the_mentors_answers(cast, masuk):
    p = _ajukan(cast)
    html = masuk(cast.rina).get(f"/mentoring/{p.pk}/").content.decode()
    assert "Terima permintaan" in html and "Tolak permintaan" in html
    assert f'action="/mentoring/{p.pk}/akhiri/"' not in html  # cancelling is the mentee's
    assert 'name="tahap"' not in html  # one-to-one mentoring has no peer phase
    # the mentee still may cancel her own request
    assert f'action="/mentoring/{p.pk}/akhiri/"' in masuk(cast.sari).get(f"/mentoring/{p.pk}/").content.decode()


def test_answering_clears_the_mentors_notice_and_the_saved_session_offers_paraf(cast, masuk):
    p = _ajukan(cast)
    assert Notifikasi.objects.filter(penerima=cast.rina, dibaca=False).count() == 1
    c = masuk(cast.rina)
    assert c.post(f"/mentoring/{p.pk}/jawab/", {"aksi": "terima", "aspek": "ABK"}).status_code == 302
    assert not Notifikasi.objects.filter(penerima=cast.rina, dibaca=False).exists()

    data = {"tanggal": timezone.localdate().isoformat(), "mulai": "09:00", "selesai": "10:00", "materi": "ABK 1",
            "mode": "tatap_muka", "lingkup": "nasional", "aksi": "simpan"}
    r = c.post(f"/mentoring/{p.pk}/sesi/baru/", data)
    assert r.status_code == 302 and r.url.endswith("#menunggu-paraf")
    sesi = Sesi.objects.get()
    html = c.get(r.url).content.decode()
    bagian = html[html.index('id="menunggu-paraf"'):]
    assert f'action="/sesi/{sesi.pk}/paraf/"' in bagian and ">Paraf</button>" in bagian


def test_kepala_is_told_how_many_are_below_target_lowest_first_with_links(cast, masuk):
    for i in range(3):
        PegawaiFactory(nama=f"Pegawai Tambahan {i}", unit=cast.sari.unit, jabatan=cast.sari.jabatan)
    html = masuk(cast.hasan).get("/dasbor/kepala/").content.decode()
    jumlah = html[html.index('data-uji="jumlah-di-bawah"'):]
    assert "dari" in jumlah[:300] and "masih di bawah target" in jumlah[:300]
    tabel = html[html.index('data-uji="di-bawah"'):]
    assert f'href="/pegawai/{cast.sari.pk}/"' in tabel


def test_bell_in_the_navigation_bar_counts_unread_notices(cast, masuk):
    from bangkom.notifikasi.services import notifikasi_kirim

    for i in range(2):
        notifikasi_kirim(penerima=cast.sari, judul=f"Uji {i}", email=False)
    html = masuk(cast.sari).get("/notifikasi/").content.decode()
    lonceng = html[html.index('data-uji="lonceng"'):]
    assert "2 belum dibaca" in lonceng[:400] and html.index('data-uji="lonceng"') < html.index('id="menu"')
