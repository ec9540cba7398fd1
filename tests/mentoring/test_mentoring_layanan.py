"""The mentoring workflow's services: eligibility, ranking, answer, pause/end/re-match with
history, sessions only while accepted, group sessions, reminders."""
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from bangkom.notifikasi.models import Notifikasi
from bangkom.pegawai.models import Jabatan
from bangkom.sesi.kontrak import IsiSesi
from mentoring import services
from mentoring.models import PermintaanMentoring
from mentoring.saran import Jenis, jenis_kelayakan, mentor_layak, saran_mentor
from mentoring.selectors import sesi_permintaan
from tests.factories import JabatanFactory, MentorFactory, PegawaiFactory, UnitFactory, paraf_lengkap

Status = PermintaanMentoring.Status


def ajukan(cast, mentor=None, **kw):
    kw.setdefault("topik", "Analisis beban kerja")
    return services.permintaan_ajukan(pemohon=kw.pop("pemohon", cast.sari), mentor=mentor or cast.rina, **kw)


def diterima(cast, mentor=None, mulai=None, **kw):
    p = ajukan(cast, mentor, hari_ini=mulai or timezone.localdate().replace(day=1), **kw)
    return services.permintaan_terima(
        permintaan=p, oleh=p.mentor, aspek="Penyusunan ABK", tanggal_mulai=mulai or timezone.localdate().replace(day=1)
    )


def hari(n):
    today = timezone.localdate()
    return today.replace(day=max(1, today.day - n))


# -- eligibility ---------------------------------------------------------------------------------
def test_each_kind_of_eligible_mentor(cast):
    """sari (analis, tingkat 2, rumpun Kepegawaian) → budi (atasan), hasan (atasan's atasan),
    rina (kasi = same level as budi, and registered), a senior analyst of the same rumpun."""
    assert Jenis.ATASAN in jenis_kelayakan(cast.sari, cast.budi)
    assert Jenis.ATASAN_ATASAN in jenis_kelayakan(cast.sari, cast.hasan)
    assert Jenis.SETINGKAT in jenis_kelayakan(cast.sari, cast.rina)
    assert Jenis.TERDAFTAR in jenis_kelayakan(cast.sari, cast.rina)
    senior = PegawaiFactory(jabatan=JabatanFactory(rumpun="Kepegawaian", tingkat=3), unit=cast.budi.unit)
    assert jenis_kelayakan(cast.sari, senior) == [Jenis.SESAMA]
    junior = PegawaiFactory(jabatan=JabatanFactory(rumpun="Kepegawaian", tingkat=1), unit=cast.budi.unit)
    assert jenis_kelayakan(cast.sari, junior) == []
    terdaftar = MentorFactory(pegawai=PegawaiFactory(jabatan=JabatanFactory(rumpun="Lain", tingkat=1))).pegawai
    assert jenis_kelayakan(cast.sari, terdaftar) == [Jenis.TERDAFTAR]
    ids = set(mentor_layak(cast.sari).values_list("pk", flat=True))
    assert {cast.budi.pk, cast.hasan.pk, cast.rina.pk, senior.pk, terdaftar.pk} <= ids
    assert junior.pk not in ids and cast.sari.pk not in ids


def test_an_ineligible_mentor_is_refused_with_a_clear_message(cast):
    orang_lain = PegawaiFactory(jabatan=JabatanFactory(rumpun="Teknik", tingkat=1), unit=cast.joko.unit)
    with pytest.raises(ValidationError) as exc:
        ajukan(cast, mentor=orang_lain)
    assert "tidak memenuhi syarat" in exc.value.message_dict["mentor"][0]
    with pytest.raises(ValidationError, match="diri sendiri"):
        ajukan(cast, mentor=cast.sari)
    ajukan(cast)
    with pytest.raises(ValidationError, match="masih berjalan"):
        ajukan(cast)


def test_an_inactive_registered_mentor_is_not_eligible(cast):
    mentor = MentorFactory(aktif=False, pegawai=PegawaiFactory(jabatan=JabatanFactory(rumpun="Lain", tingkat=1)))
    assert jenis_kelayakan(cast.sari, mentor.pegawai) == []


