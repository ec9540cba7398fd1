"""The Rekap Pemenuhan 20 JP: scoping, filters, and the three export formats agree with the ledger."""
import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from bangkom.dasbor import laporan
from bangkom.pegawai.models import Pegawai
from jp_conversion.models import RekapTahunan
from tests.dasbor.bantu_dasbor import TAHUN, isi_sari_dan_budi
from tests.factories import PegawaiFactory

URL = "laporan-jp"


@pytest.fixture
def terisi(cast):
    isi_sari_dan_budi(cast)
    return cast


def _get(client, **param):
    return client.get(reverse(URL), {"tahun": TAHUN, **param})


def _isi(resp) -> bytes:
    return b"".join(resp.streaming_content) if resp.streaming else resp.content


def test_only_kepala_and_bpsdm_open_the_report(cast, masuk):
    for siapa in ("sari", "budi", "rina", "joko"):
        assert _get(masuk(getattr(cast, siapa))).status_code == 403, siapa
        assert _get(masuk(getattr(cast, siapa)), format="xlsx").status_code == 403, siapa
    assert _get(masuk(cast.hasan)).status_code == 200
    assert _get(masuk(cast.dewi)).status_code == 200


def test_kepala_sees_own_opd_only_even_when_asking_for_another(terisi, masuk):
    c = masuk(terisi.hasan)
    r = _get(c)
    assert {b.opd_id for b in r.context["halaman"]} == {terisi.dinkes.pk}
    r = _get(c, opd=terisi.dpupr.pk)
    assert "OPD tidak tersedia untuk Anda" in r.content.decode()
    assert {b.opd_id for b in r.context["halaman"]} == {terisi.dinkes.pk}
    rows = list(csv.reader(io.StringIO(_isi(_get(c, opd=terisi.dpupr.pk, format="csv")).decode("utf-8-sig"))))
    assert terisi.joko.nip not in {row[0] for row in rows}


def test_filters_and_totals(terisi, masuk):
    c = masuk(terisi.dewi)
    r = _get(c, status="belum", opd=terisi.dinkes.pk)
    assert {b.pk for b in r.context["halaman"]} == {terisi.sari.pk, terisi.rina.pk, terisi.hasan.pk}
    assert r.context["ringkas"].jumlah == 3 and r.context["ringkas"].jp_total == Decimal("16")
    r = _get(c, q="Budi")
    assert [b.pk for b in r.context["halaman"]] == [terisi.budi.pk]
    assert r.context["per_opd"][0].tercapai == 1
    r = _get(c, unit=terisi.budi.unit_id, urut="-total")
    assert [b.pk for b in r.context["halaman"]] == [terisi.budi.pk, terisi.sari.pk]
    r = _get(c, unit=terisi.budi.unit_id, opd=terisi.dpupr.pk)
    assert "bukan bagian dari OPD" in r.content.decode()


def test_pagination_keeps_the_filters(cast, masuk):
    PegawaiFactory.create_batch(51, unit=cast.sari.unit, opd=cast.dinkes, jabatan=cast.sari.jabatan)
    r = _get(masuk(cast.dewi), status="belum")
    assert r.context["halaman"].paginator.num_pages == 2
    assert f"tahun={TAHUN}&amp;status=belum&amp;page=2" in r.content.decode()


def test_excel_has_the_header_and_numbers_from_the_ledger(terisi, masuk):
    r = _get(masuk(terisi.hasan), format="xlsx")
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    wb = load_workbook(io.BytesIO(_isi(r)))
    ws = wb["Rekap 20 JP"]
    rows = list(ws.iter_rows(values_only=True))
    header_idx = next(i for i, row in enumerate(rows) if row and row[0] == "NIP")
    header = list(rows[header_idx])
    for kolom in ["NIP", "Nama", "Jabatan", "OPD", "Coaching", "Mentoring", "Belajar Mandiri", "Lainnya",
                  "Total JP", "Target", "Status"]:
        assert kolom in header
    assert rows[0][0] == f"Rekap Pemenuhan 20 JP Tahun {TAHUN}"
    assert ws.freeze_panes == f"A{header_idx + 2}"
    assert ws.auto_filter.ref.startswith(f"A{header_idx + 1}:")
    data = {row[0]: dict(zip(header, row, strict=False)) for row in rows[header_idx + 1:]}
    assert set(data) == set(Pegawai.objects.filter(opd=terisi.dinkes).values_list("nip", flat=True))
    sari = data[terisi.sari.nip]
    assert isinstance(sari["Total JP"], int | float) and sari["Total JP"] == 16
    assert sari["Belajar Mandiri"] == 6 and sari["Target"] == 20 and sari["Status"] == "Belum tercapai"
    assert data[terisi.budi.nip]["Status"] == "Tercapai"
    opd = list(wb["Per OPD"].iter_rows(values_only=True))
    dinkes = next(row for row in opd if row[0] == terisi.dinkes.nama)
    assert dinkes[1:4] == (4, 1, 3) and float(dinkes[5]) == 9.5


