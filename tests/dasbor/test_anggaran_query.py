"""Every dashboard and queue page stays within its query budget (issue 23: ≤ 15 per page at any
province size), with a filled ledger and the province summaries in place: the budgets the bench
holds at 20,000 and 100,000 employees, checked here on the cast."""
import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.dasbor.bantu_dasbor import TAHUN, isi_sari_dan_budi

ANGGARAN = 15


@pytest.fixture
def terisi(cast):
    isi_sari_dan_budi(cast)
    call_command("ringkasan_provinsi", stdout=None)
    return cast


@pytest.mark.parametrize("nama,siapa", [
    ("dasbor-pegawai", "sari"), ("dasbor-atasan", "budi"), ("dasbor-mentor", "rina"), ("dasbor-kepala", "hasan"),
    ("dasbor-bpsdm", "dewi"), ("laporan-jp", "dewi"), ("laporan-jp", "hasan"), ("dasbor-sanggahan", "hasan"),
    ("dasbor-pengesahan", "hasan"),
])
def test_each_page_stays_within_the_budget(terisi, masuk, django_assert_max_num_queries, nama, siapa):
    c = masuk(getattr(terisi, siapa))
    url = f"{reverse(nama)}?tahun={TAHUN}"
    assert c.get(url).status_code == 200  # warm caches (content types, sessions)
    with django_assert_max_num_queries(ANGGARAN):
        assert c.get(url).status_code == 200


def test_the_navigation_badge_costs_no_query_of_its_own(terisi, masuk, django_assert_max_num_queries):
    from bangkom.notifikasi.services import notifikasi_kirim

    c = masuk(terisi.sari)
    url = f"{reverse('dasbor-pegawai')}?tahun={TAHUN}"
    c.get(url)
    with django_assert_max_num_queries(ANGGARAN) as sebelum:
        c.get(url)
    notifikasi_kirim(penerima=terisi.sari, judul="Uji", pesan="Lencana")
    with django_assert_max_num_queries(ANGGARAN) as sesudah:
        r = c.get(url)
    assert r.context["jumlah_menunggu"] == 1
    assert len(sesudah) == len(sebelum)
    assert not any("notifikasi_notifikasi" in q["sql"] and q["sql"].lstrip().startswith("SELECT COUNT")
                   for q in sesudah.captured_queries)
