"""Who may coach (RULES §4): a registered coach appointed for one employee by the kepala of the
employee's OPD or by BPSDM, for a period; audited; the appointed coach opens agreements during it."""
from datetime import date, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from bangkom.pegawai.models import Mentor
from bangkom.sesi.kontrak import IsiSesi
from coaching.akses import boleh_kelola_kesepakatan, kesepakatan_terlihat
from coaching.models import KesepakatanCoaching, PenunjukanCoach
from coaching.selectors import bawahan_untuk_coaching
from coaching.services import (
    coaching_sesi_catat,
    kesepakatan_akui,
    kesepakatan_buat,
    penunjukan_akhiri,
    penunjukan_buat,
    peringatan_sertifikat,
)
from tests.factories import MentorFactory, PegawaiFactory

HARI = date(2030, 3, 10)


@pytest.fixture
def coach(cast):
    """Citra, a certified coach registered in BPSDM's own unit (another OPD than Sari's)."""
    citra = PegawaiFactory(nama="Citra Lestari", unit=cast.dewi.unit, jabatan=cast.dewi.jabatan)
    MentorFactory(
        pegawai=citra, bidang="Coaching kinerja", sertifikasi=Mentor.Sertifikasi.COACH,
        tanggal_sertifikasi=date(2028, 1, 5), nomor_sertifikat="ICF-ACC-0042", penerbit_sertifikat="ICF",
        sertifikat_berlaku_sampai=date(2031, 1, 4),
    )
    return citra


def tunjuk(cast, coach, oleh=None, **kw):
    isi = dict(pegawai=cast.sari, coach=coach, mulai=HARI, selesai=date(2030, 9, 30),
               alasan="Sari perlu coach bersertifikat untuk laporan kinerja.", hari_ini=HARI)
    isi.update(kw)
    return penunjukan_buat(oleh=oleh or cast.hasan.user, **isi)


def buat_kesepakatan(cast, coach, **kw):
    isi = dict(atasan=coach, pegawai=cast.sari, kegiatan="Laporan kinerja", tujuan="Laporan tepat waktu",
               target="Laporan triwulan selesai", mulai=HARI, selesai=date(2030, 6, 30), hari_ini=HARI)
    isi.update(kw)
    return kesepakatan_buat(**isi)


def test_kepala_appoints_a_registered_coach_and_it_is_audited(cast, coach):
    pn = tunjuk(cast, coach)
    assert pn.ditunjuk_sebagai == PenunjukanCoach.Sebagai.KEPALA_OPD
    assert "ICF-ACC-0042" in pn.sertifikat_saat_ditunjuk and "ICF" in pn.sertifikat_saat_ditunjuk
    versi = pn.history.get()
    assert versi.history_type == "+"
    assert "Ditunjuk oleh Hasan Basri (Kepala OPD)" in versi.history_change_reason
    assert "laporan kinerja" in versi.history_change_reason
    assert pn.berlaku_pada(HARI) and not pn.berlaku_pada(date(2030, 10, 1))
    # The coach, Sari and her supervisor are told.
    for orang in (coach, cast.sari, cast.budi):
        assert orang.notifikasi.filter(judul__icontains="coach").exists()


def test_bpsdm_appoints_for_any_opd_and_kepala_only_for_his_own(cast, coach):
    pn = tunjuk(cast, coach, oleh=cast.dewi.user, pegawai=cast.joko)
    assert pn.ditunjuk_sebagai == PenunjukanCoach.Sebagai.BPSDM
    with pytest.raises(PermissionDenied):
        tunjuk(cast, coach, pegawai=cast.joko)  # Hasan leads Dinkes, Joko is in DPUPR
    with pytest.raises(PermissionDenied):
        tunjuk(cast, coach, oleh=cast.budi.user)  # a supervisor does not appoint


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"mulai": HARI - timedelta(days=1)}, "mulai", "tidak berlaku surut"),
        ({"selesai": date(2031, 1, 15)}, "selesai", "satu tahun kalender"),
        ({"mulai": date(2032, 1, 1), "selesai": date(2032, 2, 1)}, "mulai", "tahun ini atau tahun depan"),
        ({"selesai": HARI - timedelta(days=1)}, "selesai", "setelah tanggal mulai"),
        ({"alasan": "  "}, "alasan", "wajib diisi"),
    ],
)
def test_period_and_reason_are_checked(cast, coach, ubah, field, pesan):
    with pytest.raises(ValidationError) as e:
        tunjuk(cast, coach, **ubah)
    assert pesan in " ".join(e.value.message_dict[field])


