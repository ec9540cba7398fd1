from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from jp_conversion.models import Kegiatan, RekapTahunan
from jp_conversion.services import kegiatan_catat, kegiatan_paraf

TAHUN = timezone.localdate().year - 1


def jalankan(**kw):
    out, err = StringIO(), StringIO()
    call_command("recompute_jp", stdout=out, stderr=err, **kw)
    return out.getvalue(), err.getvalue()


def sesi(pegawai, pembimbing, tanggal, jenis="coaching"):
    k = kegiatan_catat(pegawai=pegawai, jenis=jenis, tanggal=tanggal, materi=f"{jenis} {tanggal}",
                       pembimbing=pembimbing)
    return kegiatan_paraf(kegiatan=k, oleh=pembimbing, setuju=True)


def test_it_repairs_tampered_credits_and_a_second_run_changes_nothing(cast):
    a = sesi(cast.sari, cast.budi, date(TAHUN, 3, 1))
    sesi(cast.joko, cast.agus, date(TAHUN, 3, 1))
    sesi(cast.sari, cast.budi, date(TAHUN - 1, 3, 1))
    Kegiatan.objects.filter(pk=a.pk).update(jp=Decimal("9"), alasan="diubah tangan")
    RekapTahunan.objects.filter(pegawai=cast.joko).update(total=Decimal("99"))
    out, err = jalankan()
    assert "3 pegawai-tahun diperiksa, 2 pegawai-tahun berubah." in out
    assert "\r3/3" in err
    a.refresh_from_db()
    assert (a.jp, a.alasan) == (Decimal("2.00"), "2 JP: sesi coaching nasional")
    assert RekapTahunan.objects.get(pegawai=cast.joko).total == Decimal("2.00")
    out, _ = jalankan()
    assert "0 pegawai-tahun berubah" in out


def test_it_filters_by_year_and_nip(cast):
    sesi(cast.sari, cast.budi, date(TAHUN, 3, 1))
    sesi(cast.sari, cast.budi, date(TAHUN - 1, 3, 1))
    sesi(cast.joko, cast.agus, date(TAHUN, 3, 1))
    RekapTahunan.objects.update(total=Decimal("50"))
    out, _ = jalankan(tahun=TAHUN, nip=cast.sari.nip)
    assert "1 pegawai-tahun diperiksa, 1 pegawai-tahun berubah." in out
    assert RekapTahunan.objects.get(pegawai=cast.joko).total == Decimal("50")
    with pytest.raises(CommandError, match="tidak ditemukan"):
        jalankan(nip="000")


def test_a_recap_without_activities_goes_to_zero(cast):
    RekapTahunan.objects.create(pegawai=cast.sari, tahun=TAHUN, total=Decimal("8"), jp_lainnya=Decimal("8"))
    out, _ = jalankan()
    assert "1 pegawai-tahun berubah" in out
    assert RekapTahunan.objects.get(pegawai=cast.sari).total == 0


def _keadaan():
    kredit = sorted(Kegiatan.objects.values_list("pk", "jp", "dihitung", "alasan", "versi_aturan"))
    rekap = sorted(RekapTahunan.objects.values_list(
        "pegawai_id", "tahun", "jp_coaching", "jp_mentoring", "jp_belajar_mandiri", "jp_lainnya", "total",
        "jp_per_bulan"))
    return kredit, rekap


def _isi_beragam(cast):
    """Several employees and years, over the monthly cap, pending and rejected rows."""
    for hari in (1, 2, 3, 10):  # the third and fourth coaching sessions of March are over the cap
        sesi(cast.sari, cast.budi, date(TAHUN, 3, hari))
    sesi(cast.sari, cast.rina, date(TAHUN, 4, 2), jenis="mentoring")
    sesi(cast.joko, cast.agus, date(TAHUN - 1, 5, 1))
    kegiatan_catat(pegawai=cast.budi, jenis="coaching", tanggal=date(TAHUN, 6, 1), materi="menunggu",
                   pembimbing=cast.hasan)
    ditolak = kegiatan_catat(pegawai=cast.budi, jenis="coaching", tanggal=date(TAHUN, 6, 2), materi="ditolak",
                             pembimbing=cast.hasan)
    kegiatan_paraf(kegiatan=ditolak, oleh=cast.hasan, setuju=False, alasan="tidak sesuai")


@pytest.mark.parametrize("ukuran", [1, 2, 250])
def test_batched_rebuild_gives_exactly_what_the_per_year_recompute_gives(cast, ukuran):
    from jp_conversion.services import jp_hitung_ulang_banyak

    _isi_beragam(cast)
    benar = _keadaan()  # written by jp_hitung_ulang on every paraf
    assert any(not d for _, _, d, _, _ in benar[0]) and any(d for _, _, d, _, _ in benar[0])
    Kegiatan.objects.update(jp=0, dihitung=False, alasan="", versi_aturan="")
    RekapTahunan.objects.filter(pegawai=cast.sari).delete()
    RekapTahunan.objects.filter(pegawai=cast.joko).update(total=Decimal("7"), jp_per_bulan=[])
    pasangan = set(Kegiatan.objects.values_list("pegawai_id", "tahun"))
    kemajuan = []
    berubah = jp_hitung_ulang_banyak(pasangan=pasangan, ukuran=ukuran,
                                     kemajuan=lambda n, total: kemajuan.append((n, total)))
    assert berubah == len(pasangan)
    assert _keadaan() == benar
    assert kemajuan[-1] == (len(pasangan), len(pasangan))
    assert jp_hitung_ulang_banyak(pasangan=pasangan, ukuran=ukuran) == 0


def test_batched_rebuild_uses_a_fixed_number_of_queries_per_chunk(cast, django_assert_max_num_queries):
    from jp_conversion import rekap_opd
    from jp_conversion.services import jp_hitung_ulang_banyak

    _isi_beragam(cast)
    kredit = set(Kegiatan.objects.values_list("jp", "dihitung", "alasan", "versi_aturan"))
    assert len(kredit) < Kegiatan.objects.count()
    Kegiatan.objects.update(jp=0, alasan="")
    RekapTahunan.objects.all().delete()
    pasangan = set(Kegiatan.objects.values_list("pegawai_id", "tahun"))
    # lock, activities, recaps, one recap insert (+ savepoint), one UPDATE per distinct credit (not per row)
    # and the province summary of the chunk's OPDs per year
    tahun = len({t for _, t in pasangan})
    with django_assert_max_num_queries(6 + len(kredit) + rekap_opd.QUERY_PER_HITUNG * tahun):
        jp_hitung_ulang_banyak(pasangan=pasangan)
    assert RekapTahunan.objects.get(pegawai=cast.sari, tahun=TAHUN).total == Decimal("6.00")


def test_batched_rebuild_marks_changed_recaps_as_updated(cast):
    from jp_conversion.services import jp_hitung_ulang_banyak

    sesi(cast.sari, cast.budi, date(TAHUN, 3, 1))
    rekap = RekapTahunan.objects.get(pegawai=cast.sari)
    RekapTahunan.objects.filter(pk=rekap.pk).update(total=Decimal("1"), diperbarui=timezone.now().replace(year=2000))
    assert jp_hitung_ulang_banyak(pasangan=[(cast.sari.pk, TAHUN)]) == 1
    rekap.refresh_from_db()
    assert rekap.total == Decimal("2.00") and rekap.diperbarui.year > 2000
