"""The "perlu coaching" list: who is on it (performance below "Baik", a gap to close by coaching, or both;
never someone with running coaching), what it says, where it shows, and its constant query count."""
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bangkom.kompetensi import services as kompetensi
from bangkom.kompetensi.models import Kompetensi, PenilaianKinerja, StandarKompetensi
from bangkom.pegawai.models import Pegawai
from coaching.perlu import perlu_coaching
from coaching.services import kesepakatan_buat
from tests.factories import PegawaiFactory

HARI_INI = timezone.localdate()
TAHUN = HARI_INI.year


def _predikat(pegawai, predikat, tahun=TAHUN - 1):
    return PenilaianKinerja.objects.create(pegawai=pegawai, tahun=tahun, predikat=predikat)


def _kesenjangan_kecil(pegawai, kode="komunikasi"):
    """A one-level gap: coaching is the form recommended before the dialog."""
    k = Kompetensi.objects.get(kode=kode)
    StandarKompetensi.objects.get_or_create(jabatan=pegawai.jabatan, kompetensi=k, defaults={"level_standar": 3})
    kompetensi.penilaian_catat(pegawai=pegawai, kompetensi=k, level=2, sumber="asesmen",
                               tanggal=HARI_INI - timedelta(days=5), penilai=None)
    return k


def _coaching(cast, pegawai):
    return kesepakatan_buat(atasan=cast.budi, pegawai=pegawai, kegiatan="Laporan", kesenjangan="", tujuan="Tepat",
                            target="Selesai", mulai=HARI_INI, selesai=HARI_INI + timedelta(days=30))


def test_the_latest_predicate_below_baik_puts_an_employee_on_the_list(cast):
    _predikat(cast.sari, "butuh_perbaikan", TAHUN - 1)
    _predikat(cast.sari, "baik", TAHUN - 2)
    [x] = perlu_coaching(Pegawai.objects.filter(atasan=cast.budi), tahun=TAHUN, oleh=cast.budi)
    assert (x.pegawai, x.tahun_kinerja, x.saran.sumber, x.boleh_mulai) == (cast.sari, TAHUN - 1, "kinerja", True)
    assert f"predikat kinerja {TAHUN - 1} \u201cButuh Perbaikan\u201d" in x.saran.penjelasan


def test_an_older_low_predicate_does_not_count_when_the_latest_is_good(cast):
    _predikat(cast.sari, "kurang", TAHUN - 2)
    _predikat(cast.sari, "sangat_baik", TAHUN - 1)
    assert perlu_coaching(Pegawai.objects.filter(pk=cast.sari.pk), tahun=TAHUN, oleh=cast.budi) == []


def test_a_running_agreement_takes_the_employee_off_the_list(cast):
    _predikat(cast.sari, "sangat_kurang")
    _coaching(cast, cast.sari)
    assert perlu_coaching(Pegawai.objects.filter(pk=cast.sari.pk), tahun=TAHUN, oleh=cast.budi) == []


def test_a_gap_alone_is_not_on_the_list_and_with_low_performance_it_makes_both(cast):
    _kesenjangan_kecil(cast.sari)
    assert perlu_coaching(Pegawai.objects.filter(pk=cast.sari.pk), tahun=TAHUN, oleh=cast.budi) == []
    _predikat(cast.sari, "kurang")
    [x] = perlu_coaching(Pegawai.objects.filter(pk=cast.sari.pk), tahun=TAHUN, oleh=cast.budi)
    assert x.saran.sumber == "keduanya"
    assert x.saran.penjelasan.startswith("Dari kinerja dan kesenjangan kompetensi:")
    assert x.saran.penjelasan.endswith("ditutup dengan coaching: Komunikasi.")


def test_a_gap_the_dialog_closes_by_mentoring_does_not_count_as_coaching(cast):
    k = _kesenjangan_kecil(cast.sari)
    kompetensi.dialog_simpan(pegawai=cast.sari, kompetensi=k, tahun=TAHUN, oleh=cast.budi, penyebab="keterampilan",
                             bentuk_dipilih="mentoring", alasan="Ada mentor yang cocok", catatan="")
    _predikat(cast.sari, "kurang")
    [x] = perlu_coaching(Pegawai.objects.filter(pk=cast.sari.pk), tahun=TAHUN, oleh=cast.budi)
    assert x.saran.sumber == "kinerja"


