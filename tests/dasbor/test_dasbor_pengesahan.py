"""The kepala's countersigning queue on his dashboard: shown only where the OPD asks for it, the
"Sahkan terpilih" form, the full page, and a query count that does not grow with the queue."""
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from bangkom.dasbor.views import PENGESAHAN_DI_DASBOR
from bangkom.dokumen import lembar
from bangkom.dokumen.models import LembarTerbit
from tests.dasbor.bantu_dasbor import TAHUN, disetujui
from tests.factories import PegawaiFactory


@pytest.fixture
def dinkes_wajib(cast):
    cast.dinkes.wajib_pengesahan_kepala = True
    cast.dinkes.save()
    return cast.dinkes


def tercatat(pegawai, jenis="coaching", *, oleh=None):
    """A sheet record as `lembar_terbitkan` writes it, without rendering its PDF (the slow part,
    tested in tests/dokumen)."""
    mulai, selesai = date(TAHUN, 1, 1), date(TAHUN, 12, 31)
    return LembarTerbit.objects.create(
        pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai, diterbitkan_oleh=oleh,
        diterbitkan_pada=timezone.now(), perlu_pengesahan=pegawai.opd.wajib_pengesahan_kepala,
        sidik_kegiatan=lembar.sidik_kegiatan(pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai),
    )


def test_section_only_where_the_opd_asks_for_it(cast, masuk):
    tercatat(cast.sari)
    html = masuk(cast.hasan).get(reverse("dasbor-kepala")).content.decode()
    assert "Lembar menunggu pengesahan" not in html and "Sahkan terpilih" not in html


def test_section_lists_the_waiting_sheets(cast, masuk, dinkes_wajib):
    disetujui(cast.sari, cast.budi, "coaching", 2, 3)
    t = tercatat(cast.sari, oleh=cast.budi.user)
    cast.dpupr.wajib_pengesahan_kepala = True
    cast.dpupr.save()
    tercatat(cast.joko)
    html = masuk(cast.hasan).get(reverse("dasbor-kepala")).content.decode()
    assert "Lembar menunggu pengesahan" in html and 'data-uji="jumlah-pengesahan">1<' in html
    assert cast.sari.nama_lengkap in html and cast.sari.nip in html and "Coaching" in html
    assert f'value="{t.pk}"' in html and reverse("verifikasi:detail", args=[t.kode]) in html
    assert f"oleh {cast.budi.nama_lengkap}" in html
    assert cast.joko.nama_lengkap not in html
    assert "Sahkan terpilih" in html and "csrfmiddlewaretoken" in html


def test_a_sheet_no_longer_valid_cannot_be_ticked(cast, masuk, dinkes_wajib):
    t = tercatat(cast.sari)
    disetujui(cast.sari, cast.budi, "coaching", 2, 3)  # the activities changed after issue
    html = masuk(cast.hasan).get(reverse("dasbor-kepala")).content.decode()
    assert f'value="{t.pk}"' not in html and "tidak berlaku lagi" in html


def test_countersign_several(cast, masuk, dinkes_wajib):
    sari, budi, rina = tercatat(cast.sari), tercatat(cast.budi), tercatat(cast.rina)
    joko = tercatat(cast.joko)
    r = masuk(cast.hasan).post(reverse("dasbor-pengesahan"),
                               {"lembar": [sari.pk, budi.pk, joko.pk, "x"], "kembali": reverse("dasbor-kepala")},
                               follow=True)
    html = r.content.decode()
    assert r.redirect_chain[-1][0] == reverse("dasbor-kepala")
    assert "2 lembar kegiatan telah disahkan." in html
    assert "1 bukan lembar pegawai perangkat daerah Anda" in html
    assert set(LembarTerbit.objects.filter(disahkan_oleh=cast.hasan.user).values_list("pk", flat=True)) == {
        sari.pk, budi.pk}
    assert 'data-uji="jumlah-pengesahan">1<' in html and f'value="{rina.pk}"' in html

    r = masuk(cast.hasan).post(reverse("dasbor-pengesahan"), {"lembar": [sari.pk]}, follow=True)
    assert "Lembar yang dilewati: 1 sudah disahkan sebelumnya." in r.content.decode()
    r = masuk(cast.hasan).post(reverse("dasbor-pengesahan"), {}, follow=True)
    assert "Pilih minimal satu lembar kegiatan" in r.content.decode()


def test_others_cannot_countersign(cast, masuk, dinkes_wajib):
    t = tercatat(cast.sari)
    for orang in (cast.joko, cast.budi, cast.sari, cast.dewi):
        r = masuk(orang).post(reverse("dasbor-pengesahan"), {"lembar": [t.pk]})
        assert r.status_code == 403
    assert LembarTerbit.objects.get(pk=t.pk).disahkan_pada is None


def test_long_queue_is_capped_with_a_link_to_the_full_page(cast, masuk, dinkes_wajib):
    orang = PegawaiFactory.create_batch(PENGESAHAN_DI_DASBOR + 2, unit=cast.rina.unit, jabatan=cast.sari.jabatan)
    for p in orang:
        tercatat(p)
    c = masuk(cast.hasan)
    html = c.get(reverse("dasbor-kepala")).content.decode()
    assert html.count('name="lembar"') == PENGESAHAN_DI_DASBOR
    assert f"Lihat semua {len(orang)} lembar" in html
    html = c.get(reverse("dasbor-pengesahan")).content.decode()
    assert html.count('name="lembar"') == len(orang)


def test_full_page_tells_a_kepala_whose_opd_does_not_ask(cast, masuk):
    html = masuk(cast.hasan).get(reverse("dasbor-pengesahan")).content.decode()
    assert "tidak mewajibkan pengesahan" in html


@pytest.mark.parametrize("nama", ["dasbor-kepala", "dasbor-pengesahan"])
def test_query_count_does_not_grow_with_the_queue(cast, masuk, dinkes_wajib, django_assert_max_num_queries, nama):
    c = masuk(cast.hasan)
    c.get(reverse(nama))  # warm caches (content types, sessions)
    hitung = []
    for n in (2, 8):
        for p in PegawaiFactory.create_batch(n - LembarTerbit.objects.count(), unit=cast.rina.unit,
                                             jabatan=cast.sari.jabatan):
            disetujui(p, cast.rina, "coaching", 3, 1)
            tercatat(p, oleh=cast.budi.user)
        with django_assert_max_num_queries(40) as ctx:
            assert c.get(reverse(nama)).status_code == 200
        hitung.append(len(ctx))
    assert hitung[0] == hitung[1], hitung
