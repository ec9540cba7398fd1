"""The kepala OPD's countersignature ("Mengetahui") of issued sheets: which sheets wait, who may
countersign them, what is skipped, and what the public verification page says."""
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from bangkom.dokumen import lembar
from bangkom.dokumen.models import LembarTerbit
from bangkom.dokumen.pengesahan import HasilPengesahan, lembar_menunggu_pengesahan, lembar_sahkan
from jp_conversion.services import kegiatan_batal_paraf
from tests.dokumen.conftest import teks_pdf
from tests.dokumen.test_dokumen_lembar import TAHUN_2025


@pytest.fixture
def dinkes_wajib(cast):
    cast.dinkes.wajib_pengesahan_kepala = True
    cast.dinkes.save()
    return cast.dinkes


def terbitkan(pegawai, *, jenis="coaching", mulai=TAHUN_2025[0], selesai=TAHUN_2025[1], internal=False):
    terbit, _ = lembar.lembar_terbitkan(pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai, internal=internal)
    return terbit


def test_bpsdm_switches_it_on_in_the_opd_master_data(cast, client):
    admin = get_user_model().objects.create_superuser("admin-uji", "admin@example.go.id", "rahasia-uji-123")
    client.force_login(admin)
    url = reverse("admin:pegawai_perangkatdaerah_change", args=[cast.dinkes.pk])
    assert 'name="wajib_pengesahan_kepala"' in client.get(url).content.decode()
    daftar = client.get(reverse("admin:pegawai_perangkatdaerah_changelist"), {"wajib_pengesahan_kepala__exact": "1"})
    assert daftar.status_code == 200 and "wajib pengesahan kepala" in daftar.content.decode().lower()


def test_a_sheet_waits_only_when_its_opd_asks_and_it_is_not_internal(cast, coaching_sari, dinkes_wajib):
    assert terbitkan(cast.sari).perlu_pengesahan
    assert not terbitkan(cast.sari, internal=True).perlu_pengesahan
    assert not terbitkan(cast.joko).perlu_pengesahan  # DPUPR does not ask for it


def test_the_pdf_says_where_the_countersignature_is_recorded(cast, coaching_sari, dinkes_wajib):
    catatan = "Pengesahan (Mengetahui) Kepala Perangkat Daerah dicatat secara elektronik"
    _, pdf = lembar.lembar_terbitkan(pegawai=cast.sari, jenis="coaching", mulai=TAHUN_2025[0], selesai=TAHUN_2025[1])
    assert catatan in teks_pdf(pdf)
    _, pdf = lembar.lembar_terbitkan(pegawai=cast.sari, jenis="coaching", mulai=TAHUN_2025[0], selesai=TAHUN_2025[1],
                                     internal=True)
    assert catatan not in teks_pdf(pdf)


def test_opds_without_the_setting_behave_as_before(cast, coaching_sari, masuk):
    terbit = terbitkan(cast.sari)
    assert not terbit.perlu_pengesahan
    assert not lembar_menunggu_pengesahan(cast.hasan.user).exists()
    html = masuk(cast.hasan).get(reverse("verifikasi:detail", args=[terbit.kode])).content.decode()
    assert "pengesahan" not in html.lower() and "Mengetahui" not in html


def test_kepala_countersigns_several_of_his_opd_at_once(cast, coaching_sari, dinkes_wajib):
    sari = terbitkan(cast.sari)
    budi = terbitkan(cast.budi)
    hasil = lembar_sahkan(terbit_ids=[sari.pk, budi.pk], oleh=cast.hasan.user)
    assert hasil == HasilPengesahan(disahkan=2)
    for t in LembarTerbit.objects.filter(pk__in=[sari.pk, budi.pk]):
        assert t.disahkan_oleh == cast.hasan.user and t.disahkan_pada is not None
    assert not lembar_menunggu_pengesahan(cast.hasan.user).exists()


def test_only_the_kepala_of_the_employees_opd(cast, coaching_sari, dinkes_wajib):
    sari = terbitkan(cast.sari)
    for orang in (cast.joko, cast.budi, cast.dewi, cast.sari):
        assert lembar_sahkan(terbit_ids=[sari.pk], oleh=orang.user) == HasilPengesahan(tidak_ditemukan=1)
    cast.dpupr.wajib_pengesahan_kepala = True
    cast.dpupr.kepala = cast.agus
    cast.dpupr.save()
    assert lembar_sahkan(terbit_ids=[sari.pk], oleh=cast.agus.user) == HasilPengesahan(tidak_ditemukan=1)
    assert LembarTerbit.objects.get(pk=sari.pk).disahkan_pada is None
    assert list(lembar_menunggu_pengesahan(cast.agus.user)) == []


