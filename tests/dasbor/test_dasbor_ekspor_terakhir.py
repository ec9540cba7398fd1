"""Dashboard additions of the background-export work: BPSDM's recent exports, the kepala OPD's link
to the bulk sheet export, and JP numbers written the Indonesian way on every dashboard."""
import re

import pytest
from django.urls import reverse

from bangkom.dasbor import ekspor
from bangkom.dasbor import selectors as dsel
from bangkom.dokumen.ekspor import ekspor_mulai
from bangkom.dokumen.models import ProsesEkspor
from tests.dasbor.bantu_dasbor import TAHUN, disetujui, isi_sari_dan_budi


def _get(client, nama, **param):
    return client.get(reverse(nama), {"tahun": TAHUN, **param})


def _ekspor_dua_jenis(cast, n=1):
    """`n` sheet ZIP jobs by Hasan and `n` report jobs by Dewi (not run: their state is enough)."""
    for _ in range(n):
        ekspor_mulai(oleh=cast.hasan.user, opd=cast.dinkes, unit=cast.sari.unit, jenis=["coaching"], tahun=TAHUN)
        ekspor.laporan_mulai(oleh=cast.dewi.user, parameter={"tahun": str(TAHUN), "format": "pdf"})


def test_bpsdm_dashboard_lists_recent_exports_of_both_kinds(cast, masuk):
    _ekspor_dua_jenis(cast)
    lembar, rekap = ProsesEkspor.objects.order_by("pk")
    r = _get(masuk(cast.dewi), "dasbor-bpsdm")
    assert r.context["ekspor_terakhir"] == [rekap, lembar]
    html = r.content.decode()
    bagian = html[html.index('id="judul-ekspor-terakhir"'):]
    for proses in (lembar, rekap):
        assert f'href="{reverse("dokumen:ekspor-detail", args=[proses.pk])}"' in bagian
    assert "Lembar kegiatan: Coaching" in bagian and "Rekap Pemenuhan 20 JP (PDF)" in bagian
    assert cast.hasan.nama in bagian and cast.dewi.nama in bagian  # names, not bare NIPs
    assert "Menunggu" in bagian and "Semua perangkat daerah" in bagian


def test_recent_exports_selector_keeps_the_newest_few(cast):
    _ekspor_dua_jenis(cast, n=4)
    terbaru = dsel.ekspor_terakhir(batas=5)
    assert terbaru == list(ProsesEkspor.objects.order_by("-pk")[:5])


def test_bpsdm_dashboard_query_count_does_not_grow_with_exports(cast, masuk, django_assert_max_num_queries):
    c = masuk(cast.dewi)
    _get(c, "dasbor-bpsdm")  # warm caches (content types, sessions)
    hitung = []
    for n in (1, 3):
        _ekspor_dua_jenis(cast, n=n)
        with django_assert_max_num_queries(30) as ctx:
            assert _get(c, "dasbor-bpsdm").status_code == 200
        hitung.append(len(ctx))
    assert hitung[0] == hitung[1], hitung


def test_kepala_dashboard_links_to_the_sheet_export_of_his_opd(cast, masuk):
    c = masuk(cast.hasan)
    r = _get(c, "dasbor-kepala")
    url = r.context["url_ekspor_lembar"]
    assert url.startswith(reverse("dokumen:ekspor")) and f"opd={cast.dinkes.pk}" in url and f"tahun={TAHUN}" in url
    assert f'href="{url.replace("&", "&amp;")}"' in r.content.decode()
    form = c.get(url).context["form"]
    assert str(form["opd"].value()) == str(cast.dinkes.pk) and str(form["tahun"].value()) == str(TAHUN)


@pytest.mark.parametrize("nama,siapa", [("dasbor-pegawai", "sari"), ("dasbor-atasan", "budi"),
                                        ("dasbor-kepala", "hasan"), ("dasbor-bpsdm", "dewi"),
                                        ("dasbor-mentor", "rina")])
def test_jp_numbers_use_the_decimal_comma(cast, masuk, nama, siapa):
    isi_sari_dan_budi(cast)  # Sari: 16 JP
    disetujui(cast.sari, cast.budi, "belajar_mandiri", 7, 1, jp_belajar="1.5")  # now 17.5
    html = _get(masuk(getattr(cast, siapa)), nama).content.decode()
    teks = re.sub(r"<(svg|script|style)\b.*?</\1>", "", html, flags=re.S)  # chart coordinates are not JP
    assert not re.search(r">\s*\d+\.\d+\s*(JP)?\s*<", teks), re.findall(r">\s*\d+\.\d+\s*(?:JP)?\s*<", teks)
    if nama == "dasbor-pegawai":
        assert 'data-uji="total-jp">17,5<' in html
