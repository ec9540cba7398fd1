"""The shared two-step import (bangkom.pegawai.impor_alur): a stored upload is read back once, a token
from the POST is checked to be a UUID before the filesystem is touched, and the confirm step commits
and logs all or nothing, for both the employee and the position-standard import."""
import io
import os
import time
import uuid
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import RequestFactory
from openpyxl import Workbook

from bangkom.kompetensi.models import StandarKompetensi
from bangkom.pegawai import impor_alur
from bangkom.pegawai.forms import ImporPegawaiForm
from bangkom.pegawai.impor import BerkasTidakValid
from bangkom.pegawai.models import RiwayatImpor

CONTOH_UUID = "91b7202b-3a82-4a5e-b948-b8530e875169"


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "impor"


def test_a_stored_upload_is_read_back_once_and_leaves_nothing_behind():
    token = impor_alur.simpan(b"isi berkas")
    assert str(uuid.UUID(token)) == token
    assert (_folder() / f"{token}.xlsx").read_bytes() == b"isi berkas"
    assert impor_alur.ambil_sekali(token) == b"isi berkas"
    with pytest.raises(impor_alur.TokenTidakBerlaku):
        impor_alur.ambil_sekali(token)
    assert list(_folder().iterdir()) == []  # neither the upload nor a claim file is left


def _tua(path: Path, jam: int) -> None:
    lalu = time.time() - jam * 3600
    os.utime(path, (lalu, lalu))


def test_a_preview_older_than_its_validity_is_refused_and_cleaned_up():
    lama, baru = impor_alur.simpan(b"lama"), impor_alur.simpan(b"baru")
    yatim = _folder() / f"{CONTOH_UUID}.0a1b.proses"  # a claim left behind by a crash
    yatim.write_bytes(b"x")
    _tua(_folder() / f"{lama}.xlsx", 25)
    _tua(yatim, 25)
    keluar = io.StringIO()
    call_command("bersihkan_impor", stdout=keluar)
    assert "2 berkas" in keluar.getvalue()
    assert sorted(p.name for p in _folder().iterdir()) == [f"{baru}.xlsx"]
    with pytest.raises(impor_alur.TokenTidakBerlaku):
        impor_alur.ambil_sekali(lama)
    # Past its validity but not yet cleaned: refused all the same, and consumed.
    _tua(_folder() / f"{baru}.xlsx", 25)
    with pytest.raises(impor_alur.TokenTidakBerlaku):
        impor_alur.ambil_sekali(baru)
    assert list(_folder().iterdir()) == []


def test_two_uploads_get_different_tokens():
    a, b = impor_alur.simpan(b"a"), impor_alur.simpan(b"b")
    assert a != b
    assert (impor_alur.ambil_sekali(b), impor_alur.ambil_sekali(a)) == (b"b", b"a")


@pytest.mark.parametrize("token", [
    "", "bukan-token", "../../settings.py", "../impor/x", "/etc/passwd", "\x00",
    # Fixed values: pytest-xdist workers must collect identical test ids (no uuid4() here).
    CONTOH_UUID.upper(), f"{{{CONTOH_UUID}}}", f"urn:uuid:{CONTOH_UUID}", CONTOH_UUID.replace("-", ""),
    CONTOH_UUID + "/../x", None,
])
def test_a_garbage_token_is_refused_before_the_filesystem_is_touched(token):
    with (
        mock.patch.object(Path, "rename") as rename,
        mock.patch.object(Path, "read_bytes") as baca,
        pytest.raises(impor_alur.TokenTidakBerlaku),
    ):
        impor_alur.ambil_sekali(token)
    rename.assert_not_called()
    baca.assert_not_called()


def test_an_unknown_well_formed_token_is_refused():
    with pytest.raises(impor_alur.TokenTidakBerlaku):
        impor_alur.ambil_sekali(str(uuid.uuid4()))


class _Hasil:
    def __init__(self, valid):
        self.valid = valid


def _form(berkas=b"isi", nama="data.xlsx"):
    return ImporPegawaiForm({}, {"berkas": SimpleUploadedFile(nama, berkas)})


