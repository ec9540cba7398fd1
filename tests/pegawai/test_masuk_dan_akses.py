import pytest

from tests.conftest import SANDI


@pytest.mark.parametrize("kunci", ["sari", "budi", "hasan", "dewi"])
def test_each_role_signs_in_with_nip_and_lands_home(cast, client, kunci):
    p = getattr(cast, kunci)
    resp = client.post("/masuk/", {"username": p.nip, "password": SANDI}, follow=True)
    assert resp.redirect_chain[-1][0] == "/"
    assert p.nama in resp.content.decode()


def test_wrong_password_says_so_in_indonesian(cast, client):
    resp = client.post("/masuk/", {"username": cast.sari.nip, "password": "salah"})
    assert "kata sandi salah" in resp.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(db, client):
    resp = client.get("/pegawai/")
    assert resp.status_code == 302 and resp["Location"].startswith("/masuk/")


def test_health_endpoints_are_public(db, client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "siap"}


def test_a_pegawai_cannot_open_another_profile(cast, masuk):
    client = masuk(cast.sari)
    assert client.get(f"/pegawai/{cast.sari.pk}/").status_code == 200
    assert client.get(f"/pegawai/{cast.budi.pk}/").status_code == 404


def test_joko_sees_nothing_of_sari(cast, masuk):
    client = masuk(cast.joko)
    assert client.get(f"/pegawai/{cast.sari.pk}/").status_code == 404
    assert cast.sari.nama not in client.get("/pegawai/?q=Sari").content.decode()


def test_supervisor_and_head_see_their_people(cast, masuk):
    assert masuk(cast.budi).get(f"/pegawai/{cast.sari.pk}/").status_code == 200
    assert masuk(cast.hasan).get(f"/pegawai/{cast.sari.pk}/").status_code == 200
    assert masuk(cast.hasan).get(f"/pegawai/{cast.joko.pk}/").status_code == 404
    assert masuk(cast.dewi).get(f"/pegawai/{cast.joko.pk}/").status_code == 200


def test_employee_list_searches_and_paginates(cast, masuk):
    html = masuk(cast.dewi).get("/pegawai/?q=Joko").content.decode()
    assert "Joko Susilo" in html and "Sari Wulandari" not in html
