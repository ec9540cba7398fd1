"""Two-party confirmation (RULES §3): a session counts only when the pembimbing initialled it AND
the participant confirmed it, in either order; disputes go back to the author and to the kepala
OPD; 7-day reminders; no session before the konsensus; caps exact whatever order the two sides
arrive in; confirm + paraf at once on PostgreSQL count once and never deadlock."""
import threading
from datetime import time, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bangkom.notifikasi.models import Notifikasi
from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.models import Konfirmasi, Paraf, PesertaSesi, Sesi
from bangkom.sesi.selectors import sesi_disanggah_opd, sesi_menunggu_konfirmasi
from bangkom.sesi.services import (
    sesi_batal_paraf,
    sesi_ingatkan,
    sesi_konfirmasi,
    sesi_koreksi,
    sesi_paraf,
    sesi_tarik,
)
from coaching.services import coaching_sesi_catat, kesepakatan_akui, kesepakatan_buat
from jp_conversion.models import Kegiatan, RekapTahunan, StatusKegiatan
from jp_conversion.services import kegiatan_paraf, kegiatan_paraf_banyak
from tests.sesi.test_sesi_bersama import catat, hari


def kegiatan(sesi, pegawai=None):
    ps = sesi.peserta.get() if pegawai is None else sesi.peserta.get(pegawai=pegawai)
    return Kegiatan.objects.get(pk=ps.kegiatan_id)


def peserta(sesi, pegawai=None):
    return PesertaSesi.objects.get(sesi=sesi, **({"pegawai": pegawai} if pegawai else {}))


def test_paraf_then_confirmation_counts_at_the_confirmation(cast):
    s = catat(cast, hari(0))
    assert s.dicatat_oleh == cast.budi
    assert Notifikasi.objects.filter(penerima=cast.sari, judul__startswith="Konfirmasi sesi").count() == 1
    sesi_paraf(sesi=s, oleh=cast.budi, setuju=True)
    ps = peserta(s)
    assert (ps.paraf, ps.konfirmasi) == (Paraf.DIPARAF, Konfirmasi.MENUNGGU)
    assert kegiatan(s).status == StatusKegiatan.DIAJUKAN and kegiatan(s).jp == 0
    sesi_konfirmasi(sesi=s, oleh=cast.sari, setuju=True)
    kg = kegiatan(s)
    assert kg.status == StatusKegiatan.DISETUJUI and kg.jp == Decimal("2.00")
    assert kg.diparaf_oleh == cast.budi and kg.diparaf_pada == peserta(s).diparaf_pada  # dated at the paraf
    assert sesi_konfirmasi(sesi=s, oleh=cast.sari, setuju=True).lengkap  # twice is once
    assert RekapTahunan.objects.get(pegawai=cast.sari, tahun=kg.tahun).jp_coaching == Decimal("2.00")


def test_confirmation_then_paraf_counts_at_the_paraf(cast):
    s = catat(cast, hari(0))
    sesi_konfirmasi(sesi=s, oleh=cast.sari, setuju=True)
    assert kegiatan(s).status == StatusKegiatan.DIAJUKAN
    sesi_paraf(sesi=s, oleh=cast.budi, setuju=True)
    assert kegiatan(s).dihitung and kegiatan(s).jp == Decimal("2.00")


def test_a_session_logged_by_the_participant_is_confirmed_and_waits_for_the_paraf(cast):
    s = catat(cast, hari(0), dicatat_oleh=cast.sari)
    ps = peserta(s)
    assert (ps.paraf, ps.konfirmasi) == (Paraf.MENUNGGU, Konfirmasi.DIKONFIRMASI)
    assert Notifikasi.objects.filter(penerima=cast.budi, judul__startswith="Paraf sesi").count() == 1
    assert not Notifikasi.objects.filter(penerima=cast.sari, judul__startswith="Konfirmasi").exists()
    sesi_paraf(sesi=s, oleh=cast.budi, setuju=True)
    assert kegiatan(s).dihitung


