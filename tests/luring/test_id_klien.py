"""Issue 22: entries kept offline carry a client id, so a replay is recorded once; the service
worker and the web manifest are served from the site root."""
import json
import uuid
from datetime import time, timedelta

from django.urls import reverse

from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.models import Konfirmasi, Sesi
from belajar_mandiri.models import LogBelajar
from coaching.services import coaching_sesi_catat


def _data_sesi(tanggal, id_klien, jam="09:00", materi="Menyusun kerangka laporan"):
    return {
        "tanggal": f"{tanggal:%Y-%m-%d}", "mulai": jam, "selesai": jam[:2] + ":45", "materi": materi,
        "mode": "tatap_muka", "lingkup": "nasional", "aksi": "simpan", "id_klien": str(id_klien),
    }


def test_the_same_session_sent_twice_is_recorded_once(cast, masuk, kesepakatan):
    c = masuk(cast.budi)
    url = reverse("coaching:sesi-baru", args=[kesepakatan.pk])
    data = _data_sesi(kesepakatan.mulai + timedelta(days=1), uuid.uuid4())
    pertama = c.post(url, data)
    kedua = c.post(url, data, follow=True)
    assert pertama.status_code == 302 and kedua.redirect_chain[0][0] == pertama["Location"]
    assert "tercatat dan menunggu paraf Anda" in kedua.content.decode()
    sesi = Sesi.objects.get()
    assert str(sesi.id_klien) == data["id_klien"]
    assert sesi.peserta.get().konfirmasi == Konfirmasi.MENUNGGU


def test_without_a_client_id_the_duplicate_guard_still_refuses(cast, masuk, kesepakatan):
    c = masuk(cast.budi)
    url = reverse("coaching:sesi-baru", args=[kesepakatan.pk])
    data = _data_sesi(kesepakatan.mulai + timedelta(days=1), "") | {"id_klien": ""}
    assert c.post(url, data).status_code == 302
    assert c.post(url, data).status_code == 200
    assert Sesi.objects.count() == 1


def test_a_client_id_is_unique_per_author_only(cast, kesepakatan, catat_sesi):
    """Budi's and Sari's phones may happen to give the same id: two independent sessions."""
    sama = uuid.uuid4()
    hari = kesepakatan.mulai + timedelta(days=2)
    a = catat_sesi(kesepakatan, jam=8, tanggal=hari, id_klien=sama)
    b = coaching_sesi_catat(
        kesepakatan=kesepakatan, oleh=cast.sari, id_klien=sama,
        isi=IsiSesi(tanggal=hari, mulai=time(10), selesai=time(10, 45), materi="Sesi dicatat Sari"),
    )
    assert a.pk != b.pk and Sesi.objects.count() == 2
    assert catat_sesi(kesepakatan, jam=8, tanggal=hari, id_klien=sama).pk == a.pk  # a replay
    assert Sesi.objects.count() == 2


def test_a_replayed_session_is_answered_even_if_the_guards_would_now_refuse(cast, kesepakatan, catat_sesi):
    id_klien = uuid.uuid4()
    hari = kesepakatan.mulai + timedelta(days=3)
    a = catat_sesi(kesepakatan, jam=8, tanggal=hari, id_klien=id_klien)
    assert catat_sesi(kesepakatan, jam=8, tanggal=hari, id_klien=id_klien).pk == a.pk  # same slot: no "duplicate"


def test_an_offline_session_the_server_refuses_comes_back_with_the_reason(cast, masuk, kesepakatan, catat_sesi):
    hari = kesepakatan.mulai + timedelta(days=1)
    catat_sesi(kesepakatan, jam=9, tanggal=hari)
    r = masuk(cast.budi).post(
        reverse("coaching:sesi-baru", args=[kesepakatan.pk]), _data_sesi(hari, uuid.uuid4(), materi="Lagi")
    )
    assert r.status_code == 200 and "invalid-feedback" in r.content.decode()
    assert Sesi.objects.count() == 1


def test_the_same_log_sent_twice_is_recorded_once(cast, masuk, penugasan, hari_ini):
    c = masuk(cast.sari)
    url = reverse("belajar_mandiri:log_catat", args=[penugasan.pk])
    data = {"tanggal": f"{hari_ini:%Y-%m-%d}", "jp_belajar": "1", "materi": "Bab 1", "aksi": "simpan",
            "id_klien": str(uuid.uuid4())}
    assert c.post(url, data).status_code == 302
    r = c.post(url, data, follow=True)
    assert "sudah tercatat" in r.content.decode()
    assert LogBelajar.objects.count() == 1
    assert str(LogBelajar.objects.get().id_klien) == data["id_klien"]


def test_the_log_service_is_idempotent_per_assignment(cast, penugasan, buat_penugasan, hari_ini):
    from decimal import Decimal

    from belajar_mandiri.services import log_catat

    sama = uuid.uuid4()
    kolom = {"tanggal": hari_ini, "jp_belajar": Decimal("1"), "materi": "Bab 1", "id_klien": sama}
    a = log_catat(penugasan=penugasan, **kolom)
    assert log_catat(penugasan=penugasan, **kolom).pk == a.pk
    lain = buat_penugasan(pegawai=cast.joko, atasan=cast.agus, topik="Lain")
    assert log_catat(penugasan=lain, **kolom).pk != a.pk
    assert LogBelajar.objects.count() == 2


def test_a_bad_client_id_is_a_form_error_not_a_crash(cast, masuk, penugasan, hari_ini):
    r = masuk(cast.sari).post(reverse("belajar_mandiri:log_catat", args=[penugasan.pk]), {
        "tanggal": f"{hari_ini:%Y-%m-%d}", "jp_belajar": "1", "materi": "Bab 1", "aksi": "simpan",
        "id_klien": "x' OR 1",
    })
    assert r.status_code == 200 and not LogBelajar.objects.exists()


def test_the_service_worker_is_served_from_the_root_without_signing_in(client):
    r = client.get("/sw.js")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/javascript")
    assert r["Service-Worker-Allowed"] == "/" and r["Cache-Control"] == "no-cache"
    isi = r.content.decode()
    assert "/static/css/bangkom.css" in isi and "/static/js/luring.js" in isi and "{{" not in isi
    assert "Content-Security-Policy" in r


def test_the_manifest_names_the_app_and_its_icons(client):
    r = client.get("/manifest.webmanifest")
    assert r.status_code == 200 and r["Content-Type"] == "application/manifest+json"
    m = json.loads(r.content)
    assert (m["short_name"], m["start_url"], m["display"]) == ("Bangkom", "/", "standalone")
    for ikon in m["icons"]:
        assert client.get(ikon["src"]).status_code == 200 or ikon["src"].startswith("/static/ikon/")


def test_pages_link_the_manifest_and_the_offline_script(cast, masuk):
    isi = masuk(cast.sari).get("/").content.decode()
    assert 'rel="manifest"' in isi and "js/luring.js" in isi and f'data-pengguna="{cast.sari.user.pk}"' in isi


def test_signing_out_tells_the_browser_to_clear_the_site(cast, masuk):
    r = masuk(cast.sari).post(reverse("keluar"))
    assert r.status_code == 302
    assert r["Clear-Site-Data"] == '"cache", "storage"'
