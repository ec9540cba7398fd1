import random

from django.utils import timezone

from bangkom.pegawai import demo as demo_pegawai
from bangkom.pegawai.models import Pegawai
from jp_conversion import demo
from jp_conversion.models import Kegiatan, KegiatanEksternal, RekapTahunan, StatusKegiatan, TargetJP


def _jalankan(tahun):
    k = demo_pegawai.KonteksDemo(tahun=tahun, password="x", rng=random.Random(2026))
    demo_pegawai.isi(k)
    k.rng = random.Random("2026-jp_conversion")
    demo.isi(k)
    return k


def test_demo_is_credited_through_the_ledger_and_idempotent(db):
    tahun = timezone.localdate().year
    k = _jalankan(tahun)
    jumlah = (Kegiatan.objects.count(), KegiatanEksternal.objects.count(), RekapTahunan.objects.count())
    assert TargetJP.objects.filter(tahun=tahun).count() == 2
    pegawai_ikut = Kegiatan.objects.values("pegawai").distinct().count()
    assert 0.2 < pegawai_ikut / Pegawai.objects.count() < 0.4
    assert not Kegiatan.objects.filter(tanggal__gt=timezone.localdate()).exists()
    disetujui = Kegiatan.objects.filter(status=StatusKegiatan.DISETUJUI)
    assert disetujui.exists() and not disetujui.filter(jp=0).exists()
    sari = k.pemeran["sari"]
    assert sari.kegiatan.filter(status=StatusKegiatan.DIAJUKAN, pembimbing=sari.atasan).exists()
    assert RekapTahunan.objects.get(pegawai=sari, tahun=tahun).total == 4
    _jalankan(tahun)
    assert (Kegiatan.objects.count(), KegiatanEksternal.objects.count(), RekapTahunan.objects.count()) == jumlah
