"""Each row of an activity sheet says who stood behind it: its pembimbing's paraf, who logged it
and who confirmed it (the participant, or the participant who logged it herself); a self-study log
is the employee's own entry."""
from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from bangkom.dokumen import lembar
from bangkom.dokumen.isi_lembar import periode_tahun
from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.services import sesi_konfirmasi, sesi_paraf
from coaching.services import coaching_sesi_catat, kesepakatan_akui, kesepakatan_buat
from tests.dokumen.conftest import teks_pdf


def _coaching(cast):
    hari_ini = timezone.localdate()
    mulai = max(hari_ini - timedelta(days=1), hari_ini.replace(month=1, day=1))
    k = kesepakatan_akui(kesepakatan=kesepakatan_buat(
        atasan=cast.budi, pegawai=cast.sari, kegiatan="SKP", tujuan="SKP tepat waktu", target="SKP selesai",
        mulai=mulai, selesai=hari_ini + timedelta(days=10),
    ), oleh=cast.sari)
    oleh_budi = coaching_sesi_catat(kesepakatan=k, oleh=cast.budi, isi=IsiSesi(tanggal=hari_ini, mulai=time(8),
                                    selesai=time(8, 45), materi="Sesi dicatat coach"))
    sesi_konfirmasi(sesi=oleh_budi, oleh=cast.sari, setuju=True)
    sesi_paraf(sesi=oleh_budi, oleh=cast.budi, setuju=True)
    oleh_sari = coaching_sesi_catat(kesepakatan=k, oleh=cast.sari, isi=IsiSesi(tanggal=hari_ini, mulai=time(10),
                                    selesai=time(10, 45), materi="Sesi dicatat coachee"))
    sesi_paraf(sesi=oleh_sari, oleh=cast.budi, setuju=True)
    menunggu = coaching_sesi_catat(kesepakatan=k, oleh=cast.budi, isi=IsiSesi(tanggal=hari_ini, mulai=time(13),
                                   selesai=time(13, 45), materi="Sesi belum dikonfirmasi"))
    sesi_paraf(sesi=menunggu, oleh=cast.budi, setuju=True)
    return periode_tahun(hari_ini.year)


def test_each_row_names_who_logged_and_who_confirmed(cast):
    mulai, selesai = _coaching(cast)
    data = lembar.lembar_data(pegawai=cast.sari, jenis="coaching", mulai=mulai, selesai=selesai)
    baris = {b["materi"]: b for b in data["baris"]}
    assert set(baris) == {"Sesi dicatat coach", "Sesi dicatat coachee"}  # the unconfirmed one does not count
    coach, coachee = baris["Sesi dicatat coach"], baris["Sesi dicatat coachee"]
    assert (coach["dicatat"], coach["dikonfirmasi"]) == (cast.budi.nama_lengkap, cast.sari.nama_lengkap)
    assert coach["dikonfirmasi_waktu"] and not coach["konfirmasi_status"]
    assert (coachee["dicatat"], coachee["dikonfirmasi"]) == (cast.sari.nama_lengkap, cast.sari.nama_lengkap)
    assert coach["pembimbing"] == coachee["pembimbing"] == cast.budi.nama_lengkap
    teks = teks_pdf(lembar.render_pdf(data))
    assert "Dicatat / Dikonfirmasi" in teks
    assert f"dicatat {cast.budi.nama_lengkap} dikonfirmasi {cast.sari.nama_lengkap}" in teks
    assert f"dicatat dan dikonfirmasi {cast.sari.nama_lengkap}" in teks


def test_the_internal_copy_shows_what_is_still_unconfirmed(cast):
    mulai, selesai = _coaching(cast)
    data = lembar.lembar_data(pegawai=cast.sari, jenis="coaching", mulai=mulai, selesai=selesai, internal=True)
    menunggu = next(b for b in data["baris"] if b["materi"] == "Sesi belum dikonfirmasi")
    assert (menunggu["dicatat"], menunggu["dikonfirmasi"]) == (cast.budi.nama_lengkap, "")
    assert menunggu["konfirmasi_status"] == "MENUNGGU KONFIRMASI PESERTA"
    assert menunggu["status"] == "DIPARAF, MENUNGGU KONFIRMASI"  # initialled, not counted yet
    assert "[MENUNGGU KONFIRMASI PESERTA]" in teks_pdf(lembar.render_pdf(data))


def test_a_self_study_log_is_the_employees_own_entry(cast, catat):
    hari_ini = timezone.localdate()
    catat(cast.sari, "belajar_mandiri", hari_ini, "Modul ABK", cast.budi, jp_belajar=Decimal("1"))
    mulai, selesai = periode_tahun(hari_ini.year)
    data = lembar.lembar_data(pegawai=cast.sari, jenis="belajar_mandiri", mulai=mulai, selesai=selesai)
    [b] = data["baris"]
    assert (b["dicatat"], b["dikonfirmasi"], b["paraf_nama"]) == (cast.sari.nama_lengkap, "", cast.budi.nama_lengkap)
    teks = teks_pdf(lembar.render_pdf(data))
    assert f"dicatat {cast.sari.nama_lengkap}" in teks and "Paraf Atasan" in teks


def test_rows_without_a_session_behind_them_name_nobody(cast, coaching_sari):
    data = lembar.lembar_data(pegawai=cast.sari, jenis="coaching", mulai=periode_tahun(2025)[0],
                              selesai=periode_tahun(2025)[1])
    assert data["baris"] and all(b["dicatat"] == "" for b in data["baris"])
