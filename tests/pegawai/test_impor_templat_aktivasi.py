"""The import template passes as downloaded and lists the valid codes; the preview says what each row
will do; imported employees get an account that signs in only after its activation link."""
import io
import re
from datetime import timedelta
from unittest import mock

from django.core import mail
from openpyxl import load_workbook

from bangkom.pegawai import aktivasi, impor
from bangkom.pegawai.models import Pegawai
from tests.pegawai.test_impor import baris, xlsx

SANDI = "Kopi-Tubruk-2026"


def test_the_template_as_downloaded_passes_the_preview_and_lists_the_codes(cast):
    isi = impor.templat_xlsx()
    hasil = impor.pratinjau(isi)
    assert hasil.valid and hasil.jumlah_baru == 1
    wb = load_workbook(io.BytesIO(isi))
    assert wb.sheetnames == ["Pegawai", "Kode OPD", "Kode Unit", "Kode Jabatan"]
    kode_opd = [r[0] for r in wb["Kode OPD"].iter_rows(min_row=2, values_only=True)]
    assert cast.sari.opd.kode in kode_opd
    unit = list(wb["Kode Unit"].iter_rows(min_row=2, values_only=True))
    assert (cast.sari.opd.kode, cast.sari.unit.kode, cast.sari.unit.nama) in unit
    jabatan = [r[0] for r in wb["Kode Jabatan"].iter_rows(min_row=2, values_only=True)]
    assert cast.sari.jabatan.kode in jabatan


def test_the_preview_says_which_rows_are_created_and_which_updated(cast, masuk):
    sari = cast.sari
    isi = xlsx(baris("199001012015031001", "Andi Baru", opd=sari.opd.kode, unit=sari.unit.kode,
                     jabatan=sari.jabatan.kode),
               baris(sari.nip, sari.nama, opd=sari.opd.kode, unit=sari.unit.kode, jabatan=sari.jabatan.kode))
    client = masuk(cast.dewi)
    berkas = io.BytesIO(isi)
    berkas.name = "pegawai.xlsx"
    resp = client.post("/pegawai/impor/", {"berkas": berkas})
    html = resp.content.decode()
    assert "1 baru, 1 diperbarui" in html
    assert html.count("Dibuat baru") == 1 and html.count(">Diperbarui<") == 1
    resp = client.post("/pegawai/impor/", {"token": resp.context["token"], "nama_berkas": "pegawai.xlsx"}, follow=True)
    assert "Impor selesai: 1 pegawai baru, 1 diperbarui." in resp.content.decode()
    assert "tautan aktivasi" in resp.content.decode()


def _impor_andi(cast, email=""):
    sari = cast.sari
    b = baris("199001012015031001", "Andi Baru", opd=sari.opd.kode, unit=sari.unit.kode, jabatan=sari.jabatan.kode)
    b[-1] = email
    impor.pegawai_impor(isi=xlsx(b))
    return Pegawai.objects.select_related("user").get(nip="199001012015031001")


def test_an_imported_employee_cannot_sign_in_before_activation(cast, client):
    andi = _impor_andi(cast)
    assert not andi.user.has_usable_password()
    assert list(aktivasi.belum_aktif()) == [andi]
    resp = client.post("/masuk/", {"username": andi.nip, "password": ""})
    resp = client.post("/masuk/", {"username": andi.nip, "password": "apa-saja-123"})
    assert "Akun ini belum diaktifkan" in resp.content.decode()


def test_bpsdm_emails_the_links_and_lists_those_without_email(cast, masuk):
    andi = _impor_andi(cast, email="andi@example.go.id")
    Pegawai.objects.filter(pk=andi.pk).update(email="")
    _impor_lain = impor.pegawai_impor(isi=xlsx(baris(
        "199102022016042002", "Wati Baru", opd=cast.sari.opd.kode, unit=cast.sari.unit.kode,
        jabatan=cast.sari.jabatan.kode)[:-1] + ["wati@example.go.id"]))
    client = masuk(cast.dewi)
    resp = client.post("/pegawai/aktivasi/kirim/", {"opd": ""}, follow=True)
    html = resp.content.decode()
    assert "Tautan aktivasi terkirim ke email 1 pegawai (semua OPD)" in html
    assert "1 pegawai tanpa email" in html
    assert [m.to for m in mail.outbox] == [["wati@example.go.id"]]
    assert "/aktivasi/" in mail.outbox[0].body
    resp = client.post("/pegawai/aktivasi/daftar.xlsx", {"opd": cast.sari.opd.pk})
    assert resp["Content-Disposition"].startswith('attachment; filename="tautan-aktivasi-')
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Nama", "NIP", "OPD")
    assert {r[1] for r in rows[1:]} == {andi.nip, "199102022016042002"}
    assert all("/aktivasi/" in r[5] for r in rows[1:])


def test_outsiders_cannot_produce_links(cast, masuk):
    _impor_andi(cast)
    for orang in (cast.joko, cast.hasan):
        assert masuk(orang).post("/pegawai/aktivasi/daftar.xlsx").status_code == 403


def test_the_link_sets_a_password_once_and_lands_on_the_home_page(cast, client):
    andi = _impor_andi(cast)
    url = aktivasi.tautan(andi, dasar="http://testserver/")
    jalur = re.sub(r"^http://testserver", "", url)
    resp = client.get(jalur, follow=True)
    assert "Buat kata sandi" in resp.content.decode()
    form_url = resp.redirect_chain[-1][0]
    lemah = client.post(form_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert "terlalu umum" in lemah.content.decode() or "seluruhnya angka" in lemah.content.decode()
    resp = client.post(form_url, {"new_password1": SANDI, "new_password2": SANDI}, follow=True)
    assert resp.redirect_chain[0][0] == "/"
    assert "Akun Anda sudah aktif" in resp.content.decode()
    andi.user.refresh_from_db()
    assert andi.user.check_password(SANDI)
    assert not aktivasi.belum_aktif().exists()
    client.logout()
    assert "tidak berlaku lagi" in client.get(jalur, follow=True).content.decode()


def test_the_link_expires(cast, client):
    andi = _impor_andi(cast)
    url = aktivasi.tautan(andi, dasar="")
    nanti = aktivasi.token_aktivasi._now() + aktivasi.MASA_BERLAKU + timedelta(hours=1)
    with mock.patch.object(aktivasi.token_aktivasi, "_now", return_value=nanti):
        assert "tidak berlaku lagi" in client.get(url, follow=True).content.decode()
