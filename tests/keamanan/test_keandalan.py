"""Reliability under faults: double submits, database outage, pending migrations,
broker down."""
import io
import socket
import time
from unittest import mock

import pytest
from celery import Celery
from django.db import OperationalError, connection
from openpyxl import Workbook

from bangkom.lib.tugas import jalankan_tugas
from bangkom.pegawai import impor
from bangkom.pegawai.models import Pegawai, RiwayatImpor
from jp_conversion.models import Kegiatan, RekapTahunan
from tests.keamanan.peta_url import klien

NIP_BARU = "199001012015031001"


def _xlsx_satu_pegawai():
    wb = Workbook()
    ws = wb.active
    ws.append([j for _, j in impor.KOLOM])
    ws.append([NIP_BARU, "Andi Baru", "", "S.Kom.", "PNS", "III/a", "Penata Muda", "ANALIS", "DINKES", "S1", "", ""])
    buf = io.BytesIO()
    wb.save(buf)
    berkas = io.BytesIO(buf.getvalue())
    berkas.name = "pegawai.xlsx"
    return berkas


def _pratinjau(c):
    resp = c.post("/pegawai/impor/", {"berkas": _xlsx_satu_pegawai()})
    assert resp.status_code == 200 and resp.context["token"]
    return resp.context["token"]


def test_resubmitting_the_import_commit_imports_once(dunia):
    c = klien(dunia, "dewi")
    token = _pratinjau(c)
    pertama = c.post("/pegawai/impor/", {"token": token, "nama_berkas": "pegawai.xlsx"}, follow=True)
    kedua = c.post("/pegawai/impor/", {"token": token, "nama_berkas": "pegawai.xlsx"}, follow=True)
    assert "Impor selesai: 1 pegawai baru" in pertama.content.decode()
    assert "sudah diimpor" in kedua.content.decode()
    assert Pegawai.objects.filter(nip=NIP_BARU).count() == 1
    assert RiwayatImpor.objects.count() == 1


def test_an_import_that_fails_midway_writes_nothing(dunia):
    c = klien(dunia, "dewi")
    token = _pratinjau(c)
    c.raise_request_exception = False
    with mock.patch.object(RiwayatImpor.objects, "create", side_effect=RuntimeError("disk penuh")):
        resp = c.post("/pegawai/impor/", {"token": token, "nama_berkas": "pegawai.xlsx"})
    assert resp.status_code == 500
    assert not Pegawai.objects.filter(nip=NIP_BARU).exists()
    assert not RiwayatImpor.objects.exists()


def test_a_paraf_given_twice_is_one_paraf(dunia):
    from bangkom.sesi.services import sesi_konfirmasi

    sesi_konfirmasi(sesi=dunia.sesi, oleh=dunia.sari, setuju=True)  # two-party: Sari stands behind it too
    c = klien(dunia, "rina")
    for _ in range(2):
        assert c.post(f"/sesi/{dunia.sesi.pk}/paraf/", {"aksi": "setujui"}).status_code == 302
    k = Kegiatan.objects.get(pk=dunia.kegiatan_sesi.pk)
    assert k.status == "disetujui" and k.dihitung
    perubahan_status = [h for h in k.history.order_by("history_id") if h.status == "disetujui"]
    assert len(perubahan_status) == 1, "the second paraf must not write a second approval"
    assert RekapTahunan.objects.get(pegawai=dunia.sari, tahun=k.tahun).jp_mentoring == k.jp


def test_database_outage_answers_a_clear_503(cast, masuk):
    c = masuk(cast.sari)
    c.raise_request_exception = False
    with (
        mock.patch("bangkom.dasbor.views.peran", side_effect=OperationalError("could not connect to server")),
        mock.patch("bangkom.pegawai.middleware._koneksi_putus", return_value=True),
    ):
        resp = c.get("/")
    assert resp.status_code == 503
    html = resp.content.decode()
    assert "Layanan sedang tidak tersedia" in html and "could not connect" not in html


def test_the_connection_check_sees_an_unreachable_database(db):
    from bangkom.pegawai.middleware import _koneksi_putus

    assert not _koneksi_putus(OperationalError("x"))
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("down")):
        assert _koneksi_putus(OperationalError("x"))


def test_a_database_error_while_the_database_is_up_is_a_500_not_an_outage(cast, masuk):
    c = masuk(cast.sari)
    c.raise_request_exception = False
    with mock.patch("bangkom.dasbor.views.peran", side_effect=OperationalError("deadlock detected")):
        resp = c.get("/")
    assert resp.status_code == 500


def test_readyz_reports_an_unreachable_database(db, client):
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("down")):
        resp = client.get("/readyz")
    assert resp.status_code == 503 and resp.json()["status"] == "basis data tidak dapat dihubungi"


def test_readyz_reports_pending_migrations(db, client):
    with mock.patch(
        "django.db.migrations.executor.MigrationExecutor.migration_plan", return_value=[("migrasi", False)]
    ):
        resp = client.get("/readyz")
    assert resp.status_code == 503 and resp.json() == {"status": "migrasi belum diterapkan", "jumlah": 1}
    assert client.get("/readyz").json() == {"status": "siap"}


def _app(broker):
    app = Celery("uji-keandalan", broker=broker, set_as_current=False)
    app.conf.update(task_always_eager=False)

    @app.task(name="uji.tambah")
    def tambah(a, b):
        return a + b

    return app, tambah


def test_broker_down_runs_the_task_in_process_quickly():
    app, tambah = _app("redis://127.0.0.1:1/0")
    awal = time.monotonic()
    hasil = jalankan_tugas(tambah, 2, b=3)
    assert time.monotonic() - awal < 3
    assert hasil.lokal and hasil.hasil.get() == 5


def test_without_a_broker_tasks_run_in_process():
    app = Celery("uji-eager", set_as_current=False)
    app.conf.update(task_always_eager=True)

    @app.task(name="uji.kali")
    def kali(a, b):
        return a * b

    hasil = jalankan_tugas(kali, 4, 5)
    assert hasil.lokal and hasil.hasil.get() == 20


def _redis_hidup() -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", 6379)) == 0


@pytest.mark.skipif(not _redis_hidup(), reason="no Redis on 127.0.0.1:6379")
def test_with_a_broker_the_task_is_queued():
    app, tambah = _app("redis://127.0.0.1:6379/14")
    hasil = jalankan_tugas(tambah, 1, 1)
    try:
        assert not hasil.lokal and hasil.id
    finally:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge("celery")
