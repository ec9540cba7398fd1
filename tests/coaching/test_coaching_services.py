"""The coaching agreement (konsensus) and what coaching adds to the shared session mechanism."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from bangkom.notifikasi.models import Notifikasi
from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.services import sesi_paraf
from coaching.models import KesepakatanCoaching
from coaching.services import (
    coaching_sesi_catat,
    kesepakatan_akui,
    kesepakatan_buat,
    kesepakatan_ingatkan_berakhir,
    kesepakatan_tutup,
)
from jp_conversion.models import RekapTahunan
from tests.factories import paraf_lengkap


def buat(cast, atasan, pegawai, **kw):
    today = timezone.localdate()
    data = dict(
        atasan=atasan, pegawai=pegawai, kegiatan="Penyusunan SKP", tujuan="SKP tepat waktu", target="SKP selesai",
        mulai=today - timedelta(days=10), selesai=today + timedelta(days=20),
    )
    return kesepakatan_buat(**(data | kw))


def test_a_supervisor_opens_an_agreement_with_a_direct_subordinate_who_is_notified(cast):
    k = buat(cast, cast.budi, cast.sari)
    assert k.status == "berjalan" and not k.diakui and k.menerima_sesi
    assert k.periode_sesi() == (k.mulai, k.selesai)
    n = Notifikasi.objects.get(penerima=cast.sari)
    assert "Kesepakatan coaching baru" in n.judul and n.tautan == f"/coaching/{k.pk}/"


@pytest.mark.parametrize("atasan,pegawai", [("rina", "sari"), ("hasan", "sari"), ("budi", "joko"), ("sari", "budi")])
def test_only_a_direct_subordinate_can_be_coached(cast, atasan, pegawai):
    with pytest.raises(ValidationError) as exc:
        buat(cast, getattr(cast, atasan), getattr(cast, pegawai))
    assert "bukan bawahan langsung" in exc.value.message_dict["pegawai"][0]
    assert not KesepakatanCoaching.objects.exists()


def test_the_period_must_run_forward_and_the_same_goal_is_not_opened_twice(cast):
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="setelah periode mulai"):
        buat(cast, cast.budi, cast.sari, mulai=today, selesai=today - timedelta(days=1))
    buat(cast, cast.budi, cast.sari)
    with pytest.raises(ValidationError, match="masih berjalan"):
        buat(cast, cast.budi, cast.sari, tujuan="skp tepat waktu ")


def test_the_employee_acknowledges_and_no_one_else_can(cast):
    k = buat(cast, cast.budi, cast.sari)
    with pytest.raises(PermissionDenied):
        kesepakatan_akui(kesepakatan=k, oleh=cast.budi)
    k = kesepakatan_akui(kesepakatan=k, oleh=cast.sari)
    pertama = k.diakui_pada
    assert pertama is not None
    assert kesepakatan_akui(kesepakatan=k, oleh=cast.sari).diakui_pada == pertama
    assert Notifikasi.objects.filter(penerima=cast.budi, judul__contains="mengakui").count() == 1


def test_a_closed_agreement_takes_no_new_session(cast, kesepakatan, catat_sesi):
    with pytest.raises(ValidationError, match="Catatan evaluasi wajib"):
        kesepakatan_tutup(kesepakatan=kesepakatan, oleh=cast.budi, status="selesai", catatan_evaluasi=" ")
    with pytest.raises(PermissionDenied):
        kesepakatan_tutup(kesepakatan=kesepakatan, oleh=cast.sari, status="selesai", catatan_evaluasi="x")
    k = kesepakatan_tutup(kesepakatan=kesepakatan, oleh=cast.budi, status="selesai", catatan_evaluasi="Target tercapai")
    assert k.status == "selesai" and not k.menerima_sesi
    with pytest.raises(ValidationError) as exc:
        catat_sesi(k)
    assert "sudah ditutup" in exc.value.message_dict["tanggal"][0]
    with pytest.raises(ValidationError, match="sudah ditutup"):
        kesepakatan_tutup(kesepakatan=k, oleh=cast.budi, status="dibatalkan", catatan_evaluasi="x")


def test_sessions_outside_the_agreement_period_are_refused(cast, catat_sesi):
    today = timezone.localdate()
    k = buat(cast, cast.budi, cast.sari, mulai=today - timedelta(days=5), selesai=today - timedelta(days=2))
    k = kesepakatan_akui(kesepakatan=k, oleh=cast.sari)
    with pytest.raises(ValidationError, match="sebelum periode dimulai"):
        catat_sesi(k, tanggal=today - timedelta(days=6))
    with pytest.raises(ValidationError, match="setelah periode berakhir"):
        catat_sesi(k, tanggal=today - timedelta(days=1))
    assert catat_sesi(k, tanggal=today - timedelta(days=3)).induk == k


def test_only_the_coach_logs_sessions(cast, kesepakatan):
    with pytest.raises(PermissionDenied):
        coaching_sesi_catat(
            kesepakatan=kesepakatan, oleh=cast.hasan,
            isi=IsiSesi(
                tanggal=timezone.localdate(), mulai=timezone.now().time(), selesai=timezone.now().time(), materi="x",
            ),
        )


def test_initialled_sessions_credit_the_ledger_and_tell_the_coachee(cast, kesepakatan, catat_sesi):
    sesi = [catat_sesi(kesepakatan, jam=j) for j in (8, 10, 13)]
    for s in sesi:
        assert s.pembimbing == cast.budi and s.jenis == "coaching"
        paraf_lengkap(s, cast.budi)
    kegiatan = [s.peserta.get().kegiatan for s in sesi]
    for kg in kegiatan:
        kg.refresh_from_db()
    assert [kg.jp for kg in kegiatan] == [Decimal("2.00"), Decimal("2.00"), Decimal("0.00")]
    assert "melebihi batas 2 sesi coaching" in kegiatan[2].alasan
    rekap = RekapTahunan.objects.get(pegawai=cast.sari, tahun=timezone.localdate().year)
    assert rekap.jp_coaching == Decimal("4.00")
    diparaf = Notifikasi.objects.filter(penerima=cast.sari, judul__contains="diparaf")
    assert diparaf.count() == 3 and "2 JP: sesi coaching nasional" in diparaf.order_by("pk").first().pesan
    paraf_lengkap(sesi[0], cast.budi)  # a repeated paraf tells nobody again
    assert diparaf.count() == 3


def test_a_rejected_session_tells_the_coachee_why(cast, kesepakatan, catat_sesi):
    s = catat_sesi(kesepakatan)
    sesi_paraf(sesi=s, oleh=cast.budi, setuju=False, alasan="Sesi tidak berlangsung")
    n = Notifikasi.objects.get(penerima=cast.sari, judul__contains="ditolak")
    assert "Sesi tidak berlangsung" in n.pesan


def test_agreements_ending_within_seven_days_remind_both_once(cast):
    today = date(2025, 11, 24)
    segera = buat(cast, cast.budi, cast.sari, mulai=date(2025, 10, 1), selesai=date(2025, 11, 30))
    buat(cast, cast.budi, cast.sari, tujuan="Lain", mulai=date(2025, 10, 1), selesai=date(2025, 12, 15))
    Notifikasi.objects.all().delete()
    assert kesepakatan_ingatkan_berakhir(hari_ini=today) == 1
    assert set(Notifikasi.objects.values_list("penerima", flat=True)) == {cast.budi.pk, cast.sari.pk}
    assert "6 hari lagi" in Notifikasi.objects.first().judul
    assert kesepakatan_ingatkan_berakhir(hari_ini=today) == 0
    segera.refresh_from_db()
    assert segera.pengingat_dikirim == today


def test_the_reminder_command_runs_for_cron(cast, capsys):
    today = timezone.localdate()
    buat(cast, cast.budi, cast.sari, mulai=today - timedelta(days=3), selesai=today + timedelta(days=2))
    call_command("pengingat_coaching")
    assert "1 kesepakatan" in capsys.readouterr().out


@pytest.mark.parametrize("mulai,selesai,kolom,pesan", [
    (date(2017, 12, 1), date(2018, 2, 1), "mulai", "Tanggal sebelum 1 Januari 2018"),
    (None, date(9999, 12, 31), "selesai", "Tanggal setelah tahun"),
])
def test_an_agreement_period_lies_inside_the_data_years(cast, mulai, selesai, kolom, pesan):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        buat(cast, cast.budi, cast.sari, mulai=mulai or today, selesai=selesai)
    assert pesan in exc.value.message_dict[kolom][0]
    assert not KesepakatanCoaching.objects.exists()