def test_the_pembimbing_rejects_a_participant_logged_session_with_a_reason(cast):
    s = catat(cast, hari(0), dicatat_oleh=cast.sari)
    with pytest.raises(ValidationError, match="Alasan penolakan"):
        sesi_paraf(sesi=s, oleh=cast.budi, setuju=False)
    sesi_paraf(sesi=s, oleh=cast.budi, setuju=False, alasan="Saya cuti hari itu")
    assert peserta(s).paraf == Paraf.DITOLAK and kegiatan(s).status == StatusKegiatan.DITOLAK
    t = catat(cast, hari(0), jam=13, materi="Sesi lain")
    sesi_paraf(sesi=t, oleh=cast.budi, setuju=False, alasan="Batal")
    with pytest.raises(ValidationError, match="ditolak pembimbing"):
        sesi_konfirmasi(sesi=t, oleh=cast.sari, setuju=True)


def test_only_its_participant_confirms_and_only_its_pembimbing_or_participant_logs(cast):
    s = catat(cast, hari(0))
    for orang in (cast.budi, cast.hasan, cast.joko):
        with pytest.raises(PermissionDenied):
            sesi_konfirmasi(sesi=s, oleh=orang, setuju=True)
    with pytest.raises(PermissionDenied):
        catat(cast, hari(1), dicatat_oleh=cast.joko)


def agreement(cast):
    today = timezone.localdate()
    k = kesepakatan_buat(
        atasan=cast.budi, pegawai=cast.sari, kegiatan="SKP", tujuan="SKP tepat waktu", target="SKP selesai",
        mulai=today - timedelta(days=40), selesai=today + timedelta(days=10),
    )
    return kesepakatan_akui(kesepakatan=k, oleh=cast.sari)


def test_a_dispute_goes_back_to_the_author_and_to_the_kepala_then_is_corrected(cast):
    s = coaching_sesi_catat(
        kesepakatan=agreement(cast), oleh=cast.budi,
        isi=IsiSesi(tanggal=hari(0), mulai=time(9), selesai=time(10), materi="Penyusunan SKP"),
    )
    sesi_paraf(sesi=s, oleh=cast.budi, setuju=True)
    with pytest.raises(ValidationError, match="Alasan sanggahan"):
        sesi_konfirmasi(sesi=s, oleh=cast.sari, setuju=False, alasan=" ")
    sesi_konfirmasi(sesi=s, oleh=cast.sari, setuju=False, alasan="Sesi berlangsung tanggal lain")
    ps = peserta(s)
    assert ps.konfirmasi == Konfirmasi.DISANGGAH and ps.alasan_sanggah == "Sesi berlangsung tanggal lain"
    assert not kegiatan(s).dihitung
    n = Notifikasi.objects.get(penerima=cast.budi, judul__contains="disanggah")
    assert "Sesi berlangsung tanggal lain" in n.pesan and n.tautan == f"/sesi/{s.pk}/"
    assert [p.pk for p in sesi_disanggah_opd(cast.hasan.opd)] == [ps.pk]
    assert list(sesi_disanggah_opd(cast.agus.opd)) == []
    assert ps.history.first().history_change_reason.startswith("Disanggah")
    # Only the author corrects it; the corrected session waits for Sari again.
    isi = IsiSesi(tanggal=hari(1), mulai=time(9), selesai=time(10), materi="Penyusunan SKP (koreksi)")
    with pytest.raises(PermissionDenied):
        sesi_koreksi(sesi=s, oleh=cast.sari, isi=isi)
    baru = sesi_koreksi(sesi=s, oleh=cast.budi, isi=isi)
    assert not Sesi.objects.filter(pk=s.pk).exists() and Kegiatan.objects.filter(pegawai=cast.sari).count() == 1
    assert peserta(baru).konfirmasi == Konfirmasi.MENUNGGU
    assert list(sesi_disanggah_opd(cast.hasan.opd)) == []


