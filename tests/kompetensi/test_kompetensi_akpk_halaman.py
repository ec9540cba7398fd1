"""The AKPK page (issue 20): the kepala (own OPD) and BPSDM (any OPD, chosen in the filter) read the
yearly needs analysis on a page, and download the Excel and PDF the command writes (the same builder)."""
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bangkom.kompetensi import akpk
from tests.factories import PegawaiFactory
from tests.kompetensi.test_kompetensi_akpk import TAHUN, direncanakan  # noqa: F401
from tests.kompetensi.test_kompetensi_layanan import kamus, nilai, standar  # noqa: F401


def test_the_kepala_sees_the_analysis_of_their_opd(direncanakan, masuk):  # noqa: F811
    cast = direncanakan
    r = masuk(cast.hasan).get(reverse("kompetensi:akpk"), {"tahun": TAHUN})
    assert r.status_code == 200 and r.context["opd"] == cast.dinkes
    teks = r.content.decode()
    assert "Komunikasi" in teks and "Mentoring (1)" in teks
    assert r.context["a"].jumlah.jp_tercapai == akpk.analisis(opd=cast.dinkes, tahun=TAHUN).jumlah.jp_tercapai
    # Another OPD is not theirs to choose.
    assert masuk(cast.hasan).get(reverse("kompetensi:akpk"), {"opd": cast.dpupr.pk}).status_code == 404
    assert masuk(cast.sari).get(reverse("kompetensi:akpk")).status_code == 403


def test_bpsdm_chooses_the_opd_in_the_filter(direncanakan, masuk):  # noqa: F811
    cast = direncanakan
    r = masuk(cast.dewi).get(reverse("kompetensi:akpk"), {"opd": cast.dpupr.pk, "tahun": TAHUN})
    assert r.context["opd"] == cast.dpupr and "Dinas Pekerjaan Umum" in r.content.decode()


def test_the_downloads_are_the_commands_excel_and_pdf(direncanakan, masuk):  # noqa: F811
    c = masuk(direncanakan.hasan)
    r = c.get(reverse("kompetensi:akpk-unduh"), {"tahun": TAHUN, "format": "xlsx"})
    assert r["Content-Disposition"] == f'attachment; filename="akpk-DINKES-{TAHUN}.xlsx"'
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert list(rows[4]) == akpk.KOLOM and rows[-1][1] == "Jumlah"
    r = c.get(reverse("kompetensi:akpk-unduh"), {"tahun": TAHUN, "format": "pdf"})
    assert r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    assert c.get(reverse("kompetensi:akpk-unduh"), {"format": "doc"}).status_code == 404


@pytest.mark.parametrize("tambahan", [0, 6])
def test_the_page_takes_a_fixed_number_of_queries(direncanakan, standar, masuk, tambahan,  # noqa: F811
                                                  django_assert_max_num_queries):
    cast = direncanakan
    for _ in range(tambahan):
        p = PegawaiFactory(unit=cast.sari.unit, jabatan=cast.sari.jabatan, atasan=cast.budi)
        nilai(p, standar["komunikasi"], 1)
    c = masuk(cast.hasan)
    with django_assert_max_num_queries(16):
        r = c.get(reverse("kompetensi:akpk"), {"tahun": TAHUN})
    assert r.context["a"].jumlah_pegawai == 4 + tambahan  # Hasan, Budi, Rina, Sari
