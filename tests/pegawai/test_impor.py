import io

import pytest
from openpyxl import Workbook, load_workbook

from bangkom.pegawai import impor
from bangkom.pegawai.models import Pegawai, RiwayatImpor

JUDUL = [j for _, j in impor.KOLOM]


def xlsx(*baris):
    wb = Workbook()
    ws = wb.active
    ws.append(JUDUL)
    for b in baris:
        ws.append(b)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def baris(nip, nama, atasan="", opd="DINKES", unit="S1", jabatan="ANALIS", jenis="PNS"):
    return [nip, nama, "", "S.Kom.", jenis, "III/a", "Penata Muda", jabatan, opd, unit, atasan, ""]


def test_template_has_the_headers(db):
    ws = load_workbook(io.BytesIO(impor.templat_xlsx())).active
    assert [c.value for c in ws[1]] == JUDUL


def test_it_imports_a_good_file_and_links_supervisors(cast):
    isi = xlsx(
        baris("199001012015031001", "Andi Baru", atasan=cast.budi.nip),
        baris("199102022016042002", "Wati Baru", atasan="199001012015031001"),
    )
    hasil = impor.pegawai_impor(isi=isi)
    assert hasil == {"dibuat": 2, "diperbarui": 0, "baris": 2}
    wati = Pegawai.objects.get(nip="199102022016042002")
    assert wati.atasan.nama == "Andi Baru"
    assert wati.user.username == wati.nip


def test_reimporting_updates_instead_of_duplicating(cast):
    impor.pegawai_impor(isi=xlsx(baris("199001012015031001", "Andi Baru")))
    hasil = impor.pegawai_impor(isi=xlsx(baris("199001012015031001", "Andi Baru Sekali")))
    assert hasil["diperbarui"] == 1
    assert Pegawai.objects.filter(nip="199001012015031001").count() == 1
    assert Pegawai.objects.get(nip="199001012015031001").nama == "Andi Baru Sekali"


def test_bad_rows_write_nothing_and_every_problem_is_listed(cast):
    jumlah = Pegawai.objects.count()
    isi = xlsx(
        baris("199001012015031001", "Baik"),
        baris("12345", "NIP Pendek"),
        baris("199001012015031002", "OPD Salah", opd="XYZ"),
        baris("199001012015031003", "Jabatan Salah", jabatan="NOPE"),
        baris("199001012015031004", "Atasan Hilang", atasan="199901012020011999"),
        baris("199001012015031001", "Ganda"),
    )
    hasil = impor.pratinjau(isi)
    masalah = {b.nomor: " ".join(b.masalah) for b in hasil.bermasalah}
    assert "18 digit" in masalah[3]
    assert "OPD dengan kode 'XYZ'" in masalah[4]
    assert "Jabatan dengan kode 'NOPE'" in masalah[5]
    assert "Atasan dengan NIP 199901012020011999 tidak ditemukan" in masalah[6]
    assert "ganda" in masalah[7]
    with pytest.raises(impor.BerkasTidakValid):
        impor.pegawai_impor(isi=isi)
    assert Pegawai.objects.count() == jumlah


def test_a_broken_file_gets_a_clear_message(cast):
    with pytest.raises(impor.BerkasTidakValid, match="bukan file Excel"):
        impor.pratinjau(b"ini bukan excel")


def test_import_page_previews_then_commits(cast, masuk):
    client = masuk(cast.dewi)
    berkas = io.BytesIO(xlsx(baris("199001012015031001", "Andi Baru")))
    berkas.name = "pegawai.xlsx"
    resp = client.post("/pegawai/impor/", {"berkas": berkas})
    assert resp.status_code == 200
    assert "1 baris siap diimpor" in resp.content.decode()
    assert not Pegawai.objects.filter(nip="199001012015031001").exists()
    resp = client.post("/pegawai/impor/", {"token": resp.context["token"], "nama_berkas": "pegawai.xlsx"}, follow=True)
    assert "Impor selesai: 1 pegawai baru" in resp.content.decode()
    assert Pegawai.objects.filter(nip="199001012015031001").exists()
    assert RiwayatImpor.objects.get().dibuat == 1


def test_import_page_shows_errors_and_keeps_nothing(cast, masuk):
    client = masuk(cast.dewi)
    berkas = io.BytesIO(xlsx(baris("12345", "NIP Pendek")))
    berkas.name = "pegawai.xlsx"
    html = client.post("/pegawai/impor/", {"berkas": berkas}).content.decode()
    assert "Tidak ada data yang diimpor" in html
    assert "harus 18 digit" in html


def test_only_bpsdm_reaches_the_import(cast, masuk):
    assert masuk(cast.hasan).get("/pegawai/impor/").status_code == 403
    assert masuk(cast.joko).get("/pegawai/impor/templat.xlsx").status_code == 403