def test_the_author_withdraws_an_uncounted_session_but_not_a_counted_one(cast):
    s = catat(cast, hari(0))
    with pytest.raises(ValidationError, match="Alasan penarikan"):
        sesi_tarik(sesi=s, oleh=cast.budi, alasan="")
    sesi_tarik(sesi=s, oleh=cast.budi, alasan="Salah catat")
    assert not Sesi.objects.exists() and not Kegiatan.objects.exists()
    assert Sesi.history.filter(history_type="-").get().history_change_reason.endswith("Salah catat")
    s = catat(cast, hari(0))
    sesi_konfirmasi(sesi=s, oleh=cast.sari, setuju=True)
    sesi_paraf(sesi=s, oleh=cast.budi, setuju=True)
    with pytest.raises(ValidationError, match="sudah dihitung"):
        sesi_tarik(sesi=s, oleh=cast.budi, alasan="x")


def test_withdrawing_the_paraf_uncounts_and_a_new_paraf_counts_again(cast):
    s = catat(cast, hari(0))
    sesi_konfirmasi(sesi=s, oleh=cast.sari, setuju=True)
    sesi_paraf(sesi=s, oleh=cast.budi, setuju=True)
    sesi_batal_paraf(sesi=s, oleh=cast.budi, alasan="Tanggal keliru")
    assert peserta(s).paraf == Paraf.MENUNGGU and not kegiatan(s).dihitung
    sesi_paraf(sesi=s, oleh=cast.budi, setuju=True)
    assert kegiatan(s).dihitung


def test_the_ledger_paraf_of_a_session_row_goes_through_the_two_party_rule(cast):
    """The supervisor's bulk paraf (and any direct ledger paraf) cannot count an unconfirmed session."""
    s = catat(cast, hari(0))
    assert kegiatan_paraf_banyak(kegiatan_ids=[kegiatan(s).pk], oleh=cast.budi) == 1
    assert peserta(s).paraf == Paraf.DIPARAF and kegiatan(s).status == StatusKegiatan.DIAJUKAN
    kegiatan_paraf(kegiatan=kegiatan(s), oleh=cast.budi, setuju=True)
    assert not kegiatan(s).dihitung
    sesi_konfirmasi(sesi=s, oleh=cast.sari, setuju=True)
    assert kegiatan(s).dihitung


def test_each_participant_of_a_group_session_confirms_their_own_row(cast):
    s = catat(cast, hari(0), peserta=[cast.sari, cast.joko])
    sesi_paraf(sesi=s, oleh=cast.budi, setuju=True)
    sesi_konfirmasi(sesi=s, oleh=cast.joko, setuju=True)
    assert kegiatan(s, cast.joko).dihitung and not kegiatan(s, cast.sari).dihitung
    assert [p.sesi_id for p in sesi_menunggu_konfirmasi(cast.sari)] == [s.pk]
    assert list(sesi_menunggu_konfirmasi(cast.joko)) == []


def test_a_session_unconfirmed_for_7_days_reminds_the_other_party_once(cast):
    s = catat(cast, hari(0))
    sesi_paraf(sesi=s, oleh=cast.budi, setuju=True)
    t = catat(cast, hari(0), jam=13, dicatat_oleh=cast.sari, materi="Sesi kedua")
    selesai = catat(cast, hari(0), jam=15, materi="Sesi ketiga")
    sesi_konfirmasi(sesi=selesai, oleh=cast.sari, setuju=True)
    sesi_paraf(sesi=selesai, oleh=cast.budi, setuju=True)
    hari_ini = timezone.localdate()
    assert sesi_ingatkan(hari_ini=hari_ini + timedelta(days=6)) == 0
    assert sesi_ingatkan(hari_ini=hari_ini + timedelta(days=7)) == 2
    assert Notifikasi.objects.filter(penerima=cast.sari, judul__startswith="Pengingat: konfirmasi").count() == 1
    paraf = Notifikasi.objects.get(penerima=cast.budi, judul__startswith="Pengingat: paraf")
    assert paraf.tautan == f"/sesi/{t.pk}/"
    call_command("pengingat_sesi", stdout=StringIO())
    assert sesi_ingatkan(hari_ini=hari_ini + timedelta(days=9)) == 0  # once per row


