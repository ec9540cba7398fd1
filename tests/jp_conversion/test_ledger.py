"""The JP ledger: recording, paraf, rejection, withdrawal, deletion, the shared guards, the
yearly recap and the preview. Dates are in last year so that "not in the future" never bites."""
import threading
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.utils import timezone

from jp_conversion.models import Kegiatan, RekapTahunan, StatusKegiatan
from jp_conversion.services import (
    jp_hitung_ulang,
    kegiatan_batal_paraf,
    kegiatan_catat,
    kegiatan_hapus,
    kegiatan_paraf,
    kegiatan_paraf_banyak,
    kegiatan_validasi,
    pratinjau_kredit,
)

TAHUN = timezone.localdate().year - 1


def hari(bulan: int, tgl: int) -> date:
    return date(TAHUN, bulan, tgl)


def catat(pegawai, pembimbing, tanggal, *, jenis="coaching", materi=None, **kw):
    return kegiatan_catat(
        pegawai=pegawai, jenis=jenis, tanggal=tanggal, materi=materi or f"{jenis} {tanggal}",
        pembimbing=pembimbing, **kw,
    )


def setujui(k, oleh):
    return kegiatan_paraf(kegiatan=k, oleh=oleh, setuju=True)


def rekap(pegawai):
    return RekapTahunan.objects.get(pegawai=pegawai, tahun=TAHUN)


# --- recording and paraf ------------------------------------------------------------------------
def test_recorded_activity_waits_for_paraf_and_counts_nothing(cast):
    k = catat(cast.sari, cast.budi, hari(3, 2))
    assert k.status == StatusKegiatan.DIAJUKAN
    assert (k.jp, k.dihitung, k.tahun) == (Decimal("0"), False, TAHUN)
    assert k.alasan == "belum dihitung: menunggu paraf"


def test_paraf_credits_the_session_and_the_recap(cast):
    k = setujui(catat(cast.sari, cast.budi, hari(3, 2)), cast.budi)
    assert k.status == StatusKegiatan.DISETUJUI and k.diparaf_oleh == cast.budi and k.diparaf_pada
    assert (k.jp, k.dihitung, k.alasan) == (Decimal("2.00"), True, "2 JP: sesi coaching nasional")
    assert k.versi_aturan == "perlan-10-2018"
    r = rekap(cast.sari)
    assert (r.jp_coaching, r.total) == (Decimal("2.00"), Decimal("2.00"))
    assert r.jp_per_bulan[2] == "2.00" and len(r.jp_per_bulan) == 12


def test_only_the_pembimbing_can_initial(cast):
    k = catat(cast.sari, cast.budi, hari(3, 2))
    for orang in (cast.sari, cast.rina, cast.hasan, cast.joko):
        with pytest.raises(PermissionDenied):
            kegiatan_paraf(kegiatan=k, oleh=orang, setuju=True)
    with pytest.raises(PermissionDenied):
        kegiatan_batal_paraf(kegiatan=k, oleh=cast.joko, alasan="iseng")
    assert Kegiatan.objects.get(pk=k.pk).status == StatusKegiatan.DIAJUKAN


def test_paraf_twice_is_one_paraf(cast):
    k = setujui(catat(cast.sari, cast.budi, hari(3, 2)), cast.budi)
    pertama = k.diparaf_pada
    k2 = setujui(k, cast.budi)
    assert k2.diparaf_pada == pertama
    assert k.history.filter(status=StatusKegiatan.DISETUJUI).count() == 1
    assert rekap(cast.sari).total == Decimal("2.00")


def test_rejection_needs_a_reason_and_counts_nothing(cast):
    k = catat(cast.sari, cast.budi, hari(3, 2))
    with pytest.raises(ValidationError) as e:
        kegiatan_paraf(kegiatan=k, oleh=cast.budi, setuju=False, alasan="  ")
    assert "alasan" in e.value.message_dict
    k = kegiatan_paraf(kegiatan=k, oleh=cast.budi, setuju=False, alasan="Sesi tidak dilaksanakan")
    assert (k.status, k.jp, k.dihitung) == (StatusKegiatan.DITOLAK, Decimal("0"), False)
    assert k.alasan == "tidak dihitung: ditolak pembimbing" and k.alasan_status == "Sesi tidak dilaksanakan"
    with pytest.raises(ValidationError):  # changing one's mind goes through batal paraf
        setujui(k, cast.budi)


