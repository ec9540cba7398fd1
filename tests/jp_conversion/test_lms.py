"""LMS completions in bulk: the mapping per source, rejected rows, all or nothing, duplicates, the command
and the BPSDM pages (what Joko, Sari and Budi get)."""
from datetime import datetime, timedelta
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from bangkom.notifikasi.models import Notifikasi
from bangkom.pegawai.impor import BerkasTidakValid
from bangkom.pegawai.impor_tabel import baca_tabel
from bangkom.pegawai.models import RiwayatImpor
from jp_conversion import lms
from jp_conversion.eksternal import kegiatan_eksternal_ajukan
from jp_conversion.models import Kegiatan, PenyelesaianLMS, StatusKegiatan, SumberLMS

HARI_INI = timezone.localdate()
H1, H2, H3 = (HARI_INI - timedelta(days=n) for n in (3, 2, 1))
NASIONAL = ["NIP", "Judul Pelatihan", "Tanggal Selesai", "JP", "Penyelenggara", "Nomor Sertifikat", "Tautan Sertifikat"]
PROVINSI = ["NIP Peserta", "Nama Kursus", "Tgl Lulus", "Jumlah JP", "Lembaga", "No. Sertifikat", "URL Bukti"]


def nasional():
    return SumberLMS.objects.get(kode="asn-unggul")


def provinsi():
    return SumberLMS.objects.get(kode="lms-provinsi")


def csv(judul, *baris, pemisah=";", bom=True) -> bytes:
    teks = "\n".join(pemisah.join(str(s) for s in b) for b in [judul, *baris]) + "\n"
    return ("\ufeff" if bom else "").encode() + teks.encode()


def xlsx(judul, *baris) -> bytes:
    wb = Workbook()
    wb.active.append(judul)
    for b in baris:
        wb.active.append(list(b))
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def baris_nasional(pegawai, materi="Literasi Digital ASN", tanggal=H1, jp="2", nomor="", url="https://lms.example/s/1"):
    return [pegawai.nip, materi, tanggal.isoformat(), jp, "LAN RI", nomor, url]


# --- mapping and reading ------------------------------------------------------------------------
def test_two_sources_read_their_own_headers_and_date_formats(cast):
    berkas_nasional = csv(NASIONAL, baris_nasional(cast.sari, nomor="N-1"), pemisah=",", bom=False)
    berkas_provinsi = xlsx(PROVINSI, [cast.sari.nip, "Etika Pelayanan Publik", H2.strftime("%d/%m/%Y"), "1,5", "",
                                      "P-7", ""])
    a = lms.pratinjau(berkas_nasional, sumber=nasional())
    b = lms.pratinjau(berkas_provinsi, sumber=provinsi())
    assert a.valid and b.valid
    assert a.baris[0].nilai["tanggal"] == H1 and a.baris[0].nilai["nomor_sertifikat"] == "N-1"
    assert b.baris[0].nilai["tanggal"] == H2 and b.baris[0].nilai["jp"] == Decimal("1.5")
    assert b.baris[0].nilai["penyelenggara"] == "BPSDM Provinsi"  # the mapping's default organiser
    # The other source's file is refused with a message naming the mapping and the titles it expects.
    with pytest.raises(BerkasTidakValid, match="pemetaan 'LMS Provinsi'.*'NIP Peserta'"):
        lms.pratinjau(berkas_nasional, sumber=provinsi())


def test_an_xlsx_with_real_date_cells_is_read_whatever_the_mapping_format(cast):
    isi = xlsx(PROVINSI, [cast.sari.nip, "Etika", datetime.combine(H2, datetime.min.time()), 2, "BKD", "P-1", ""])
    hasil = lms.pratinjau(isi, sumber=provinsi())
    assert hasil.valid and hasil.baris[0].nilai["tanggal"] == H2 and hasil.baris[0].nilai["jp"] == Decimal("2")


def test_csv_reader_sniffs_the_delimiter_and_accepts_a_bom(cast):
    kolom = [("a", "Satu"), ("b", "Dua")]
    for isi in (csv(["Satu", "Dua"], ["x", "y, z"], pemisah=";"), b'Satu,Dua\nx,"y, z"\n'):
        [baris] = baca_tabel(isi, kolom=kolom, wajib={"a"})
        assert baris.data == {"a": "x", "b": "y, z"}
    with pytest.raises(BerkasTidakValid, match="UTF-8"):
        baca_tabel("Satu;Dua\nä;ö\n".encode("latin-1"), kolom=kolom, wajib=set())


