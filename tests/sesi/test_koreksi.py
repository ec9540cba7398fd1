"""The correction page: a disputed (or rejected) session goes back to its author, who sees why on
the home page and on the session, and corrects it on the one session form; the corrected session
replaces it and waits again for the other party. Only the author corrects; a counted session is not
corrected (the paraf is withdrawn first)."""
from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.models import Konfirmasi, Paraf, PesertaSesi, Sesi
from bangkom.sesi.selectors import (
    sesi_beranda,
    sesi_disanggah_opd,
    sesi_kembali_ke_pencatat,
    sesi_menunggu_konfirmasi,
)
from bangkom.sesi.services import sesi_konfirmasi, sesi_paraf
from coaching.services import coaching_sesi_catat, kesepakatan_akui, kesepakatan_buat
from jp_conversion.models import Kegiatan
from tests.factories import paraf_lengkap

HARI_INI = timezone.localdate


@pytest.fixture
def kesepakatan(cast):
    hari_ini = HARI_INI()
    k = kesepakatan_buat(
        atasan=cast.budi, pegawai=cast.sari, kegiatan="SKP", tujuan="SKP tepat waktu", target="SKP selesai",
        mulai=hari_ini - timedelta(days=40), selesai=hari_ini + timedelta(days=10),
    )
    return kesepakatan_akui(kesepakatan=k, oleh=cast.sari)


def catat(k, oleh, jam=9, materi="Penyusunan SKP"):
    isi = IsiSesi(tanggal=HARI_INI(), mulai=time(jam), selesai=time(jam, 45), materi=materi)
    return coaching_sesi_catat(kesepakatan=k, oleh=oleh, isi=isi)


def isian(**kw):
    return {"tanggal": HARI_INI().isoformat(), "mulai": "13:00", "selesai": "13:45", "materi": "Penyusunan SKP",
            "mode": "tatap_muka", "lingkup": "nasional", **kw}


def test_a_disputed_session_is_corrected_by_its_author_from_the_home_page(cast, masuk, kesepakatan):
    s = catat(kesepakatan, cast.budi)
    sesi_konfirmasi(sesi=s, oleh=cast.sari, setuju=False, alasan="Sesi mulai pukul 13.00")
    c = masuk(cast.budi)
    beranda = c.get("/").content.decode()
    assert "Sesi dikembalikan kepada Anda" in beranda and "Sesi mulai pukul 13.00" in beranda
    assert f'href="/sesi/{s.pk}/koreksi/"' in beranda
    detail = c.get(f"/sesi/{s.pk}/").content.decode()
    assert "Sesi dikembalikan kepada Anda" in detail and f'href="/sesi/{s.pk}/koreksi/"' in detail
    halaman = c.get(f"/sesi/{s.pk}/koreksi/")
    teks = halaman.content.decode()
    assert halaman.status_code == 200 and "Disanggah Sari Wulandari" in teks and "Sesi mulai pukul 13.00" in teks
    assert halaman.context["form"].initial["materi"] == "Penyusunan SKP"  # starts from what was recorded
    assert halaman.context["form"].initial["mulai"] == time(9)
    assert "Pratinjau JP" in c.post(f"/sesi/{s.pk}/koreksi/", isian(aksi="periksa")).content.decode()
    assert Sesi.objects.filter(pk=s.pk).exists()
    r = c.post(f"/sesi/{s.pk}/koreksi/", isian(aksi="simpan"), follow=True)
    baru = Sesi.objects.get()
    assert baru.pk != s.pk and baru.mulai == time(13) and baru.dicatat_oleh == cast.budi
    assert r.redirect_chain[-1][0] == f"/sesi/{baru.pk}/"
    assert "Sesi dikoreksi." in r.content.decode()
    ps = baru.peserta.get()
    assert (ps.konfirmasi, ps.paraf) == (Konfirmasi.MENUNGGU, Paraf.MENUNGGU)  # waits for Sari again
    assert Kegiatan.objects.filter(pegawai=cast.sari).count() == 1
    assert not sesi_kembali_ke_pencatat(cast.budi).exists() and not sesi_disanggah_opd(cast.dinkes).exists()
    assert "Penyusunan SKP" in masuk(cast.sari).get("/").content.decode()  # in her confirmation list
    # The withdrawn one stays in the audit history with the reason.
    assert PesertaSesi.history.filter(sesi_id=s.pk, history_type="-").first().history_change_reason.endswith(
        "dikoreksi; sesi hasil koreksi dicatat sebagai gantinya"
    )