# -- ranking -------------------------------------------------------------------------------------
def test_ranking_shows_reasons_and_load(cast):
    profil = cast.rina.profil_mentor
    profil.sertifikasi, profil.tanggal_sertifikasi, profil.kapasitas = "mentor", date(2024, 1, 1), 5
    profil.save()
    for _ in range(2):
        lain = PegawaiFactory(jabatan=JabatanFactory(rumpun="Kepegawaian", tingkat=2), unit=cast.budi.unit,
                              atasan=cast.budi)
        diterima(cast, pemohon=lain)
    saran = saran_mentor(cast.sari, teks="pelayanan kesehatan puskesmas")
    rina = next(s for s in saran if s.pegawai == cast.rina)
    assert "mentor bersertifikat" in rina.alasan
    assert "beban: 2 dari 5 mentee" in rina.alasan
    assert "bidang keahlian sesuai: Pelayanan Kesehatan" in rina.alasan
    budi = next(s for s in saran if s.pegawai == cast.budi)
    assert "atasan langsung" in budi.alasan and "beban: 0 dari 5 mentee" in budi.alasan
    assert saran[0].pegawai == cast.rina, "certified + field match ranks first"
    assert [s.skor for s in saran] == sorted((s.skor for s in saran), reverse=True)


def test_same_rumpun_and_full_capacity_are_reasons(cast):
    senior = PegawaiFactory(jabatan=JabatanFactory(rumpun="Kepegawaian", tingkat=3), unit=cast.budi.unit)
    profil = cast.rina.profil_mentor
    profil.kapasitas = 1
    profil.save()
    lain = PegawaiFactory(jabatan=cast.sari.jabatan, unit=cast.budi.unit, atasan=cast.budi)
    diterima(cast, pemohon=lain)
    saran = {s.pegawai.pk: s for s in saran_mentor(cast.sari)}
    assert "rumpun jabatan sama" in saran[senior.pk].alasan
    assert "kapasitas penuh: 1 dari 1 mentee" in saran[cast.rina.pk].alasan


def test_ranking_runs_in_constant_queries(cast, django_assert_max_num_queries):
    for _ in range(15):
        MentorFactory(pegawai=PegawaiFactory(jabatan=JabatanFactory(rumpun="Kepegawaian", tingkat=3)))
    with django_assert_max_num_queries(3):
        assert len(saran_mentor(cast.sari)) >= 18


# -- answer, pause, end, re-match ----------------------------------------------------------------
def test_accept_records_the_shared_understanding_and_notifies(cast):
    p = ajukan(cast)
    assert Notifikasi.objects.filter(penerima=cast.rina, judul__contains="Permintaan mentoring baru").exists()
    with pytest.raises(PermissionDenied):
        services.permintaan_terima(permintaan=p, oleh=cast.budi, aspek="x")
    with pytest.raises(ValidationError) as exc:
        services.permintaan_terima(permintaan=p, oleh=cast.rina, aspek=" ")
    assert "aspek" in exc.value.message_dict
    p = services.permintaan_terima(permintaan=p, oleh=cast.rina, aspek="ABK", rencana_pertemuan="Selasa 14.00")
    assert p.status == Status.DITERIMA and p.tanggal_mulai == timezone.localdate() and p.menerima_sesi
    assert p.periode_sesi() == (timezone.localdate(), None)
    assert Notifikasi.objects.filter(penerima=cast.sari, judul__contains="menerima").exists()


def test_peer_mentoring_starts_at_perencanaan_and_moves_through_phases(cast):
    senior = PegawaiFactory(jabatan=JabatanFactory(rumpun="Kepegawaian", tingkat=3), unit=cast.budi.unit)
    p = ajukan(cast, mentor=senior, format="sesama")
    p = services.permintaan_terima(permintaan=p, oleh=senior, aspek="x")
    assert p.tahap == "perencanaan"
    for tahap in ("diskusi", "pemberdayaan", "penutupan"):
        services.permintaan_ubah_tahap(permintaan=p, oleh=cast.sari, tahap=tahap)
    assert [h.tahap for h in p.history.order_by("history_id")][-4:] == [
        "perencanaan", "diskusi", "pemberdayaan", "penutupan"]


def test_decline_needs_a_reason(cast):
    p = ajukan(cast)
    with pytest.raises(ValidationError, match="Alasan penolakan"):
        services.permintaan_tolak(permintaan=p, oleh=cast.rina, alasan="")
    p = services.permintaan_tolak(permintaan=p, oleh=cast.rina, alasan="Kapasitas penuh")
    assert p.status == Status.DITOLAK and not p.menerima_sesi and p.periode_sesi() is None
    assert Notifikasi.objects.filter(penerima=cast.sari, judul__contains="menolak").exists()
    with pytest.raises(ValidationError, match="sudah dijawab"):
        services.permintaan_terima(permintaan=p, oleh=cast.rina, aspek="x")