def test_nobody_below_baik_costs_one_query(cast, django_assert_num_queries):
    _predikat(cast.sari, "baik")
    _kesenjangan_kecil(cast.sari)
    with django_assert_num_queries(1):
        assert perlu_coaching(Pegawai.objects.filter(opd=cast.dinkes), tahun=TAHUN, oleh=cast.hasan) == []


def test_the_kepala_sees_the_whole_opd_and_appoints_a_coach_for_others_subordinates(cast):
    _predikat(cast.sari, "kurang")
    _predikat(cast.budi, "butuh_perbaikan")
    _predikat(cast.joko, "kurang")  # another OPD
    daftar = perlu_coaching(Pegawai.objects.filter(opd=cast.dinkes), tahun=TAHUN, oleh=cast.hasan)
    assert [(x.pegawai, x.boleh_mulai) for x in daftar] == [(cast.budi, True), (cast.sari, False)]


def test_the_list_takes_the_same_number_of_queries_for_many_employees(cast):
    def hitung():
        with CaptureQueriesContext(connection) as q:
            daftar = perlu_coaching(Pegawai.objects.filter(atasan=cast.budi), tahun=TAHUN, oleh=cast.budi)
        return len(q), len(daftar)

    _predikat(cast.sari, "kurang")
    _kesenjangan_kecil(cast.sari)
    sedikit, n = hitung()
    baru = [PegawaiFactory(unit=cast.sari.unit, jabatan=cast.sari.jabatan, atasan=cast.budi) for _ in range(6)]
    for i, p in enumerate(baru):
        _predikat(p, "butuh_perbaikan" if i % 2 else "baik")
        _kesenjangan_kecil(p, "integritas")
    _coaching(cast, baru[1])
    banyak, m = hitung()
    assert (n, m) == (1, 3)
    assert banyak == sedikit


def test_budi_sees_perlu_coaching_with_a_one_tap_start(cast, masuk):
    _predikat(cast.sari, "butuh_perbaikan")
    html = masuk(cast.budi).get(reverse("dasbor-atasan")).content.decode()
    assert "Perlu coaching" in html and "Sari Wulandari" in html
    assert f'{reverse("coaching:buat")}?pegawai={cast.sari.pk}' in html
    r = masuk(cast.budi).get(f'{reverse("coaching:buat")}?pegawai={cast.sari.pk}')
    assert r.context["form"].initial["pegawai"] == cast.sari.pk


def test_hasan_sees_it_on_the_opd_dashboard_and_joko_sees_nothing_of_sari(cast, masuk):
    _predikat(cast.sari, "kurang")
    html = masuk(cast.hasan).get(reverse("dasbor-kepala")).content.decode()
    assert "Sari Wulandari" in html and f'{reverse("coaching:penunjukan-baru")}?nip={cast.sari.nip}' in html
    r = masuk(cast.hasan).get(f'{reverse("coaching:penunjukan-baru")}?nip={cast.sari.nip}')
    assert r.context["form"].initial["nip"] == cast.sari.nip
    assert "Sari Wulandari" not in masuk(cast.agus).get(reverse("dasbor-atasan")).content.decode()


@pytest.mark.parametrize("halaman", ["kompetensi:pegawai", "kompetensi:rencana"])
def test_the_predicate_and_suggestion_show_on_the_competency_pages(cast, masuk, halaman):
    _predikat(cast.sari, "kurang")
    html = masuk(cast.budi).get(reverse(halaman, args=[cast.sari.pk])).content.decode()
    assert "Predikat kinerja (SKP)" in html and "Kurang" in html
    assert "Saran coaching (kinerja):" in html


def test_the_gap_dialog_explains_both_sources(cast, masuk):
    k = _kesenjangan_kecil(cast.sari)
    _predikat(cast.sari, "butuh_perbaikan")
    html = masuk(cast.sari).get(reverse("kompetensi:dialog", args=[cast.sari.pk, k.pk])).content.decode()
    assert "Saran coaching (kinerja dan kesenjangan kompetensi):" in html