def test_skips_are_counted(cast, coaching_sari, dinkes_wajib):
    sudah = terbitkan(cast.sari, jenis="mentoring")
    lembar_sahkan(terbit_ids=[sudah.pk], oleh=cast.hasan.user)
    lama = terbitkan(cast.sari)
    baru = terbitkan(cast.sari)  # a second download supersedes the first
    berubah = terbitkan(cast.sari, mulai=date(2025, 3, 1), selesai=date(2025, 3, 31))
    kegiatan_batal_paraf(kegiatan=coaching_sari[1], oleh=cast.budi, alasan="Tanggal keliru")  # March changes
    internal = terbitkan(cast.sari, jenis="belajar_mandiri", internal=True)

    hasil = lembar_sahkan(
        terbit_ids=[sudah.pk, lama.pk, berubah.pk, internal.pk, baru.pk, 10**9], oleh=cast.hasan.user,
    )
    assert hasil == HasilPengesahan(disahkan=0, sudah_disahkan=1, tidak_berlaku=3, tidak_ditemukan=2)
    # `baru` covers March too, whose paraf was withdrawn: no longer valid either
    assert not LembarTerbit.objects.filter(pk__in=[lama.pk, baru.pk, berubah.pk], disahkan_pada__isnull=False).exists()


def test_queue_leaves_out_superseded_countersigned_and_other_opds(cast, coaching_sari, dinkes_wajib):
    lama = terbitkan(cast.sari, selesai=date(2025, 6, 30))
    baru = terbitkan(cast.sari)  # covers the first half-year too
    pendek = terbitkan(cast.sari, jenis="mentoring", mulai=date(2025, 3, 1), selesai=date(2025, 3, 31))
    terbitkan(cast.sari, jenis="mentoring", mulai=date(2025, 4, 1), selesai=date(2025, 4, 30))  # another period
    lembar_sahkan(terbit_ids=[pendek.pk], oleh=cast.hasan.user)
    cast.dpupr.wajib_pengesahan_kepala = True
    cast.dpupr.save()
    terbitkan(cast.joko)
    antrean = list(lembar_menunggu_pengesahan(cast.hasan.user))
    assert lama not in antrean and pendek not in antrean
    assert [t.pk for t in antrean][0] == baru.pk and len(antrean) == 2
    assert {t.pegawai_id for t in antrean} == {cast.sari.pk}


def test_switching_the_setting_off_keeps_issued_sheets_waiting(cast, coaching_sari, dinkes_wajib):
    terbit = terbitkan(cast.sari)
    dinkes_wajib.wajib_pengesahan_kepala = False
    dinkes_wajib.save()
    assert lembar_sahkan(terbit_ids=[terbit.pk], oleh=cast.hasan.user).disahkan == 1


def test_validity_of_many_sheets_matches_one_by_one(cast, coaching_sari, catat):
    catat(cast.sari, "mentoring", date(2025, 3, 12), "Diskusi kasus", cast.rina)
    daftar = [
        terbitkan(cast.sari), terbitkan(cast.sari, jenis="mentoring"),
        terbitkan(cast.sari, mulai=date(2025, 3, 1), selesai=date(2025, 3, 31)),
        terbitkan(cast.sari, mulai=date(2025, 2, 1), selesai=date(2025, 2, 28)),
        terbitkan(cast.budi),
    ]
    kegiatan_batal_paraf(kegiatan=coaching_sari[1], oleh=cast.budi, alasan="Tanggal keliru")
    banyak = lembar.lembar_berlaku_banyak(daftar)
    assert banyak == {t.pk: lembar.lembar_masih_berlaku(t) for t in daftar}
    assert list(banyak.values()) == [False, True, False, True, True]


class TestHalamanVerifikasi:
    def _teks(self, client, terbit):
        resp = client.get(reverse("verifikasi:detail", args=[terbit.kode]))
        assert resp.status_code == 200
        return resp.content.decode()

    def test_waiting(self, client, cast, coaching_sari, dinkes_wajib):
        html = self._teks(client, terbitkan(cast.sari))
        assert "Menunggu pengesahan Kepala Perangkat Daerah" in html

    def test_countersigned_shows_when_but_no_name(self, client, cast, coaching_sari, dinkes_wajib):
        terbit = terbitkan(cast.sari)
        lembar_sahkan(terbit_ids=[terbit.pk], oleh=cast.hasan.user)
        html = self._teks(client, terbit)
        assert "Disahkan Kepala Perangkat Daerah pada" in html and "Menunggu pengesahan" not in html
        assert "Hasan" not in html

    def test_superseded(self, client, cast, coaching_sari, dinkes_wajib):
        lama = terbitkan(cast.sari)
        terbitkan(cast.sari)
        assert "digantikan oleh lembar yang lebih baru" in self._teks(client, lama)

    def test_countersigning_leaves_the_pdf_and_its_hash_alone(self, client, cast, coaching_sari, dinkes_wajib):
        terbit = terbitkan(cast.sari)
        sebelum = terbit.sha256
        lembar_sahkan(terbit_ids=[terbit.pk], oleh=cast.hasan.user)
        terbit.refresh_from_db()
        assert terbit.sha256 == sebelum and terbit.disahkan_pada is not None