def test_no_session_before_the_agreement_is_acknowledged(cast):
    today = timezone.localdate()
    k = kesepakatan_buat(
        atasan=cast.budi, pegawai=cast.sari, kegiatan="SKP", tujuan="SKP tepat waktu", target="SKP selesai",
        mulai=today - timedelta(days=10), selesai=today + timedelta(days=10),
    )
    for oleh in (cast.budi, cast.sari):
        with pytest.raises(ValidationError) as exc:
            coaching_sesi_catat(
                kesepakatan=k, oleh=oleh,
                isi=IsiSesi(tanggal=today, mulai=time(8), selesai=time(9), materi="x"),
            )
        assert "belum diakui oleh Sari" in exc.value.message_dict["tanggal"][0]
    k = kesepakatan_akui(kesepakatan=k, oleh=cast.sari)
    s = coaching_sesi_catat(
        kesepakatan=k, oleh=cast.sari,
        isi=IsiSesi(tanggal=today, mulai=time(8), selesai=time(9), materi="x"),
    )
    assert s.dicatat_oleh == cast.sari and s.pembimbing == cast.budi


# --- caps exact whatever order the two sides arrive in (hypothesis) ------------------------------
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 5), st.booleans(), st.booleans()), min_size=1, max_size=6),
       st.randoms(use_true_random=False))
def test_monthly_caps_are_exact_whatever_order_paraf_and_confirmation_arrive(cast, rencana, acak):
    # One database for every example: start each from no session.
    PesertaSesi.objects.all().delete()
    Sesi.objects.all().delete()
    Kegiatan.objects.filter(pegawai=cast.sari).delete()
    RekapTahunan.objects.filter(pegawai=cast.sari).delete()
    sesi = [catat(cast, hari(n), jam=8 + i, materi=f"Sesi {i}") for i, (n, _, _) in enumerate(rencana)]
    langkah = [("paraf", s) for s, (_, p, _) in zip(sesi, rencana, strict=True) if p]
    langkah += [("konfirmasi", s) for s, (_, _, k) in zip(sesi, rencana, strict=True) if k]
    acak.shuffle(langkah)
    for aksi, s in langkah:
        if aksi == "paraf":
            sesi_paraf(sesi=s, oleh=cast.budi, setuju=True)
        else:
            sesi_konfirmasi(sesi=s, oleh=cast.sari, setuju=True)
    lengkap = sorted(
        (s for s, (_, p, k) in zip(sesi, rencana, strict=True) if p and k), key=lambda s: (s.tanggal, s.mulai, s.pk)
    )
    # The earliest two complete sessions of the month count, whatever order the answers came in.
    yang_dihitung = {s.pk for s in lengkap[:2]}
    for s in sesi:
        kg = kegiatan(s)
        assert kg.dihitung == (s.pk in yang_dihitung), (rencana, langkah)
        assert kg.status == (StatusKegiatan.DISETUJUI if s in lengkap else StatusKegiatan.DIAJUKAN)
    rekap = RekapTahunan.objects.filter(pegawai=cast.sari, tahun=hari(0).year).first()
    assert (rekap.jp_coaching if rekap else 0) == Decimal("2.00") * len(yang_dihitung)