def test_later_session_moves_up_when_an_earlier_one_is_rejected(cast):
    ks = [setujui(catat(cast.sari, cast.budi, hari(5, d)), cast.budi) for d in (3, 10, 17)]
    ks = [Kegiatan.objects.get(pk=k.pk) for k in ks]
    assert [k.dihitung for k in ks] == [True, True, False]
    assert ks[2].alasan == f"tidak dihitung: melebihi batas 2 sesi coaching per bulan (Mei {TAHUN})"
    kegiatan_batal_paraf(kegiatan=ks[0], oleh=cast.budi, alasan="Salah catat")
    kegiatan_paraf(kegiatan=ks[0], oleh=cast.budi, setuju=False, alasan="Tidak terlaksana")
    ks = [Kegiatan.objects.get(pk=k.pk) for k in ks]
    assert [k.dihitung for k in ks] == [False, True, True]
    assert rekap(cast.sari).total == Decimal("4.00")


def test_withdrawing_a_paraf_needs_a_reason_and_returns_to_waiting(cast):
    k = setujui(catat(cast.sari, cast.budi, hari(3, 2)), cast.budi)
    with pytest.raises(ValidationError):
        kegiatan_batal_paraf(kegiatan=k, oleh=cast.budi, alasan="")
    k = kegiatan_batal_paraf(kegiatan=k, oleh=cast.budi, alasan="Tanggal keliru")
    assert (k.status, k.jp, k.diparaf_oleh) == (StatusKegiatan.DIAJUKAN, Decimal("0"), None)
    assert k.alasan_status == "Tanggal keliru"
    assert rekap(cast.sari).total == Decimal("0")


def test_delete_moves_the_next_session_up_but_not_an_initialled_one(cast):
    a, b, c = (catat(cast.sari, cast.budi, hari(6, d)) for d in (1, 2, 3))
    for k in (b, c):
        setujui(k, cast.budi)
    with pytest.raises(ValidationError):
        kegiatan_hapus(kegiatan=b)
    kegiatan_hapus(kegiatan=a)  # still waiting: may go
    assert not Kegiatan.objects.filter(pk=a.pk).exists()
    assert rekap(cast.sari).total == Decimal("4.00")


def test_paraf_banyak_approves_only_own_waiting_activities(cast):
    mine = [catat(cast.sari, cast.budi, hari(7, d)) for d in (1, 8)]
    other = catat(cast.sari, cast.rina, hari(7, 15), jenis="mentoring")
    n = kegiatan_paraf_banyak(kegiatan_ids=[k.pk for k in mine] + [other.pk], oleh=cast.budi)
    assert n == 2
    assert Kegiatan.objects.get(pk=other.pk).status == StatusKegiatan.DIAJUKAN
    assert kegiatan_paraf_banyak(kegiatan_ids=[k.pk for k in mine], oleh=cast.budi) == 0
    assert rekap(cast.sari).jp_coaching == Decimal("4.00")


# --- guards -------------------------------------------------------------------------------------
def galat(**kw):
    with pytest.raises(ValidationError) as e:
        kegiatan_validasi(**kw)
    return e.value.message_dict


def test_guard_future_date(cast):
    besok = timezone.localdate() + timedelta(days=1)
    assert "tanggal" in galat(pegawai=cast.sari, jenis="coaching", tanggal=besok)
    kegiatan_validasi(pegawai=cast.sari, jenis="coaching", tanggal=timezone.localdate())


def test_guard_jp_not_positive_or_above_a_day(cast):
    for jp in (Decimal("0"), Decimal("-1"), Decimal("24.5")):
        assert "jp_belajar" in galat(pegawai=cast.sari, jenis="belajar_mandiri", tanggal=hari(1, 5), jp_belajar=jp)


