"""The API's promises: 401 without a key, 403 outside its scopes, the OPD restriction, idempotent
submissions that land as 'diajukan' for the supervisor, per-client rate limit, audit of every call,
and a valid OpenAPI schema."""
from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal

import pytest
import yaml
from django.test import Client
from django.utils import timezone

from bangkom.api.models import CatatanPanggilan, KirimanAPI, KlienAPI
from bangkom.api.services import klien_cabut
from jp_conversion.eksternal import kegiatan_eksternal_verifikasi
from jp_conversion.models import KegiatanEksternal, StatusKegiatan
from jp_conversion.services import kegiatan_catat, kegiatan_paraf

pytestmark = pytest.mark.django_db

KIRIMAN = {
    "kunci_idempotensi": "lms-2026-0001", "jenis": "e_learning", "materi": "Literasi Digital ASN",
    "tanggal": None, "jp": "2", "penyelenggara": "LMS ASN Nasional", "nomor_sertifikat": "SERT-001",
    "url_bukti": "https://lms.example.go.id/sertifikat/001",
}


def _kiriman(cast, **ubah):
    return {**KIRIMAN, "nip": cast.sari.nip, "tanggal": str(timezone.localdate() - dt.timedelta(days=3)), **ubah}


def test_tanpa_kunci_401_dan_kunci_salah_401(cast):
    c = Client()
    for url in ("/api/v1/pegawai/", f"/api/v1/pegawai/{cast.sari.nip}/jp/2026/", "/api/v1/pemenuhan/opd/"):
        r = c.get(url)
        assert r.status_code == 401, url
        assert "Bearer" in r["WWW-Authenticate"]
        assert "Kunci API" in r.json()["detail"]
    assert Client(HTTP_AUTHORIZATION="Bearer bkm_abc_salah").get("/api/v1/pegawai/").status_code == 401
    assert c.post("/api/v1/kegiatan-eksternal/", {}, content_type="application/json").status_code == 401


def test_kunci_dicabut_atau_kedaluwarsa_401(cast, kunci):
    klien, c = kunci()
    assert c.get("/api/v1/pegawai/").status_code == 200
    klien_cabut(klien=klien, oleh=cast.dewi.user)
    assert c.get("/api/v1/pegawai/").status_code == 401
    klien2, c2 = kunci()
    KlienAPI.objects.filter(pk=klien2.pk).update(kedaluwarsa=timezone.localdate() - dt.timedelta(days=1))
    assert c2.get("/api/v1/pegawai/").status_code == 401


def test_kunci_disimpan_sebagai_hash(kunci):
    klien, c = kunci()
    rahasia = c.defaults["HTTP_AUTHORIZATION"].split()[1]
    assert rahasia not in str(KlienAPI.objects.filter(pk=klien.pk).values().get())
    assert klien.sidik != rahasia and len(klien.sidik) == 64


def test_di_luar_cakupan_403(cast, kunci):
    _, c = kunci(cakupan=["baca_pegawai"])
    assert c.get("/api/v1/pegawai/").status_code == 200
    assert c.get("/api/v1/pemenuhan/opd/").status_code == 403
    assert c.post("/api/v1/kegiatan-eksternal/", _kiriman(cast), content_type="application/json").status_code == 403
    _, c = kunci(cakupan=["tulis_kegiatan"])
    assert c.get("/api/v1/pegawai/").status_code == 403
    assert c.get(f"/api/v1/pegawai/{cast.sari.nip}/jp/2026/").status_code == 403


def test_pembatasan_opd_menyaring(cast, kunci):
    _, c = kunci(opd=cast.dpupr)
    nip = {p["nip"] for p in c.get("/api/v1/pegawai/").json()["results"]}
    assert nip == {cast.joko.nip, cast.agus.nip}
    assert c.get(f"/api/v1/pegawai/{cast.sari.nip}/jp/2026/").status_code == 404
    assert c.get(f"/api/v1/pegawai/{cast.joko.nip}/jp/2026/").status_code == 200
    opd = c.get("/api/v1/pemenuhan/opd/").json()["opd"]
    assert [o["opd_id"] for o in opd] == [cast.dpupr.pk]
    assert c.get(f"/api/v1/pemenuhan/opd/?opd={cast.dinkes.pk}").status_code == 404
    r = c.post("/api/v1/kegiatan-eksternal/", _kiriman(cast), content_type="application/json")
    assert r.status_code == 400 and "nip" in r.json()
    assert not KegiatanEksternal.objects.exists()