def test_preview_keeps_only_a_clean_file():
    bersih = impor_alur.pratinjau_unggahan(_form(), lambda isi: _Hasil(True))
    assert bersih.token and bersih.nama_berkas == "data.xlsx" and bersih.hasil.valid
    assert impor_alur.ambil_sekali(bersih.token) == b"isi"
    kotor = impor_alur.pratinjau_unggahan(_form(), lambda isi: _Hasil(False))
    assert kotor.token is None and kotor.nama_berkas == "data.xlsx"
    assert not _folder().exists() or list(_folder().iterdir()) == []


def test_preview_of_an_unreadable_file_is_a_form_error():
    def rusak(isi):
        raise BerkasTidakValid("Berkas bukan file Excel.")

    form = _form()
    assert impor_alur.pratinjau_unggahan(form, rusak) == impor_alur.Pratinjau()
    assert form.errors["berkas"] == ["Berkas bukan file Excel."]


def _permintaan(user, token, nama="data.xlsx"):
    request = RequestFactory().post("/", {"token": token, "nama_berkas": nama})
    request.user = user
    request._messages = CookieStorage(request)
    return request


def test_confirm_commits_logs_and_consumes_the_token(cast):
    token = impor_alur.simpan(b"isi")
    impor = mock.Mock(return_value={"baris": 3, "dibuat": 2, "diperbarui": 1})
    ringkas = impor_alur.konfirmasi(_permintaan(cast.dewi.user, token), jenis="uji", impor=impor)
    assert ringkas["dibuat"] == 2
    impor.assert_called_once_with(isi=b"isi")
    r = RiwayatImpor.objects.get()
    assert (r.jenis, r.nama_berkas, r.oleh, r.jumlah_baris, r.dibuat, r.diperbarui) == (
        "uji", "data.xlsx", cast.dewi.user, 3, 2, 1)
    lagi = _permintaan(cast.dewi.user, token)
    assert impor_alur.konfirmasi(lagi, jenis="uji", impor=impor, kedaluwarsa="Sudah lewat.") is None
    assert [str(m) for m in get_messages(lagi)] == ["Sudah lewat."]
    assert impor.call_count == 1 and RiwayatImpor.objects.count() == 1


def test_confirm_of_a_file_the_commit_refuses_logs_nothing(cast):
    request = _permintaan(cast.dewi.user, impor_alur.simpan(b"isi"))
    impor = mock.Mock(side_effect=BerkasTidakValid("Ada baris bermasalah."))
    assert impor_alur.konfirmasi(request, jenis="uji", impor=impor) is None
    assert [str(m) for m in get_messages(request)] == ["Ada baris bermasalah."]
    assert not RiwayatImpor.objects.exists()


def test_confirm_with_a_garbage_token_says_expired(cast):
    request = _permintaan(cast.dewi.user, "../../etc/passwd")
    assert impor_alur.konfirmasi(request, jenis="uji", impor=mock.Mock()) is None
    assert [str(m) for m in get_messages(request)] == [impor_alur.KEDALUWARSA]


def _standar_xlsx():
    wb = Workbook()
    ws = wb.active
    ws.append(["Kode Jabatan", "Kode Kompetensi", "Level Standar"])
    ws.append(["ANALIS", "integritas", 2])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "standar.xlsx"
    return buf


def test_the_standard_import_is_single_use_too(cast, masuk):
    c = masuk(cast.dewi)
    token = c.post("/kompetensi/standar/impor/", {"berkas": _standar_xlsx()}).context["token"]
    data = {"token": token, "nama_berkas": "standar.xlsx"}
    pertama = c.post("/kompetensi/standar/impor/", data, follow=True)
    kedua = c.post("/kompetensi/standar/impor/", data, follow=True)
    assert "Impor standar selesai: 1 baru" in pertama.content.decode()
    assert kedua.redirect_chain[-1][0] == "/kompetensi/standar/impor/"
    assert "Pratinjau impor sudah kedaluwarsa" in kedua.content.decode()
    assert RiwayatImpor.objects.filter(jenis="standar").count() == 1
    assert StandarKompetensi.objects.filter(jabatan__kode="ANALIS", kompetensi__kode="integritas").count() == 1
