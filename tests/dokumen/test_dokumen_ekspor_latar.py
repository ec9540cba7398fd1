"""The bulk sheet export runs in the background: the request only records the job, the requester is
told when the ZIP is ready (bell, "Menunggu saya") and the notice clears once downloaded; a sheet
superseded after the export no longer verifies as a green BERLAKU."""
import csv
import io
import zipfile

import pytest
from django.urls import reverse

from bangkom.dokumen.models import ProsesEkspor
from bangkom.lib import tugas
from bangkom.notifikasi.models import Notifikasi
from tests.dokumen.test_dokumen_views import dinkes_2025  # noqa: F401 (fixture)


class _UtasTertunda:
    """Stands in for threading.Thread: records the job instead of starting it."""

    antre: list = []

    def __init__(self, *, target, args, name):
        self.target, self.args, self.name = target, args, name

    def start(self):
        self.antre.append(self)


@pytest.fixture
def latar(settings, monkeypatch):
    settings.TUGAS_LOKAL_DI_LATAR = True  # the embedded default (no broker), as in production
    _UtasTertunda.antre = []
    monkeypatch.setattr(tugas.threading, "Thread", _UtasTertunda)
    # the test's own connection holds the test transaction; the real thread closes only its own
    monkeypatch.setattr(tugas, "connections", type("Tanpa", (), {"close_all": staticmethod(lambda: None)}))
    return _UtasTertunda.antre


def _mulai(klien, cast):
    return klien.post(reverse("dokumen:ekspor"), {"opd": cast.dinkes.pk, "jenis": ["coaching", "mentoring"],
                                                   "tahun": 2025})


def test_the_request_only_records_the_job_and_a_thread_builds_the_zip(
    masuk, cast, dinkes_2025, latar, django_capture_on_commit_callbacks,  # noqa: F811
):
    with django_capture_on_commit_callbacks(execute=True) as dijadwalkan:
        resp = _mulai(masuk(cast.dewi), cast)
    proses = ProsesEkspor.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("dokumen:ekspor-detail", args=[proses.pk])
    # the request built nothing: the job waits, a thread was handed it after commit
    assert (proses.status, proses.berkas, proses.total) == ("menunggu", "", 0)
    assert len(dijadwalkan) == 1 and len(latar) == 1 and latar[0].name.startswith("tugas-dokumen.ekspor_lembar")
    assert not Notifikasi.objects.exists()

    latar[0].target(*latar[0].args)  # what the thread does
    proses.refresh_from_db()
    assert (proses.status, proses.total) == ("selesai", 2) and proses.berkas
    assert proses.catatan == ""  # no "broker down" note: nothing was wrong


def test_the_requester_is_told_when_ready_and_the_notice_clears_on_download(masuk, cast, dinkes_2025):  # noqa: F811
    klien = masuk(cast.dewi)
    _mulai(klien, cast)
    proses = ProsesEkspor.objects.get()
    unduh = reverse("dokumen:ekspor-unduh", args=[proses.pk])
    n = Notifikasi.objects.get(penerima=cast.dewi)
    assert (n.judul, n.tautan, n.dibaca) == ("Ekspor lembar siap diunduh: 2 lembar", unduh, False)

    beranda = klien.get(reverse("dasbor-bpsdm")).content.decode()
    assert 'data-uji="menunggu-saya"' in beranda and "Ekspor lembar siap diunduh: 2 lembar" in beranda
    assert f'href="{unduh}"' in beranda  # the download one tap away
    assert 'aria-label="Notifikasi: 1 belum dibaca"' in beranda  # the bell

    resp = klien.get(unduh)
    assert resp.status_code == 200 and zipfile.ZipFile(io.BytesIO(b"".join(resp.streaming_content))).testzip() is None
    n.refresh_from_db()
    proses.refresh_from_db()
    assert n.dibaca and proses.diunduh_pada is not None
    beranda = klien.get(reverse("dasbor-bpsdm")).content.decode()
    assert "siap diunduh" not in beranda and 'aria-label="Notifikasi"' in beranda


def test_someone_else_downloading_does_not_clear_the_requesters_task(masuk, cast, dinkes_2025):  # noqa: F811
    _mulai(masuk(cast.hasan), cast)
    proses = ProsesEkspor.objects.get()
    assert masuk(cast.dewi).get(reverse("dokumen:ekspor-unduh", args=[proses.pk])).status_code == 200
    proses.refresh_from_db()
    assert proses.diunduh_pada is None
    assert Notifikasi.objects.get(penerima=cast.hasan).dibaca is False
    assert not Notifikasi.objects.filter(penerima=cast.dewi).exists()


def test_a_failed_export_is_told_too(masuk, cast, dinkes_2025, monkeypatch):  # noqa: F811
    from bangkom.dokumen import ekspor

    def rusak(**_):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(ekspor, "pasangan_ekspor", rusak)
    _mulai(masuk(cast.dewi), cast)
    proses = ProsesEkspor.objects.get()
    n = Notifikasi.objects.get(penerima=cast.dewi)
    assert proses.status == "gagal" and n.judul.endswith("gagal")
    assert n.tautan == reverse("dokumen:ekspor-detail", args=[proses.pk])


def test_the_requester_is_named_not_a_nip(masuk, cast, dinkes_2025):  # noqa: F811
    klien = masuk(cast.dewi)
    _mulai(klien, cast)
    proses = ProsesEkspor.objects.get()
    detail = klien.get(reverse("dokumen:ekspor-detail", args=[proses.pk])).content.decode()
    assert f"{cast.dewi.nama_lengkap} <span" in detail and f"NIP {cast.dewi.nip}" in detail
    dasbor = klien.get(reverse("dasbor-bpsdm")).content.decode()
    assert f'<td data-label="Oleh">{cast.dewi.nama_lengkap} <span' in dasbor


def test_a_zip_sheet_superseded_later_does_not_verify_as_green(masuk, cast, dinkes_2025):  # noqa: F811
    klien = masuk(cast.dewi)
    _mulai(klien, cast)
    proses = ProsesEkspor.objects.get()
    zf = zipfile.ZipFile(io.BytesIO(b"".join(klien.get(reverse("dokumen:ekspor-unduh", args=[proses.pk]))
                                             .streaming_content)))
    indeks = {r["nip"]: r for r in csv.DictReader(io.StringIO(zf.read("indeks.csv").decode("utf-8-sig")))}
    kode_zip = indeks[cast.sari.nip]["kode_verifikasi"]
    verifikasi = reverse("verifikasi:detail", args=[kode_zip])
    assert "<strong>BERLAKU:</strong>" in klien.get(verifikasi).content.decode()  # current when exported

    baru = masuk(cast.budi).post(reverse("dokumen:lembar", args=[cast.sari.pk, "coaching"]), {"tahun": 2025})
    html = klien.get(verifikasi).content.decode()
    assert "<strong>DIGANTIKAN:</strong>" in html and "<strong>BERLAKU:</strong>" not in html
    assert "alert-success" not in html.split('data-uji="status-lembar"')[0].rsplit("<div", 1)[-1]
    html_baru = klien.get(reverse("verifikasi:detail", args=[baru["X-Kode-Verifikasi"]])).content.decode()
    assert "<strong>BERLAKU:</strong>" in html_baru