def test_sessions_only_while_accepted(cast):
    p = ajukan(cast)
    with pytest.raises(ValidationError, match="belum diterima oleh"):
        services.mentoring_sesi_catat(
            permintaan=p, oleh=cast.rina,
            isi=IsiSesi(tanggal=hari(0), mulai=time(9), selesai=time(10), materi="x"),
        )
    p = services.permintaan_terima(permintaan=p, oleh=cast.rina, aspek="x", tanggal_mulai=p.tanggal_pengajuan)
    with pytest.raises(PermissionDenied):
        services.mentoring_sesi_catat(
            permintaan=p, oleh=cast.budi,
            isi=IsiSesi(tanggal=hari(0), mulai=time(9), selesai=time(10), materi="x"),
        )
    services.mentoring_sesi_catat(
        permintaan=p, oleh=cast.rina,
        isi=IsiSesi(tanggal=hari(0), mulai=time(9), selesai=time(10), materi="ABK 1"),
    )
    services.permintaan_jeda(permintaan=p, oleh=cast.sari, alasan="Cuti")
    p.refresh_from_db()
    with pytest.raises(ValidationError, match="ditutup"):
        services.mentoring_sesi_catat(
            permintaan=p, oleh=cast.rina,
            isi=IsiSesi(tanggal=hari(0), mulai=time(11), selesai=time(12), materi="ABK 2"),
        )
    services.permintaan_lanjutkan(permintaan=p, oleh=cast.rina)
    p.refresh_from_db()
    assert p.menerima_sesi


def test_end_by_either_side_keeps_sessions_and_history(cast):
    p = diterima(cast)
    services.mentoring_sesi_catat(
        permintaan=p, oleh=cast.rina,
        isi=IsiSesi(tanggal=hari(0), mulai=time(9), selesai=time(10), materi="ABK 1"),
    )
    with pytest.raises(ValidationError, match="Alasan wajib"):
        services.permintaan_akhiri(permintaan=p, oleh=cast.sari, alasan="")
    p = services.permintaan_akhiri(permintaan=p, oleh=cast.sari, alasan="Pindah tugas")
    assert p.status == Status.DIAKHIRI and p.diakhiri_oleh == cast.sari and p.tanggal_berakhir is not None
    assert sesi_permintaan(p).count() == 1
    assert Notifikasi.objects.filter(penerima=cast.rina, judul__contains="diakhiri").exists()
    assert {h.status for h in p.history.all()} >= {Status.DIAJUKAN, Status.DITERIMA, Status.DIAKHIRI}
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.permintaan_akhiri(permintaan=p, oleh=cast.rina, alasan="x")


def test_rematch_closes_the_old_request_and_links_the_new_one(cast):
    lama = diterima(cast)
    sesi = services.mentoring_sesi_catat(
        permintaan=lama, oleh=cast.rina,
        isi=IsiSesi(tanggal=hari(0), mulai=time(9), selesai=time(10), materi="ABK 1"),
    )
    baru = services.permintaan_alihkan(permintaan=lama, oleh=cast.dewi, mentor_baru=cast.budi, alasan="Rina mutasi")
    lama.refresh_from_db()
    assert lama.status == Status.DIAKHIRI and lama.alasan_akhir.startswith("dialihkan")
    assert baru.dialihkan_dari == lama and baru.mentor == cast.budi and baru.status == Status.DIAJUKAN
    assert (baru.topik, baru.kesenjangan, baru.format) == (lama.topik, lama.kesenjangan, lama.format)
    assert list(sesi_permintaan(lama)) == [sesi] and not sesi_permintaan(baru).exists()
    with pytest.raises(ValidationError, match="mentor lain"):
        services.permintaan_alihkan(permintaan=baru, oleh=cast.sari, mentor_baru=cast.budi)


def test_a_declined_request_can_be_sent_to_another_mentor(cast):
    lama = services.permintaan_tolak(permintaan=ajukan(cast), oleh=cast.rina, alasan="Penuh")
    baru = services.permintaan_alihkan(permintaan=lama, oleh=cast.sari, mentor_baru=cast.budi)
    lama.refresh_from_db()
    assert lama.status == Status.DITOLAK and baru.dialihkan_dari == lama


# -- group sessions ------------------------------------------------------------------------------
def test_group_session_credits_each_mentee(cast):
    tono = PegawaiFactory(nama="Tono", jabatan=cast.sari.jabatan, unit=cast.budi.unit, atasan=cast.budi)
    sari_p = diterima(cast, format="kelompok")
    tono_p = diterima(cast, pemohon=tono, format="kelompok")
    assert services.mentee_kelompok(sari_p) == [tono]
    sesi = services.mentoring_sesi_catat(
        permintaan=sari_p, oleh=cast.rina, peserta_lain=[tono],
        isi=IsiSesi(tanggal=hari(0), mulai=time(9), selesai=time(10), materi="Kelompok ABK"),
    )
    paraf_lengkap(sesi, cast.rina)
    jp = {ps.pegawai_id: ps.kegiatan.jp for ps in sesi.peserta.select_related("kegiatan")}
    assert jp == {cast.sari.pk: Decimal("2.00"), tono.pk: Decimal("2.00")}
    assert list(sesi_permintaan(tono_p)) == [sesi], "the group session shows on each member's relationship"
    paraf_lengkap(sesi, cast.rina)  # a repeated paraf tells nobody again
    assert Notifikasi.objects.filter(penerima=tono, judul__contains="diparaf").count() == 1
    assert Notifikasi.objects.filter(penerima=cast.sari, judul__contains="diparaf").count() == 1