def test_coach_must_be_registered_active_and_not_the_supervisor_or_self(cast, coach):
    with pytest.raises(ValidationError, match="belum terdaftar sebagai coach"):
        tunjuk(cast, cast.joko)
    with pytest.raises(ValidationError, match="atasan langsung"):
        MentorFactory(pegawai=cast.budi)
        tunjuk(cast, cast.budi)
    with pytest.raises(ValidationError, match="dirinya sendiri"):
        MentorFactory(pegawai=cast.sari)
        tunjuk(cast, cast.sari)
    coach.profil_mentor.aktif = False
    coach.profil_mentor.save()
    with pytest.raises(ValidationError, match="tidak aktif"):
        tunjuk(cast, coach)


def test_uncertified_coach_may_be_appointed_with_a_warning(cast):
    # Rina is registered without a certificate.
    pn = tunjuk(cast, cast.rina)
    assert pn.sertifikat_saat_ditunjuk == "Belum bersertifikat"
    assert "belum bersertifikat" in peringatan_sertifikat(profil=cast.rina.profil_mentor, mulai=pn.mulai,
                                                          selesai=pn.selesai)[0]


def test_expired_certificate_must_be_confirmed_then_is_recorded(cast, coach):
    coach.profil_mentor.sertifikat_berlaku_sampai = date(2030, 1, 31)
    coach.profil_mentor.save()
    with pytest.raises(ValidationError) as e:
        tunjuk(cast, coach)
    assert "kedaluwarsa" in e.value.message_dict["tetap_meski_kedaluwarsa"][0]
    pn = tunjuk(cast, coach, tetap_meski_kedaluwarsa=True)
    assert "berlaku s.d. 31-01-2030" in pn.sertifikat_saat_ditunjuk
    # Expiring during the period: a warning only.
    coach.profil_mentor.sertifikat_berlaku_sampai = date(2030, 5, 1)
    assert "sebelum penunjukan selesai" in peringatan_sertifikat(
        profil=coach.profil_mentor, mulai=HARI, selesai=date(2030, 9, 30))[0]


def test_overlapping_appointment_of_the_same_pair_is_refused_but_not_after_an_end(cast, coach):
    pn = tunjuk(cast, coach)
    with pytest.raises(ValidationError, match="periode yang beririsan"):
        tunjuk(cast, coach, mulai=date(2030, 9, 1), selesai=date(2030, 12, 31))
    tunjuk(cast, coach, mulai=date(2030, 10, 1), selesai=date(2030, 12, 31))  # adjacent: fine
    penunjukan_akhiri(penunjukan=pn, oleh=cast.dewi.user, alasan="Coach pindah tugas.", hari_ini=HARI)
    tunjuk(cast, coach, mulai=date(2030, 4, 1), selesai=date(2030, 9, 30))  # the ended one no longer blocks


def test_appointed_coach_opens_an_agreement_and_logs_sessions_during_the_appointment(cast, coach):
    with pytest.raises(ValidationError, match="tidak ada penunjukan coach yang berlaku"):
        buat_kesepakatan(cast, coach)
    pn = tunjuk(cast, coach)
    assert list(bawahan_untuk_coaching(coach, tanggal=HARI)) == [cast.sari]
    assert list(bawahan_untuk_coaching(coach, tanggal=date(2030, 10, 1))) == []
    with pytest.raises(ValidationError, match="di dalam masa penunjukan"):
        buat_kesepakatan(cast, coach, selesai=date(2030, 12, 31))
    with pytest.raises(ValidationError, match="tidak ada penunjukan"):
        buat_kesepakatan(cast, coach, hari_ini=date(2030, 10, 1), mulai=date(2030, 10, 1),
                         selesai=date(2030, 10, 31))
    k = buat_kesepakatan(cast, coach)
    assert k.penunjukan == pn and k.atasan == coach
    assert k.periode_sesi() == (HARI, date(2030, 6, 30))


def test_appointed_coach_logs_a_session_today(cast, coach):
    hari_ini = timezone.localdate()
    pn = penunjukan_buat(oleh=cast.dewi.user, pegawai=cast.sari, coach=coach, mulai=hari_ini,
                         selesai=date(hari_ini.year, 12, 31), alasan="Coach bersertifikat.")
    k = kesepakatan_buat(atasan=coach, pegawai=cast.sari, kegiatan="Laporan", tujuan="Tepat waktu",
                         target="Selesai", mulai=hari_ini, selesai=pn.selesai)
    kesepakatan_akui(kesepakatan=k, oleh=cast.sari)
    k.refresh_from_db()
    sesi = coaching_sesi_catat(
        kesepakatan=k, oleh=coach,
        isi=IsiSesi(tanggal=hari_ini, mulai=time(9), selesai=time(9, 45), materi="Kerangka laporan"),
    )
    assert sesi.pembimbing == coach


