"""The shared session mechanism, exercised with a minimal relationship object: every workflow
(coaching, mentoring) inherits these guarantees."""
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.models import IndikatorEvaluasi, Sesi
from bangkom.sesi.services import evaluasi_rekap, evaluasi_simpan, sesi_batal_paraf, sesi_catat, sesi_paraf
from jp_conversion.models import RekapTahunan
from tests.factories import paraf_lengkap


class Hubungan:
    """Stands in for a coaching agreement / mentoring request (the `induk` protocol)."""

    def __init__(self, pegawai, mulai=None, selesai=None, terbuka=True):
        self.pk = pegawai.pk  # any stored id works for the generic relation in these tests
        self._meta = pegawai._meta
        self.periode = (mulai, selesai)
        self.menerima_sesi = terbuka

    def periode_sesi(self):
        return self.periode

    def __str__(self):
        return "Kesepakatan uji"


def hari(n):
    """A day in the current month not after today (the JP cap is per calendar month)."""
    today = timezone.localdate()
    return today.replace(day=max(1, today.day - n))


def catat(cast, tanggal, materi="Penyusunan SKP", peserta=None, jam=9, dicatat_oleh=None, **kw):
    return sesi_catat(
        jenis="coaching", induk=Hubungan(cast.sari), pembimbing=cast.budi, peserta=peserta or [cast.sari],
        dicatat_oleh=dicatat_oleh,
        isi=IsiSesi(tanggal=tanggal, mulai=time(jam), selesai=time(jam + 1), materi=materi, **kw),
    )


def test_a_session_waits_for_paraf_and_then_counts(cast):
    sesi = catat(cast, hari(0))
    assert sesi.status == "diajukan"
    paraf_lengkap(sesi, cast.budi)
    kegiatan = sesi.peserta.get().kegiatan
    kegiatan.refresh_from_db()
    assert kegiatan.jp == Decimal("2.00") and kegiatan.dihitung
    assert RekapTahunan.objects.get(pegawai=cast.sari, tahun=kegiatan.tahun).jp_coaching == Decimal("2.00")


def test_only_the_pembimbing_initials(cast):
    sesi = catat(cast, hari(0))
    with pytest.raises(PermissionDenied):
        paraf_lengkap(sesi, cast.hasan)


def test_future_dates_and_closed_relationships_are_refused(cast):
    with pytest.raises(ValidationError, match="masa depan"):
        catat(cast, timezone.localdate() + timedelta(days=1))
    with pytest.raises(ValidationError, match="ditutup"):
        sesi_catat(
            jenis="coaching", induk=Hubungan(cast.sari, terbuka=False), pembimbing=cast.budi, peserta=[cast.sari],
            isi=IsiSesi(tanggal=hari(0), mulai=time(9), selesai=time(10), materi="x"),
        )


def test_dates_outside_the_period_are_refused(cast):
    awal = hari(0)
    with pytest.raises(ValidationError, match="sebelum periode"):
        sesi_catat(
            jenis="coaching", induk=Hubungan(cast.sari, mulai=awal), pembimbing=cast.budi, peserta=[cast.sari],
            isi=IsiSesi(tanggal=awal - timedelta(days=1), mulai=time(9), selesai=time(10), materi="x"),
        )


def test_duplicates_and_overlaps_are_refused(cast):
    catat(cast, hari(0))
    with pytest.raises(ValidationError, match="sudah tercatat"):
        catat(cast, hari(0), jam=13)
    with pytest.raises(ValidationError, match="bertumpuk"):
        catat(cast, hari(0), materi="Lain", jam=9)
    assert Sesi.objects.count() == 1


def test_a_third_session_in_a_month_is_kept_but_not_counted(cast):
    today = timezone.localdate()
    if today.day < 3:
        pytest.skip("needs three days of this month")
    sesi = [catat(cast, today.replace(day=d), materi=f"Topik {d}") for d in (1, 2, 3)]
    for s in sesi:
        paraf_lengkap(s, cast.budi)
    ketiga = sesi[2].peserta.get().kegiatan
    ketiga.refresh_from_db()
    assert ketiga.jp == 0 and "melebihi batas 2 sesi coaching" in ketiga.alasan
    paraf_lengkap(sesi[0], cast.budi)  # twice = once
    sesi_batal_paraf(sesi=sesi[0], oleh=cast.budi, alasan="Salah tanggal")
    ketiga.refresh_from_db()
    assert ketiga.jp == Decimal("2.00"), "a later session moves up when an earlier one loses its paraf"


def test_a_group_session_credits_each_participant(cast):
    sesi = catat(cast, hari(0), peserta=[cast.sari, cast.joko])
    paraf_lengkap(sesi, cast.budi)
    assert sorted(ps.kegiatan.jp for ps in sesi.peserta.select_related("kegiatan")) == [Decimal("2.00")] * 2


def test_rejection_needs_a_reason(cast):
    sesi = catat(cast, hari(0))
    with pytest.raises(ValidationError, match="Alasan penolakan"):
        sesi_paraf(sesi=sesi, oleh=cast.budi, setuju=False)


def test_evaluations_are_recapped_by_indicator(cast):
    indikator = list(IndikatorEvaluasi.objects.filter(skala="manfaat"))
    assert len(indikator) == 4, "the study's four indicators are seeded"
    induk = Hubungan(cast.sari)
    evaluasi_simpan(
        skala="manfaat", induk=induk, jenis="coaching", pembimbing=cast.budi, peserta=cast.sari,
        penilai=cast.sari, skor={i.pk: 4 for i in indikator},
    )
    with pytest.raises(ValidationError, match="1 sampai 5"):
        evaluasi_simpan(
            skala="manfaat", induk=induk, jenis="coaching", pembimbing=cast.budi, peserta=cast.sari,
            penilai=cast.sari, skor={i.pk: 6 for i in indikator},
        )
    from bangkom.sesi.models import Evaluasi

    hasil = evaluasi_rekap(Evaluasi.objects.all(), skala="manfaat")
    assert hasil.rata_rata == Decimal("4.00") and hasil.kategori == "Baik"