def test_guard_as_studied_form_needs_jp_and_scope_is_checked(cast):
    assert "jp_belajar" in galat(pegawai=cast.sari, jenis="pelatihan", tanggal=hari(1, 5))
    assert "lingkup" in galat(pegawai=cast.sari, jenis="seminar", tanggal=hari(1, 5), lingkup="antariksa")
    assert "jenis" in galat(pegawai=cast.sari, jenis="menonton_tv", tanggal=hari(1, 5))


def test_guard_more_than_24_jp_a_day(cast):
    catat(cast.sari, cast.budi, hari(2, 3), jenis="pelatihan", jp_belajar=Decimal("20"))
    e = galat(pegawai=cast.sari, jenis="belajar_mandiri", tanggal=hari(2, 3), jp_belajar=Decimal("5"))
    assert "lebih dari 24 JP" in e["jp_belajar"][0]
    kegiatan_validasi(pegawai=cast.sari, jenis="belajar_mandiri", tanggal=hari(2, 3), jp_belajar=Decimal("4"))


def test_guard_overlap_in_time(cast):
    catat(cast.sari, cast.budi, hari(2, 4), mulai=time(9), selesai=time(10))
    e = galat(pegawai=cast.sari, jenis="mentoring", tanggal=hari(2, 4), mulai=time(9, 30), selesai=time(11))
    assert "bertumpuk" in e["mulai"][0]
    kegiatan_validasi(pegawai=cast.sari, jenis="mentoring", tanggal=hari(2, 4), mulai=time(10), selesai=time(11))
    assert "selesai" in galat(pegawai=cast.sari, jenis="mentoring", tanggal=hari(2, 5), mulai=time(10))


def test_guard_duplicate_but_a_rejected_one_may_be_recorded_again(cast):
    k = catat(cast.sari, cast.budi, hari(2, 6), materi="Menyusun SKP")
    assert "materi" in galat(pegawai=cast.sari, jenis="coaching", tanggal=hari(2, 6), materi="menyusun skp ")
    kegiatan_paraf(kegiatan=k, oleh=cast.budi, setuju=False, alasan="Batal")
    kegiatan_validasi(pegawai=cast.sari, jenis="coaching", tanggal=hari(2, 6), materi="Menyusun SKP")


def test_guards_block_recording(cast):
    with pytest.raises(ValidationError):
        catat(cast.sari, cast.budi, timezone.localdate() + timedelta(days=3))
    assert not Kegiatan.objects.exists()


# --- recap and preview --------------------------------------------------------------------------
def test_recap_matches_the_credits_of_every_kind(cast):
    for d in (1, 2, 3):
        setujui(catat(cast.sari, cast.budi, hari(1, d)), cast.budi)
    setujui(catat(cast.sari, cast.rina, hari(2, 1), jenis="mentoring", lingkup="internasional"), cast.rina)
    setujui(catat(cast.sari, cast.budi, hari(3, 1), jenis="belajar_mandiri", jp_belajar=Decimal("3")), cast.budi)
    setujui(catat(cast.sari, cast.budi, hari(12, 1), jenis="seminar"), cast.budi)
    catat(cast.sari, cast.budi, hari(12, 2), jenis="workshop")  # waiting: not in the recap
    r = rekap(cast.sari)
    assert (r.jp_coaching, r.jp_mentoring, r.jp_belajar_mandiri, r.jp_lainnya) == (
        Decimal("4.00"), Decimal("4.00"), Decimal("2.00"), Decimal("4.00"))
    credited = Kegiatan.objects.filter(pegawai=cast.sari, tahun=TAHUN, dihitung=True)
    assert r.total == sum(k.jp for k in credited) == Decimal("14.00")
    assert [Decimal(x) for x in r.jp_per_bulan] == [4, 4, 2, 0, 0, 0, 0, 0, 0, 0, 0, 4]
    assert jp_hitung_ulang(pegawai_id=cast.sari.pk, tahun=TAHUN) is False  # nothing left to change


