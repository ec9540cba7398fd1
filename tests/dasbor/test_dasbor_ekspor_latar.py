"""Large Rekap Pemenuhan 20 JP exports run as background jobs on the shared export job (progress
page, status JSON, download, access), with the selection rebuilt for the requester."""
import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bangkom.dasbor import ekspor, laporan
from bangkom.dokumen.models import ProsesEkspor
from bangkom.pegawai.models import Pegawai
from tests.dasbor.bantu_dasbor import TAHUN, isi_sari_dan_budi


@pytest.fixture
def terisi(cast, monkeypatch):
    """The cast's ledger, with a threshold so small that every report export goes to the background."""
    isi_sari_dan_budi(cast)
    monkeypatch.setattr(ekspor, "BATAS_UNDUH_LANGSUNG", 2)
    return cast


def _ekspor(client, **param):
    """Ask the report page for a file; returns the job it started (after checking the redirect)."""
    r = client.get(reverse("laporan-jp"), {"tahun": TAHUN, **param})
    proses = ProsesEkspor.objects.latest("pk")
    assert r.status_code == 302 and r["Location"] == reverse("dokumen:ekspor-detail", args=[proses.pk])
    return proses


def _unduh(client, proses) -> bytes:
    status = client.get(reverse("dokumen:ekspor-status", args=[proses.pk])).json()
    assert status["status"] == "selesai" and status["persen"] == 100, status
    r = client.get(status["unduh"])
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    return b"".join(r.streaming_content)


def test_small_selection_downloads_directly(cast, masuk):
    isi_sari_dan_budi(cast)
    r = masuk(cast.dewi).get(reverse("laporan-jp"), {"tahun": TAHUN, "format": "csv"})
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    assert not ProsesEkspor.objects.exists()


def test_excel_in_the_background_end_to_end(terisi, masuk):
    c = masuk(terisi.dewi)
    proses = _ekspor(c, format="xlsx", status="belum", page="2", lain="abaikan")  # only filters are kept
    assert proses.jenis_ekspor == ProsesEkspor.JenisEkspor.LAPORAN_JP and proses.opd is None
    assert proses.parameter == {"tahun": str(TAHUN), "format": "xlsx", "status": "belum"}
    assert (proses.status, proses.selesai_n) == ("selesai", proses.total) and proses.total > 2
    html = c.get(reverse("dokumen:ekspor-detail", args=[proses.pk])).content.decode()
    assert "Rekap Pemenuhan 20 JP" in html and "Unduh Excel" in html and "baris" in html

    r = c.get(reverse("dokumen:ekspor-unduh", args=[proses.pk]))
    assert r["Content-Type"] == laporan.FORMAT["xlsx"][1]
    assert f'filename="rekap-20jp-{TAHUN}-provinsi-belum.xlsx"' in r["Content-Disposition"]  # year, scope, filter
    ws = load_workbook(io.BytesIO(b"".join(r.streaming_content)))["Rekap 20 JP"]
    rows = list(ws.iter_rows(values_only=True))
    i = next(n for n, row in enumerate(rows) if row and row[0] == "NIP")
    assert list(rows[i][:4]) == ["NIP", "Nama", "Jabatan", "OPD"]
    data = {row[0]: row for row in rows[i + 1:]}
    assert terisi.budi.nip not in data  # the filter carried into the job
    assert data[terisi.sari.nip][8] == 16 and isinstance(data[terisi.sari.nip][4], int | float)
    assert len(data) == proses.total


def test_csv_in_the_background(terisi, masuk):
    c = masuk(terisi.dewi)
    proses = _ekspor(c, format="csv")
    rows = list(csv.DictReader(io.StringIO(_unduh(c, proses).decode("utf-8-sig"))))
    assert len(rows) == Pegawai.objects.count() == proses.total
    assert Decimal({row["NIP"]: row["Total JP"] for row in rows}[terisi.sari.nip]) == 16


@pytest.mark.parametrize("fmt", sorted(laporan.FORMAT))
def test_writers_report_progress_every_few_rows(terisi, monkeypatch, fmt):
    monkeypatch.setattr(laporan, "LANGKAH_KEMAJUAN", 2)
    dilihat = []
    n = laporan.tulis(fmt, io.BytesIO(), tahun=TAHUN, pegawai_qs=Pegawai.objects.all(), kemajuan=dilihat.append)
    assert n == Pegawai.objects.count() > 4
    assert dilihat == [*range(2, n + 1, 2), n]  # every 2 rows, then once at the end


def test_kepala_job_holds_only_his_opd_even_when_the_parameters_ask_for_more(terisi, masuk):
    c = masuk(terisi.hasan)
    proses = _ekspor(c, format="csv", opd=terisi.dpupr.pk)  # another OPD: not his to pick
    nip = {row[0] for row in list(csv.reader(io.StringIO(_unduh(c, proses).decode("utf-8-sig"))))[1:]}
    assert nip == set(Pegawai.objects.filter(opd=terisi.dinkes).values_list("nip", flat=True))
    assert terisi.joko.nip not in nip


def test_scope_is_rechecked_when_the_job_runs(terisi):
    # a job stored with another OPD's id (e.g. forged) still yields only the requester's own OPD
    proses = ekspor.laporan_mulai(oleh=terisi.hasan.user, parameter={"tahun": str(TAHUN), "format": "csv"})
    ProsesEkspor.objects.filter(pk=proses.pk).update(parameter={"tahun": str(TAHUN), "format": "csv",
                                                                "opd": str(terisi.dpupr.pk)})
    selesai = ekspor.laporan_jalankan(proses_id=proses.pk)
    assert selesai.total == Pegawai.objects.filter(opd=terisi.dinkes).count()


def test_failure_is_reported_on_the_job(terisi, masuk, monkeypatch):
    def rusak(*args, **kwargs):
        raise RuntimeError("disk penuh (uji)")

    monkeypatch.setitem(laporan.FORMAT, "pdf", (rusak, "application/pdf", "b"))
    c = masuk(terisi.dewi)
    proses = _ekspor(c, format="pdf")
    assert proses.status == "gagal" and "disk penuh (uji)" in proses.galat
    status = c.get(reverse("dokumen:ekspor-status", args=[proses.pk])).json()
    assert status["status"] == "gagal" and status["unduh"] == "" and "disk penuh" in status["galat"]
    assert c.get(reverse("dokumen:ekspor-unduh", args=[proses.pk])).status_code == 404


def test_only_the_requester_and_bpsdm_see_the_job(terisi, masuk, client):
    proses = _ekspor(masuk(terisi.hasan), format="csv")
    for nama in ("dokumen:ekspor-detail", "dokumen:ekspor-status", "dokumen:ekspor-unduh"):
        url = reverse(nama, args=[proses.pk])
        for siapa in ("sari", "budi", "joko"):
            assert masuk(getattr(terisi, siapa)).get(url).status_code == 404, (nama, siapa)
        assert masuk(terisi.dewi).get(url).status_code == 200, nama
        assert masuk(terisi.hasan).get(url).status_code == 200, nama


def test_users_without_the_report_cannot_start_a_job(terisi, masuk):
    assert masuk(terisi.sari).get(reverse("laporan-jp"), {"format": "xlsx"}).status_code == 403
    assert not ProsesEkspor.objects.exists()