# --- confirm + paraf at once (PostgreSQL only) ---------------------------------------------------
@pytest.mark.pg
@pytest.mark.skipif(connection.vendor != "postgresql", reason="butuh PostgreSQL (DATABASE_URL=postgres://...)")
@pytest.mark.django_db(transaction=True)
def test_confirm_and_paraf_at_the_same_time_count_once_and_never_deadlock(cast):
    n = 4
    sesi = [catat(cast, hari(d + 1), jam=8 + d, materi=f"Sesi {d}") for d in range(n)]
    mulai = threading.Barrier(2 * n)
    galat = []

    def jalan(fungsi, **kw):
        try:
            mulai.wait()
            fungsi(**kw)
        except Exception as exc:  # noqa: BLE001 - reported to the main thread below
            galat.append(exc)
        finally:
            connections.close_all()

    threads = []
    for s in sesi:
        threads.append(threading.Thread(
            target=jalan, args=(sesi_paraf,), kwargs=dict(sesi=s, oleh=cast.budi, setuju=True)
        ))
        threads.append(threading.Thread(
            target=jalan, args=(sesi_konfirmasi,), kwargs=dict(sesi=s, oleh=cast.sari, setuju=True)
        ))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert galat == []
    semua = Kegiatan.objects.filter(pegawai=cast.sari)
    assert semua.filter(status=StatusKegiatan.DISETUJUI).count() == n
    assert all(ps.lengkap for ps in PesertaSesi.objects.all())
    assert semua.filter(dihitung=True).count() == min(n, 2 * len({s.tanggal.month for s in sesi}))
    total = RekapTahunan.objects.get(pegawai=cast.sari, tahun=hari(0).year).jp_coaching
    assert total == sum((k.jp for k in semua), Decimal("0"))


# --- the pages -----------------------------------------------------------------------------------
def test_sari_confirms_from_her_home_page_and_only_she_can(cast, masuk):
    s = catat(cast, hari(0))
    sesi_paraf(sesi=s, oleh=cast.budi, setuju=True)
    beranda = masuk(cast.sari).get("/").content.decode()
    assert "Sesi menunggu konfirmasi Anda" in beranda and f'action="/sesi/{s.pk}/konfirmasi/"' in beranda
    r = masuk(cast.budi).post(f"/sesi/{s.pk}/konfirmasi/", {"aksi": "konfirmasi"})
    assert r.status_code == 302 and peserta(s).konfirmasi == Konfirmasi.MENUNGGU
    assert masuk(cast.joko).post(f"/sesi/{s.pk}/konfirmasi/", {"aksi": "konfirmasi"}).status_code == 404
    r = masuk(cast.sari).post(f"/sesi/{s.pk}/konfirmasi/", {"aksi": "konfirmasi", "kembali": "/"})
    assert r["Location"] == "/" and kegiatan(s).dihitung
    assert "Sesi menunggu konfirmasi Anda" not in masuk(cast.sari).get("/").content.decode()


def test_a_dispute_from_the_page_reaches_the_author_and_the_kepala_dashboard(cast, masuk):
    s = catat(cast, hari(0), materi="Sesi yang tidak terjadi")
    c = masuk(cast.sari)
    c.post(f"/sesi/{s.pk}/konfirmasi/", {"aksi": "sanggah", "alasan": ""})
    assert peserta(s).konfirmasi == Konfirmasi.MENUNGGU  # the reason is required
    c.post(f"/sesi/{s.pk}/konfirmasi/", {"aksi": "sanggah", "alasan": "Saya sedang dinas luar"})
    assert peserta(s).konfirmasi == Konfirmasi.DISANGGAH
    assert "Saya sedang dinas luar" in masuk(cast.budi).get(f"/sesi/{s.pk}/").content.decode()
    assert "Saya sedang dinas luar" in masuk(cast.hasan).get("/dasbor/kepala/").content.decode()
    assert masuk(cast.sari).post(f"/sesi/{s.pk}/tarik/", {"alasan": "x"}).status_code == 302
    assert Sesi.objects.filter(pk=s.pk).exists()  # only the author withdraws
    masuk(cast.budi).post(f"/sesi/{s.pk}/tarik/", {"alasan": "Salah catat"})
    assert not Sesi.objects.filter(pk=s.pk).exists()