def test_years_are_kept_apart(cast):
    setujui(catat(cast.sari, cast.budi, date(TAHUN - 1, 12, 31)), cast.budi)
    setujui(catat(cast.sari, cast.budi, hari(1, 1)), cast.budi)
    assert RekapTahunan.objects.get(pegawai=cast.sari, tahun=TAHUN - 1).total == Decimal("2.00")
    assert rekap(cast.sari).total == Decimal("2.00")


def test_preview_shows_what_the_activity_would_get(cast):
    assert pratinjau_kredit(pegawai=cast.sari, jenis="coaching", tanggal=hari(4, 20)).jp == Decimal("2.00")
    for d in (1, 2):
        setujui(catat(cast.sari, cast.budi, hari(4, d)), cast.budi)
    c = pratinjau_kredit(pegawai=cast.sari, jenis="coaching", tanggal=hari(4, 20))
    assert not c.counted and "melebihi batas 2 sesi coaching" in c.reason
    c = pratinjau_kredit(pegawai=cast.sari, jenis="e_learning", tanggal=hari(4, 20), jp_belajar=Decimal("5"))
    assert (c.jp, c.reason) == (Decimal("3.00"), "3 JP dari 5 JP: batas 3 JP per hari")
    with pytest.raises(ValidationError) as e:
        pratinjau_kredit(pegawai=cast.sari, jenis="pelatihan", tanggal=hari(4, 20))
    assert "jp_belajar" in e.value.message_dict
    assert Kegiatan.objects.count() == 2  # a preview writes nothing


# --- concurrency (PostgreSQL only) --------------------------------------------------------------
@pytest.mark.skipif(connection.vendor != "postgresql", reason="butuh PostgreSQL (DATABASE_URL=postgres://...)")
@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_count_exactly_two_sessions_a_month(cast):
    n = 6
    sesi = [catat(cast.sari, cast.budi, hari(8, d + 1)) for d in range(n)]
    mulai = threading.Barrier(n)
    galat_thread = []

    def paraf(k):
        try:
            mulai.wait()
            kegiatan_paraf(kegiatan=k, oleh=cast.budi, setuju=True)
        except Exception as exc:  # noqa: BLE001 - reported to the main thread below
            galat_thread.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=paraf, args=(k,)) for k in sesi]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert galat_thread == []
    semua = Kegiatan.objects.filter(pegawai=cast.sari)
    assert semua.filter(status=StatusKegiatan.DISETUJUI).count() == n
    assert semua.filter(dihitung=True).count() == 2
    assert rekap(cast.sari).total == Decimal("4.00")
    assert jp_hitung_ulang(pegawai_id=cast.sari.pk, tahun=TAHUN) is False


# --- one day, one full-day event; multi-day programmes (issue 17 item 4) ----------------------
def test_two_seminars_on_one_date_count_once_with_a_reason(cast):
    a = setujui(catat(cast.sari, cast.budi, hari(4, 7), jenis="seminar", materi="Seminar A"), cast.budi)
    b = setujui(catat(cast.sari, cast.budi, hari(4, 7), jenis="workshop", materi="Workshop B"), cast.budi)
    a.refresh_from_db()
    assert (b.jp, b.dihitung) == (Decimal("5.00"), True)
    assert (a.jp, a.dihitung) == (Decimal("0.00"), False)
    assert a.alasan == "tidak dihitung: sudah ada kegiatan sehari penuh (workshop/lokakarya) pada tanggal ini"
    assert rekap(cast.sari).total == Decimal("5.00")


def test_multi_day_programme_of_40_and_200_jp_is_recorded_and_counted(cast):
    k = catat(cast.sari, cast.budi, hari(5, 4), jenis="pelatihan", jp_belajar=Decimal("40"),
              tanggal_selesai=hari(5, 8))
    assert (k.tanggal_selesai, k.jumlah_hari) == (hari(5, 8), 5)
    s = catat(cast.sari, cast.budi, hari(6, 1), jenis="pelatihan_struktural", jp_belajar=Decimal("200"),
              tanggal_selesai=hari(7, 31))
    setujui(k, cast.budi)
    setujui(s, cast.budi)
    assert rekap(cast.sari).total == Decimal("240.00")
    # 8 JP a day on 4-8 May: a 16 JP course on one of those days still fits, a 17 JP one does not.
    kegiatan_validasi(pegawai=cast.sari, jenis="kursus", tanggal=hari(5, 6), jp_belajar=Decimal("16"))
    e = galat(pegawai=cast.sari, jenis="kursus", tanggal=hari(5, 6), jp_belajar=Decimal("17"))
    assert "lebih dari 24 JP sehari" in e["jp_belajar"][0]