def test_only_mentees_of_this_mentor_join_a_group_session(cast):
    p = diterima(cast)
    with pytest.raises(ValidationError) as exc:
        services.mentoring_sesi_catat(
            permintaan=p, oleh=cast.rina, peserta_lain=[cast.joko],
            isi=IsiSesi(tanggal=hari(0), mulai=time(9), selesai=time(10), materi="x"),
        )
    assert "tidak memiliki permintaan mentoring" in exc.value.messages[0]


# -- reminders -----------------------------------------------------------------------------------
def test_reminders_at_7_and_14_days(cast):
    awal = date(2025, 3, 3)
    p = ajukan(cast, hari_ini=awal)
    assert services.pengingat_kirim(hari_ini=awal + timedelta(days=6)) == {"mentor": 0, "pegawai": 0}
    assert services.pengingat_kirim(hari_ini=awal + timedelta(days=7)) == {"mentor": 1, "pegawai": 0}
    assert Notifikasi.objects.filter(penerima=cast.rina, judul__startswith="Pengingat").count() == 1
    assert services.pengingat_kirim(hari_ini=awal + timedelta(days=8)) == {"mentor": 0, "pegawai": 0}
    assert services.pengingat_kirim(hari_ini=awal + timedelta(days=14)) == {"mentor": 0, "pegawai": 1}
    n = Notifikasi.objects.get(penerima=cast.sari, judul__contains="belum menjawab")
    assert n.tautan == f"/mentoring/{p.pk}/" and "mentor lain" in n.pesan
    assert services.pengingat_kirim(hari_ini=awal + timedelta(days=30)) == {"mentor": 0, "pegawai": 0}


def test_answered_requests_get_no_reminder_and_the_command_runs(cast, capsys):
    awal = date(2025, 3, 3)
    p = ajukan(cast, hari_ini=awal)
    services.permintaan_tolak(permintaan=p, oleh=cast.rina, alasan="Penuh")
    call_command("pengingat_mentoring", "--tanggal", "2025-04-01")
    assert "0 ke mentor, 0 ke pegawai" in capsys.readouterr().out


def test_structural_mentee_without_supervisor_sees_same_level_officials(cast):
    kasi_lain = PegawaiFactory(jabatan=JabatanFactory(jenis=Jabatan.Jenis.STRUKTURAL, tingkat=3, rumpun=""),
                               unit=UnitFactory(opd=cast.dpupr))
    assert Jenis.SETINGKAT in jenis_kelayakan(kasi_lain, cast.rina)


def test_competency_level_at_or_above_the_standard_ranks_first(cast):
    from bangkom.kompetensi.models import Kompetensi, PenilaianKompetensi, StandarKompetensi

    abk = Kompetensi.objects.create(kode="abk-uji", jenis="teknis", nama="Analisis Beban Kerja", definisi="x")
    StandarKompetensi.objects.create(jabatan=cast.sari.jabatan, kompetensi=abk, level_standar=3)
    hari_ini = timezone.localdate()
    PenilaianKompetensi.objects.create(pegawai=cast.sari, kompetensi=abk, level=2, sumber="asesmen",
                                       tanggal=hari_ini)
    PenilaianKompetensi.objects.create(pegawai=cast.hasan, kompetensi=abk, level=4, sumber="asesmen",
                                       tanggal=hari_ini)
    PenilaianKompetensi.objects.create(pegawai=cast.budi, kompetensi=abk, level=2, sumber="asesmen",
                                       tanggal=hari_ini)
    for kompetensi in (abk, None):  # the requested competency, or any competency of the mentee's gaps
        saran = saran_mentor(cast.sari, kompetensi=kompetensi)
        assert saran[0].pegawai == cast.hasan
        assert "level Analisis Beban Kerja 4 (dibutuhkan 3)" in saran[0].alasan
        budi = next(s for s in saran if s.pegawai == cast.budi)
        assert not any("Analisis Beban Kerja" in a for a in budi.alasan)
    p = ajukan(cast, mentor=cast.hasan, kompetensi=abk)
    assert p.kompetensi == abk
    assert services.permintaan_alihkan(permintaan=p, oleh=cast.sari, mentor_baru=cast.rina).kompetensi == abk