def test_daftar_pegawai_saring_dan_halaman(cast, kunci):
    _, c = kunci()
    data = c.get(f"/api/v1/pegawai/?opd={cast.dinkes.pk}&unit={cast.sari.unit_id}").json()
    assert {p["nip"] for p in data["results"]} == {cast.sari.nip, cast.budi.nip}
    assert data["count"] == 2
    sari = next(p for p in data["results"] if p["nip"] == cast.sari.nip)
    assert sari["atasan_nip"] == cast.budi.nip and sari["opd"]["kode"] == "DINKES"
    sejak = timezone.now()
    cast.joko.pangkat = "Penata"
    cast.joko.save()
    data = c.get("/api/v1/pegawai/", {"diubah_sejak": sejak.isoformat()}).json()
    assert [p["nip"] for p in data["results"]] == [cast.joko.nip]
    assert c.get("/api/v1/pegawai/?ukuran=1").json()["next"]
    assert c.get("/api/v1/pegawai/?diubah_sejak=kemarin").status_code == 400


def test_jp_pegawai_setiap_kredit_dengan_alasan(cast, kunci):
    hari = timezone.localdate() - dt.timedelta(days=2)
    kegiatan_catat(pegawai=cast.sari, jenis="belajar_mandiri", tanggal=hari, materi="Modul ABK",
                   pembimbing=cast.budi, jp_belajar=Decimal("2"))
    _, c = kunci(cakupan=["baca_jp"])
    data = c.get(f"/api/v1/pegawai/{cast.sari.nip}/jp/{hari.year}/").json()
    assert data["nip"] == cast.sari.nip and data["tahun"] == hari.year
    assert Decimal(str(data["target"])) == Decimal("20")
    (k,) = data["kegiatan"]
    assert k["materi"] == "Modul ABK" and k["status"] == "diajukan" and "alasan" in k


def test_pemenuhan_per_opd_dan_pegawai(cast, kunci):
    _, c = kunci(cakupan=["baca_jp"])
    data = c.get("/api/v1/pemenuhan/opd/?tahun=2026").json()
    assert data["tahun"] == 2026
    assert {o["opd_id"] for o in data["opd"]} == {cast.dinkes.pk, cast.dpupr.pk, cast.bpsdm_opd.pk}
    assert data["ringkasan"]["jumlah_pegawai"] == 7
    baris = c.get(f"/api/v1/pemenuhan/pegawai/?tahun=2026&opd={cast.dpupr.pk}&status=belum").json()["results"]
    assert {b["nip"] for b in baris} == {cast.joko.nip, cast.agus.nip}
    assert all(b["tercapai"] is False for b in baris)
    assert c.get("/api/v1/pemenuhan/opd/?tahun=1800").status_code == 400


def test_kiriman_masuk_diajukan_dan_diverifikasi_atasan(cast, kunci):
    klien, c = kunci(cakupan=["tulis_kegiatan"])
    r = c.post("/api/v1/kegiatan-eksternal/", _kiriman(cast), content_type="application/json")
    assert r.status_code == 201, r.content
    data = r.json()
    assert data["status"] == "diajukan" and data["nip"] == cast.sari.nip
    eksternal = KegiatanEksternal.objects.get()
    assert eksternal.kegiatan.pembimbing == cast.budi
    assert eksternal.nomor_sertifikat == "SERT-001"
    assert "https://lms.example.go.id/sertifikat/001" in eksternal.kegiatan.keterangan
    assert eksternal.sertifikat.read().startswith(b"Bukti kegiatan")
    kegiatan = kegiatan_eksternal_verifikasi(eksternal=eksternal, oleh=cast.budi, setuju=True)
    assert kegiatan.status == StatusKegiatan.DISETUJUI and kegiatan.jp > 0


def test_kiriman_idempoten(cast, kunci):
    _, c = kunci(cakupan=["tulis_kegiatan"])
    pertama = c.post("/api/v1/kegiatan-eksternal/", _kiriman(cast), content_type="application/json")
    kedua = c.post("/api/v1/kegiatan-eksternal/", _kiriman(cast), content_type="application/json")
    assert (pertama.status_code, kedua.status_code) == (201, 200)
    assert pertama.json()["id"] == kedua.json()["id"]
    assert KegiatanEksternal.objects.count() == 1 and KirimanAPI.objects.count() == 1
    lain = c.post("/api/v1/kegiatan-eksternal/", _kiriman(cast, materi="Kursus lain"), content_type="application/json")
    assert lain.status_code == 409
    # The key is per client: another client may use the same key for its own submission.
    _, c2 = kunci(cakupan=["tulis_kegiatan"])
    r = c2.post("/api/v1/kegiatan-eksternal/", _kiriman(cast, materi="Kursus ketiga"), content_type="application/json")
    assert r.status_code == 201, r.content
    # The same activity from another client is the ledger's duplicate, refused with its message.
    _, c3 = kunci(cakupan=["tulis_kegiatan"])
    r = c3.post("/api/v1/kegiatan-eksternal/", _kiriman(cast), content_type="application/json")
    assert r.status_code == 400, r.content
    assert KegiatanEksternal.objects.count() == 2