def test_multi_day_programme_guards(cast):
    e = galat(pegawai=cast.sari, jenis="pelatihan", tanggal=hari(5, 4), jp_belajar=Decimal("40"))
    assert "24" in e["jp_belajar"][0]  # one day: 40 JP cannot be true
    e = galat(pegawai=cast.sari, jenis="pelatihan", tanggal=hari(5, 4), jp_belajar=Decimal("100"),
              tanggal_selesai=hari(5, 7))
    assert "dalam 4 hari" in e["jp_belajar"][0]
    e = galat(pegawai=cast.sari, jenis="pelatihan", tanggal=hari(5, 4), jp_belajar=Decimal("8"),
              tanggal_selesai=hari(5, 3))
    assert "sebelum tanggal mulai" in e["tanggal_selesai"][0]
    e = galat(pegawai=cast.sari, jenis="seminar", tanggal=hari(5, 4), tanggal_selesai=hari(5, 5))
    assert "setiap hari" in e["tanggal_selesai"][0]


# --- dates in range (issue 17 item 5) -----------------------------------------------------------
def test_activities_before_the_first_rules_version_or_after_next_year_are_refused(cast):
    e = galat(pegawai=cast.sari, jenis="coaching", tanggal=date(2017, 12, 31))
    assert e["tanggal"] == [
        "Tanggal sebelum 1 Januari 2018 (berlakunya aturan konversi JP pertama, Perlan 10/2018) tidak dapat dicatat."
    ]
    e = galat(pegawai=cast.sari, jenis="coaching", tanggal=date(timezone.localdate().year + 2, 1, 1))
    assert e["tanggal"] == [f"Tanggal setelah tahun {timezone.localdate().year + 1} tidak dapat dicatat."]
    kegiatan_validasi(pegawai=cast.sari, jenis="coaching", tanggal=date(2018, 1, 1))


def test_an_activity_recorded_in_2019_is_approved_today(cast):
    k = setujui(catat(cast.sari, cast.budi, date(2019, 3, 4), jenis="seminar"), cast.budi)
    assert (k.jp, k.dihitung, k.versi_aturan) == (Decimal("4.00"), True, "perlan-10-2018")
    assert RekapTahunan.objects.get(pegawai=cast.sari, tahun=2019).total == Decimal("4.00")


def test_approving_never_raises_on_legacy_rows_the_engine_cannot_convert(cast):
    # Rows written before today's guards (an import, an old release): dated 2017, an as-studied form
    # without JP. Approving a valid activity of the same year must still go through.
    lama = Kegiatan.objects.create(pegawai=cast.sari, jenis="coaching", tanggal=date(2017, 6, 1), tahun=2017,
                                   materi="lama", pembimbing=cast.budi)
    tanpa_jp = Kegiatan.objects.create(pegawai=cast.sari, jenis="pelatihan", tanggal=date(2019, 6, 1), tahun=2019,
                                       materi="tanpa JP", pembimbing=cast.budi)
    lama = setujui(lama, cast.budi)
    assert (lama.jp, lama.dihitung, lama.versi_aturan) == (Decimal("0.00"), False, "")
    assert lama.alasan.startswith("tidak dihitung: Tanggal sebelum 1 Januari 2018")
    tanpa_jp = setujui(tanpa_jp, cast.budi)
    assert not tanpa_jp.dihitung and "JP" in tanpa_jp.alasan
    k = setujui(catat(cast.sari, cast.budi, date(2019, 6, 2)), cast.budi)
    assert k.dihitung and RekapTahunan.objects.get(pegawai=cast.sari, tahun=2019).total == Decimal("2.00")