def test_a_changed_mapping_is_used_by_the_next_import(cast):
    sumber = nasional()
    lms.sumber_lms_simpan(sumber=sumber, data={"kolom_nip": "NIP Baru"})
    isi = csv(["NIP Baru", *NASIONAL[1:]], baris_nasional(cast.sari))
    assert lms.pratinjau(isi, sumber=SumberLMS.objects.get(pk=sumber.pk)).valid


# --- rejected rows, all or nothing ----------------------------------------------------------------
def test_every_bad_row_is_reported_and_nothing_is_written(cast):
    besok = HARI_INI + timedelta(days=1)
    isi = csv(
        NASIONAL,
        baris_nasional(cast.sari),  # fine
        ["199901012020011999", "Kursus", H1.isoformat(), "2", "LAN", "", "https://x.id"],  # unknown NIP
        baris_nasional(cast.sari, materi="A", tanggal=besok),  # future
        [cast.sari.nip, "B", "31/02/2026", "2", "LAN", "", "https://x.id"],  # not the mapping's format
        baris_nasional(cast.sari, materi="C", jp="dua"),  # JP not a number
        baris_nasional(cast.sari, materi="D", jp="0"),  # JP <= 0
        baris_nasional(cast.sari, materi="E", jp="240"),  # absurd
        [cast.sari.nip, "F", "2010-05-01", "2", "LAN", "", "https://x.id"],  # before the rules' years
        baris_nasional(cast.sari, materi="G", url=""),  # no evidence at all
    )
    hasil = lms.pratinjau(isi, sumber=nasional())
    masalah = {b.nomor: " ".join(b.masalah) for b in hasil.baris}
    assert masalah[2] == ""
    assert "tidak ditemukan" in masalah[3]
    assert "masa depan" in masalah[4]
    assert "tidak sesuai format pemetaan 'LMS Nasional (ASN Unggul)'" in masalah[5]
    assert "bukan angka" in masalah[6]
    assert "lebih dari 0" in masalah[7]
    assert "tidak masuk akal" in masalah[8]
    assert "2018" in masalah[9]
    assert "nomor sertifikat atau URL bukti" in masalah[10]
    assert not hasil.valid
    with pytest.raises(BerkasTidakValid):
        lms.lms_impor(isi=isi, sumber=nasional())
    assert not Kegiatan.objects.exists() and not PenyelesaianLMS.objects.exists()


def test_a_row_the_ledger_refuses_at_commit_rolls_back_the_whole_file(cast, monkeypatch):
    isi = csv(NASIONAL, baris_nasional(cast.sari, materi="A"), baris_nasional(cast.sari, materi="B", tanggal=H2))
    assert lms.pratinjau(isi, sumber=nasional()).valid
    asli = lms.kegiatan_eksternal_ajukan

    def ajukan(**kw):  # the ledger's guard refuses the second row only when it is written
        if kw["materi"] == "B":
            raise ValidationError({"jp_belajar": "Lebih dari 24 JP sehari."})
        return asli(**kw)

    monkeypatch.setattr(lms, "kegiatan_eksternal_ajukan", ajukan)
    with pytest.raises(BerkasTidakValid, match="Baris 3: Lebih dari 24 JP sehari"):
        lms.lms_impor(isi=isi, sumber=nasional())
    assert not Kegiatan.objects.exists() and not PenyelesaianLMS.objects.exists()


def test_jp_of_the_file_over_24_on_one_day_is_refused(cast):
    isi = csv(NASIONAL, baris_nasional(cast.sari, materi="A", jp="20"), baris_nasional(cast.sari, materi="B", jp="5"))
    hasil = lms.pratinjau(isi, sumber=nasional())
    assert not hasil.baris[0].masalah and "lebih dari 24" in hasil.baris[1].masalah[0]


# --- the happy path and duplicates ----------------------------------------------------------------
def test_rows_land_as_diajukan_for_the_supervisor_with_one_notification(cast):
    isi = csv(NASIONAL, baris_nasional(cast.sari, nomor="N-1"), baris_nasional(cast.sari, materi="Etika", tanggal=H2))
    ringkas = lms.lms_impor(isi=isi, sumber=nasional(), oleh=cast.dewi.user)
    assert ringkas == {"baris": 2, "dibuat": 2, "diperbarui": 0, "dilewati": 0}
    kegiatan = Kegiatan.objects.filter(pegawai=cast.sari)
    assert {k.status for k in kegiatan} == {StatusKegiatan.DIAJUKAN}
    assert {k.pembimbing for k in kegiatan} == {cast.budi}
    assert kegiatan.get(materi="Literasi Digital ASN").eksternal.nomor_sertifikat == "N-1"
    assert Notifikasi.objects.filter(penerima=cast.budi).count() == 1