def test_pdf_has_the_header_and_numbers(terisi, masuk):
    r = _get(masuk(terisi.dewi), format="pdf", opd=terisi.dinkes.pk)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(_isi(r)))
    teks = "\n".join(p.extract_text() for p in reader.pages)
    for kolom in ["NIP", "Nama", "Jabatan", "Coaching", "Mentoring", "Belajar Mandiri", "Total JP", "Status"]:
        assert kolom in teks
    assert terisi.sari.nip in teks and "Belum tercapai" in teks and "Halaman 1 dari" in teks
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    # issue 19: the OPD's report is signed by its kepala, numbers are Indonesian, the name says what it holds
    assert f"Kepala {terisi.dinkes.nama}" in teks and terisi.hasan.nama in teks
    assert not re.search(r"\b\d+\.\d{2}\b", teks.replace(terisi.sari.nip, "")), "desimal Inggris di PDF"
    assert "rekap-20jp-" in r["Content-Disposition"] and "-dinkes" in r["Content-Disposition"]


def test_province_pdf_is_signed_by_bpsdm(terisi, masuk):
    r = _get(masuk(terisi.dewi), format="pdf")
    teks = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(_isi(r))).pages)
    assert f"Kepala {terisi.bpsdm_opd.nama}" in teks and f"Kepala {terisi.dinkes.nama}" not in teks
    assert "-provinsi" in r["Content-Disposition"]


def test_csv_matches_the_ledger(terisi, masuk):
    teks = _isi(_get(masuk(terisi.dewi), format="csv")).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(teks)))
    totals = {row["NIP"]: Decimal(row["Total JP"]) for row in rows}
    rekap = dict(RekapTahunan.objects.filter(tahun=TAHUN).values_list("pegawai__nip", "total"))
    assert len(rows) == Pegawai.objects.count()
    for nip, total in totals.items():
        assert total == rekap.get(nip, Decimal("0")), nip


def test_command_writes_each_format(terisi, tmp_path):
    for fmt in ("xlsx", "csv", "pdf"):
        out = tmp_path / f"rekap.{fmt}"
        call_command("laporan_jp", tahun=TAHUN, opd="dinkes", format=fmt, output=str(out), stdout=io.StringIO())
        assert out.stat().st_size > 0
    rows = list(csv.reader(io.StringIO((tmp_path / "rekap.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][:4] == ["NIP", "Nama", "Jabatan", "OPD"] and len(rows) == 5
    wb = load_workbook(tmp_path / "rekap.xlsx")
    assert wb["Rekap 20 JP"].max_row == 6 + 4
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("laporan_jp", tahun=TAHUN, opd="XXX", format="csv", output=str(tmp_path / "x.csv"))


def test_xlsx_streams_rows_in_chunks(cast, monkeypatch):
    # rows are read in chunks (iterator) and written by openpyxl's write-only mode; with a tiny chunk
    # size every row still comes out exactly once
    monkeypatch.setattr(laporan, "UKURAN_POTONGAN", 3)
    PegawaiFactory.create_batch(20, unit=cast.sari.unit, opd=cast.dinkes, jabatan=cast.sari.jabatan)
    buf = io.BytesIO()
    n = laporan.laporan_jp_xlsx(buf, tahun=TAHUN, pegawai_qs=Pegawai.objects.all())
    assert n == Pegawai.objects.count()
    nip = [row[0] for row in load_workbook(buf, read_only=True)["Rekap 20 JP"].iter_rows(min_row=7, values_only=True)]
    assert sorted(nip) == sorted(Pegawai.objects.values_list("nip", flat=True))


@pytest.mark.parametrize("n", [5, 50])
def test_report_query_count_is_constant(cast, masuk, django_assert_max_num_queries, n):
    PegawaiFactory.create_batch(n, unit=cast.sari.unit, opd=cast.dinkes, jabatan=cast.sari.jabatan)
    c = masuk(cast.dewi)
    _get(c)
    with django_assert_max_num_queries(18):
        assert _get(c, status="belum").status_code == 200
    with django_assert_max_num_queries(16):
        assert _get(c, format="xlsx").status_code == 200