def test_a_rejected_participant_logged_session_is_corrected_by_the_participant(cast, masuk, kesepakatan):
    s = catat(kesepakatan, cast.sari)
    sesi_paraf(sesi=s, oleh=cast.budi, setuju=False, alasan="Tanggalnya keliru")
    c = masuk(cast.sari)
    assert [ps.sesi_id for ps in sesi_kembali_ke_pencatat(cast.sari)] == [s.pk]
    menunggu_lain = catat(kesepakatan, cast.budi, jam=13, materi="Sesi siang")  # waits for Sari's confirmation
    for siapa in (cast.sari, cast.budi):  # the home page reads both lists in one query, by the same rules
        assert sesi_beranda(siapa) == (list(sesi_menunggu_konfirmasi(siapa)), list(sesi_kembali_ke_pencatat(siapa)))
    assert [ps.sesi_id for ps in sesi_beranda(cast.sari)[0]] == [menunggu_lain.pk]
    menunggu_lain.delete()
    teks = c.get(f"/sesi/{s.pk}/koreksi/").content.decode()
    assert "Ditolak Budi Santoso" in teks and "Tanggalnya keliru" in teks and "menunggu lagi paraf pembimbing" in teks
    c.post(f"/sesi/{s.pk}/koreksi/", isian(aksi="simpan", tanggal=(HARI_INI() - timedelta(days=1)).isoformat()))
    baru = Sesi.objects.get()
    ps = baru.peserta.get()
    assert baru.dicatat_oleh == cast.sari and (ps.konfirmasi, ps.paraf) == (Konfirmasi.DIKONFIRMASI, Paraf.MENUNGGU)
    assert not sesi_kembali_ke_pencatat(cast.sari).exists()


def test_a_refused_correction_keeps_the_session_and_the_input(cast, masuk, kesepakatan):
    s = catat(kesepakatan, cast.budi)
    catat(kesepakatan, cast.budi, jam=13, materi="Sesi siang")
    sesi_konfirmasi(sesi=s, oleh=cast.sari, setuju=False, alasan="Jamnya salah")
    r = masuk(cast.budi).post(f"/sesi/{s.pk}/koreksi/", isian(aksi="simpan", materi="Koreksi bertumpuk"))
    teks = r.content.decode()
    assert r.status_code == 200 and "Waktu bertumpuk" in teks and "Koreksi bertumpuk" in teks
    assert Sesi.objects.filter(pk=s.pk).exists() and Sesi.objects.count() == 2


def test_only_the_author_corrects_and_never_a_counted_session(cast, masuk, kesepakatan):
    s = catat(kesepakatan, cast.budi)
    for orang, status in ((cast.sari, 403), (cast.hasan, 403), (cast.joko, 404), (cast.rina, 404)):
        assert masuk(orang).get(f"/sesi/{s.pk}/koreksi/").status_code == status, orang.nama
        assert masuk(orang).post(f"/sesi/{s.pk}/koreksi/", isian(aksi="simpan")).status_code == status
    assert 'href="/sesi/' + str(s.pk) + '/koreksi/"' not in masuk(cast.sari).get(f"/sesi/{s.pk}/").content.decode()
    paraf_lengkap(s, cast.budi)
    r = masuk(cast.budi).post(f"/sesi/{s.pk}/koreksi/", isian(aksi="simpan"), follow=True)
    assert "sudah dihitung tidak dapat dikoreksi" in r.content.decode()
    assert Sesi.objects.get().pk == s.pk and s.peserta.get().kegiatan.dihitung


def test_a_disputed_session_is_not_initialled_as_it_stands(cast, kesepakatan):
    s = catat(kesepakatan, cast.budi)
    sesi_konfirmasi(sesi=s, oleh=cast.sari, setuju=False, alasan="Tidak pernah bertemu")
    with pytest.raises(ValidationError, match="koreksi atau tarik"):
        sesi_paraf(sesi=s, oleh=cast.budi, setuju=True)
    assert s.peserta.get().paraf == Paraf.MENUNGGU