def test_the_same_completion_is_skipped_across_imports_and_inside_one_file(cast):
    pertama = csv(NASIONAL, baris_nasional(cast.sari, nomor="N-1"))
    assert lms.lms_impor(isi=pertama, sumber=nasional())["dibuat"] == 1
    kedua = csv(
        NASIONAL,
        baris_nasional(cast.sari, nomor="N-1"),  # the same completion again
        baris_nasional(cast.sari, materi="  literasi   DIGITAL asn ", nomor=""),  # same course/day, other spelling
        baris_nasional(cast.sari, materi="Lain", tanggal=H3, nomor="N-1"),  # the same certificate
        baris_nasional(cast.sari, materi="Baru", tanggal=H2, nomor="N-2"),  # new
        baris_nasional(cast.sari, materi="Baru", tanggal=H2, nomor="N-2"),  # twice in this file
    )
    hasil = lms.pratinjau(kedua, sumber=nasional())
    assert hasil.valid
    assert [bool(b.dilewati) for b in hasil.baris] == [True, True, True, False, True]
    assert "sama dengan baris 5" in hasil.baris[4].dilewati
    assert lms.lms_impor(isi=kedua, sumber=nasional()) == {"baris": 5, "dibuat": 1, "diperbarui": 0, "dilewati": 4}
    assert PenyelesaianLMS.objects.count() == 2


def test_a_course_submitted_by_form_is_not_imported_again(cast):
    kegiatan_eksternal_ajukan(pegawai=cast.sari, jenis="e_learning", tanggal=H1, materi="Literasi Digital ASN",
                              penyelenggara="LAN", sertifikat=SimpleUploadedFile("s.pdf", b"%PDF-1.4"),
                              jp_belajar=Decimal("2"))
    hasil = lms.pratinjau(csv(NASIONAL, baris_nasional(cast.sari)), sumber=nasional())
    assert hasil.valid and "formulir/API" in hasil.baris[0].dilewati


def test_a_certificate_number_of_another_employee_is_an_error(cast):
    lms.lms_impor(isi=csv(NASIONAL, baris_nasional(cast.sari, nomor="N-1")), sumber=nasional())
    hasil = lms.pratinjau(csv(NASIONAL, baris_nasional(cast.joko, nomor="N-1")), sumber=nasional())
    assert not hasil.valid and "pegawai lain" in hasil.baris[0].masalah[0]


# --- the command -----------------------------------------------------------------------------------
def test_command_dry_run_writes_nothing_then_imports(cast, tmp_path):
    berkas = tmp_path / "lms.csv"
    berkas.write_bytes(csv(PROVINSI, [cast.sari.nip, "Etika", H1.strftime("%d/%m/%Y"), "2", "", "P-1", ""]))
    out = StringIO()
    call_command("impor_lms", file=str(berkas), sumber="lms-provinsi", dry_run=True, stdout=out)
    assert "1 akan diajukan" in out.getvalue() and not Kegiatan.objects.exists()
    call_command("impor_lms", file=str(berkas), sumber="lms-provinsi", stdout=out)
    assert Kegiatan.objects.filter(pegawai=cast.sari, status=StatusKegiatan.DIAJUKAN).count() == 1
    out = StringIO()
    call_command("impor_lms", file=str(berkas), sumber="lms-provinsi", stdout=out)
    assert "0 kegiatan baru" in out.getvalue() and "1 sudah ada" in out.getvalue()


def test_command_refuses_bad_rows_unknown_source_and_missing_file(cast, tmp_path):
    berkas = tmp_path / "lms.csv"
    berkas.write_bytes(csv(PROVINSI, ["123", "Etika", "kemarin", "2", "", "P-1", ""]))
    out = StringIO()
    with pytest.raises(CommandError, match="1 dari 1 baris bermasalah"):
        call_command("impor_lms", file=str(berkas), sumber="lms-provinsi", stdout=out)
    assert "Baris 2 (NIP 123)" in out.getvalue()
    with pytest.raises(CommandError, match="tidak dikenal"):
        call_command("impor_lms", file=str(berkas), sumber="tidak-ada")
    with pytest.raises(CommandError, match="tidak dapat dibaca"):
        call_command("impor_lms", file=str(tmp_path / "hilang.csv"), sumber="lms-provinsi")
    assert not Kegiatan.objects.exists()