def test_kiriman_ditolak_dengan_pesan_per_kolom(cast, kunci):
    _, c = kunci(cakupan=["tulis_kegiatan"])
    kirim = lambda **u: c.post("/api/v1/kegiatan-eksternal/", _kiriman(cast, **u), content_type="application/json")  # noqa: E731
    assert "url_bukti" in kirim(url_bukti="").json()
    assert "nip" in kirim(nip="123").json()
    assert "tanggal_selesai" in kirim(tanggal_selesai="2000-01-01").json()
    assert "berkas_bukti" in kirim(url_bukti="", berkas_bukti="!!bukan-base64").json()
    palsu = base64.b64encode(b"MZ bukan pdf").decode()
    assert "berkas_bukti" in kirim(url_bukti="", berkas_bukti=palsu, kunci_idempotensi="x2").json()
    assert not KegiatanEksternal.objects.exists()


def test_kiriman_dengan_berkas_pdf(cast, kunci):
    _, c = kunci(cakupan=["tulis_kegiatan"])
    pdf = base64.b64encode(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").decode()
    r = c.post("/api/v1/kegiatan-eksternal/", _kiriman(cast, url_bukti="", berkas_bukti=pdf),
               content_type="application/json")
    assert r.status_code == 201, r.content
    assert KegiatanEksternal.objects.get().sertifikat.name.endswith(".pdf")


def test_batas_per_klien(cast, kunci, settings):
    settings.API_BATAS_PER_MENIT = 3
    _, c = kunci()
    _, lain = kunci()
    assert [c.get("/api/v1/pegawai/").status_code for _ in range(4)] == [200, 200, 200, 429]
    r = c.get("/api/v1/pegawai/")
    assert r.status_code == 429 and r["Retry-After"] == "60" and "Terlalu banyak" in r.json()["detail"]
    assert lain.get("/api/v1/pegawai/").status_code == 200  # counted per client


def test_setiap_panggilan_dicatat(cast, kunci):
    klien, c = kunci(cakupan=["baca_pegawai"])
    c.get("/api/v1/pegawai/")
    c.get("/api/v1/pemenuhan/opd/")
    Client().get("/api/v1/pegawai/")
    catatan = list(CatatanPanggilan.objects.order_by("pk").values_list("klien_id", "endpoint", "status"))
    assert catatan == [(klien.pk, "api:pegawai", 200), (klien.pk, "api:pemenuhan-opd", 403), (None, "api:pegawai", 401)]


def test_skema_openapi_tanpa_kunci_dan_sah(cast):
    from drf_spectacular.validation import validate_schema

    r = Client().get("/api/v1/schema/")
    assert r.status_code == 200
    skema = yaml.safe_load(r.content)
    validate_schema(skema)
    assert skema["openapi"].startswith("3.")
    assert "/api/v1/kegiatan-eksternal/" in skema["paths"]
    assert "kunciAPI" in skema["components"]["securitySchemes"]


def test_dokumentasi_tanpa_skrip_luar(cast):
    r = Client().get("/api/v1/docs/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "drf_spectacular_sidecar" in html and "https://cdn" not in html
    assert "script-src 'self'" in r["Content-Security-Policy"]
    assert Client().get("/api/v1/docs/?script=").status_code == 200


def test_skema_tanpa_peringatan():
    """drf-spectacular generates the contract without a warning (every shape resolved, unique ids)."""
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_pemenuhan_per_opd_dari_ringkasan_sama_dengan_hitungan_langsung(cast, kunci):
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bangkom.pegawai.models import Pegawai
    from jp_conversion import selectors as sel

    hari = dt.date(2026, 3, 2)
    k = kegiatan_catat(pegawai=cast.sari, jenis="belajar_mandiri", tanggal=hari, materi="Modul ABK",
                       pembimbing=cast.budi, jp_belajar=Decimal("2"))
    kegiatan_paraf(kegiatan=k, oleh=cast.budi, setuju=True)
    call_command("ringkasan_provinsi", stdout=None)
    _, c = kunci(cakupan=["baca_jp"])
    for query, saring in [("", {}), (f"&opd={cast.dinkes.pk}", {"opd": cast.dinkes}),
                          ("&status=belum", {"status": "belum"})]:
        data = c.get(f"/api/v1/pemenuhan/opd/?tahun=2026{query}").json()
        per_opd, ringkas, _ = sel.pemenuhan_rekap(sel.pemenuhan_daftar(Pegawai.objects.all(), tahun=2026, **saring))
        assert [(o["opd_id"], o["jumlah_pegawai"]) for o in data["opd"]] == [(a.kunci, a.jumlah) for a in per_opd]
        assert Decimal(str(data["ringkasan"]["jp_total"])) == ringkas.jp_total == Decimal("2")
    # whole OPDs are read from the summary: no GROUP BY over the employees
    with CaptureQueriesContext(connection) as q:
        r = c.get("/api/v1/pemenuhan/opd/?tahun=2026")
    assert r.status_code == 200, r.content
    assert not any(x["sql"].startswith('SELECT "pegawai_pegawai"."opd_id" AS "opd_id"') and "GROUP BY" in x["sql"]
                   for x in q.captured_queries)