def test_access_supervisor_sees_appointed_coaching_and_ending_cancels_running_agreements(cast, coach):
    pn = tunjuk(cast, coach)
    k = buat_kesepakatan(cast, coach)
    for orang in (coach, cast.sari, cast.budi, cast.hasan, cast.dewi):
        assert kesepakatan_terlihat(orang.user).filter(pk=k.pk).exists(), orang.nama
    for orang in (cast.joko, cast.rina, cast.agus):
        assert not kesepakatan_terlihat(orang.user).filter(pk=k.pk).exists(), orang.nama
    assert boleh_kelola_kesepakatan(coach.user, k) and not boleh_kelola_kesepakatan(cast.budi.user, k)

    with pytest.raises(PermissionDenied):
        penunjukan_akhiri(penunjukan=pn, oleh=cast.joko.user, alasan="x", hari_ini=HARI)
    with pytest.raises(ValidationError, match="Alasan"):
        penunjukan_akhiri(penunjukan=pn, oleh=cast.hasan.user, alasan=" ", hari_ini=HARI)
    penunjukan_akhiri(penunjukan=pn, oleh=cast.hasan.user, alasan="Sari mutasi ke bidang lain.", hari_ini=HARI)
    pn.refresh_from_db()
    k.refresh_from_db()
    assert pn.diakhiri and pn.diakhiri_oleh == cast.hasan.user
    assert "Diakhiri oleh Hasan Basri: Sari mutasi" in pn.history.latest().history_change_reason
    assert k.status == KesepakatanCoaching.Status.DIBATALKAN and "Sari mutasi" in k.catatan_evaluasi
    assert not boleh_kelola_kesepakatan(coach.user, k)
    assert kesepakatan_terlihat(cast.budi.user).filter(pk=k.pk).exists()  # the record stays visible
    with pytest.raises(ValidationError, match="tidak ada penunjukan"):
        buat_kesepakatan(cast, coach, tujuan="Lain")
    with pytest.raises(ValidationError, match="sudah diakhiri"):
        penunjukan_akhiri(penunjukan=pn, oleh=cast.hasan.user, alasan="lagi", hari_ini=HARI)


def test_pages_appoint_list_end_and_coach_list(cast, coach, masuk):
    hari_ini = timezone.localdate()
    c = masuk(cast.hasan)
    r = c.post(reverse("coaching:penunjukan-baru"), {
        "nip": cast.joko.nip, "coach": coach.profil_mentor.pk, "mulai": hari_ini, "selesai": hari_ini,
        "alasan": "x"})
    assert r.status_code == 200 and "Tidak ada pegawai aktif dengan NIP ini" in r.content.decode()
    r = c.post(reverse("coaching:penunjukan-baru"), {
        "nip": cast.sari.nip, "coach": coach.profil_mentor.pk, "mulai": hari_ini - timedelta(days=1),
        "selesai": hari_ini, "alasan": "x"})
    assert "tidak berlaku surut" in r.content.decode()
    r = c.post(reverse("coaching:penunjukan-baru"), {
        "nip": cast.sari.nip, "coach": coach.profil_mentor.pk, "mulai": hari_ini,
        "selesai": date(hari_ini.year, 12, 31), "alasan": "Coach bersertifikat untuk laporan."}, follow=True)
    assert "ditunjuk sebagai coach Sari" in r.content.decode()
    pn = PenunjukanCoach.objects.get()
    r = c.get(reverse("coaching:penunjukan"), {"q": "Citra"})
    assert "Citra Lestari" in r.content.decode()
    assert masuk(cast.joko).get(reverse("coaching:penunjukan")).status_code == 403
    assert "Citra" not in masuk(cast.joko).get(reverse("coaching:saya-coach")).content.decode()

    r = masuk(coach).get(reverse("coaching:saya-coach"))
    assert f"{reverse('coaching:buat')}?pegawai={cast.sari.pk}" in r.content.decode()
    r = masuk(coach).get(reverse("coaching:buat"), {"pegawai": cast.sari.pk})
    assert r.status_code == 200 and "Pegawai yang Anda coach" in r.content.decode()

    r = masuk(cast.hasan).post(reverse("coaching:penunjukan-akhiri", args=[pn.pk]), {"alasan_akhir": ""})
    assert "Alasan mengakhiri penunjukan wajib diisi" in r.content.decode()
    r = masuk(cast.hasan).post(reverse("coaching:penunjukan-akhiri", args=[pn.pk]),
                               {"alasan_akhir": "Selesai lebih awal."})
    assert r.status_code == 302
    assert masuk(coach).get(reverse("coaching:buat")).status_code == 403