# --- pages ---------------------------------------------------------------------------------------
def unggah(isi, nama="lms.csv"):
    return SimpleUploadedFile(nama, isi, content_type="text/csv")


def test_bpsdm_previews_confirms_once_and_the_history_records_it(cast, masuk, django_assert_max_num_queries):
    c = masuk(cast.dewi)
    isi = csv(NASIONAL, baris_nasional(cast.sari), baris_nasional(cast.sari), baris_nasional(cast.joko, materi="X"))
    with django_assert_max_num_queries(40):
        r = c.post(reverse("jp:lms-impor"), {"sumber": nasional().pk, "berkas": unggah(isi)})
    halaman = r.content.decode()
    assert "2 akan diajukan, 1 sudah ada dan dilewati" in halaman and "Sudah ada — dilewati" in halaman
    token = r.context["token"]
    data = {"token": token, "nama_berkas": "lms.csv", "sumber": nasional().pk}
    r = c.post(reverse("jp:lms-impor"), data, follow=True)
    assert "2 kegiatan baru diajukan untuk verifikasi atasan, 1 sudah ada dan dilewati" in r.content.decode()
    r = c.post(reverse("jp:lms-impor"), data, follow=True)  # the same confirmation again
    assert "kedaluwarsa atau sudah diimpor" in r.content.decode()
    assert Kegiatan.objects.count() == 2 and RiwayatImpor.objects.filter(jenis="lms").count() == 1


def test_a_file_with_bad_rows_gets_no_confirm_button(cast, masuk):
    isi = csv(NASIONAL, baris_nasional(cast.sari, jp="-1"))
    r = masuk(cast.dewi).post(reverse("jp:lms-impor"), {"sumber": nasional().pk, "berkas": unggah(isi)})
    assert r.context["token"] is None and "JP harus lebih dari 0" in r.content.decode()
    r = masuk(cast.dewi).post(reverse("jp:lms-impor"), {"sumber": nasional().pk, "berkas": unggah(b"x", "a.pdf")})
    assert "harus berformat .csv atau .xlsx" in r.content.decode()


def test_bpsdm_edits_a_mapping_and_a_duplicate_title_is_refused(cast, masuk):
    c = masuk(cast.dewi)
    sumber = provinsi()
    data = {f: getattr(sumber, f) for f in ("nama", "kode", "jenis", "format_tanggal", "penyelenggara_bawaan",
                                            "kolom_nip", "kolom_materi", "kolom_tanggal", "kolom_jp",
                                            "kolom_penyelenggara", "kolom_nomor_sertifikat", "kolom_url_bukti")}
    r = c.post(reverse("jp:lms-sumber-ubah", args=[sumber.pk]), {**data, "kolom_jp": "NIP Peserta"})
    assert "dipetakan ke dua bidang" in r.content.decode()
    assert 'value="NIP Peserta"' in r.content.decode()  # what was typed stays
    r = c.post(reverse("jp:lms-sumber-ubah", args=[sumber.pk]), {**data, "kolom_jp": "JP Kursus"}, follow=True)
    assert "Pemetaan kolom LMS Provinsi disimpan" in r.content.decode()
    assert SumberLMS.objects.get(pk=sumber.pk).kolom_jp == "JP Kursus"
    r = c.post(reverse("jp:lms-sumber-baru"), {**data, "nama": "LMS Kementerian", "kode": "lms-kemen"}, follow=True)
    assert SumberLMS.objects.filter(kode="lms-kemen").exists()
    assert "LMS Kementerian" in c.get(reverse("jp:lms-sumber")).content.decode()


@pytest.mark.parametrize("nama", ["sari", "budi", "joko", "hasan"])
def test_only_bpsdm_opens_the_lms_pages(cast, masuk, nama):
    c = masuk(getattr(cast, nama))
    for url in (reverse("jp:lms-impor"), reverse("jp:lms-sumber"), reverse("jp:lms-sumber-baru"),
                reverse("jp:lms-sumber-ubah", args=[nasional().pk])):
        assert c.get(url).status_code == 403
    r = c.post(reverse("jp:lms-impor"), {"sumber": nasional().pk, "berkas": unggah(csv(NASIONAL))})
    assert r.status_code == 403 and not Kegiatan.objects.exists()
