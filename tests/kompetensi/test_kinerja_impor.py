"""The yearly performance import (predikat kinerja SKP): a good file (Excel and CSV), every kind of bad
row, all or nothing, re-import updates, and the BPSDM page's two steps (preview, confirm once)."""
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bangkom.kompetensi import kinerja, kinerja_impor
from bangkom.kompetensi.models import PenilaianKinerja
from bangkom.pegawai.impor import BerkasTidakValid
from bangkom.pegawai.models import RiwayatImpor
from tests.factories import xlsx

TAHUN = timezone.localdate().year - 1
JUDUL = ["NIP", "Nama", "Tahun", "Predikat Kinerja"]


def _xlsx(baris, judul=JUDUL) -> bytes:
    return xlsx(judul, baris)


def _csv(baris, pemisah=";") -> bytes:
    teks = "\n".join(pemisah.join(str(v) for v in r) for r in [JUDUL, *baris])
    return ("\ufeff" + teks).encode()


def test_predicates_are_read_as_skp_exports_write_them():
    assert kinerja.predikat_dari_teks("BUTUH  PERBAIKAN") == kinerja.BUTUH_PERBAIKAN
    assert kinerja.predikat_dari_teks("sangat_baik") == kinerja.SANGAT_BAIK
    assert kinerja.predikat_dari_teks("Cukup") is None
    assert [kinerja.di_bawah_ekspektasi(p) for p, _ in kinerja.PREDIKAT] == [False, False, True, True, True]


def test_the_explanation_names_performance_gap_or_both():
    dari_kinerja = kinerja.saran_coaching(predikat=kinerja.KURANG, tahun=2025)
    assert dari_kinerja.sumber == "kinerja"
    assert dari_kinerja.penjelasan.startswith("Dari kinerja: predikat kinerja 2025 \u201cKurang\u201d di bawah")
    dari_gap = kinerja.saran_coaching(predikat=kinerja.BAIK, tahun=2025, kompetensi=["Komunikasi"])
    assert dari_gap.sumber == "kesenjangan"
    assert dari_gap.penjelasan == ("Dari kesenjangan kompetensi: kesenjangan kompetensi yang disarankan ditutup "
                                   "dengan coaching: Komunikasi.")
    keduanya = kinerja.saran_coaching(predikat=kinerja.SANGAT_KURANG, tahun=2025,
                                      kompetensi=["Integritas", "Kerjasama"])
    assert keduanya.sumber == "keduanya"
    assert keduanya.sumber_label == "Kinerja dan kesenjangan kompetensi"
    assert "\u201cSangat Kurang\u201d" in keduanya.penjelasan and "Integritas, Kerjasama" in keduanya.penjelasan
    assert kinerja.saran_coaching(predikat=kinerja.SANGAT_BAIK, tahun=2025) is None
    assert kinerja.saran_coaching(predikat=None, tahun=None) is None


def test_a_good_excel_file_creates_one_row_per_employee_and_year(cast):
    isi = _xlsx([[cast.sari.nip, "Sari", TAHUN, "Butuh Perbaikan"], [cast.joko.nip, "", TAHUN, "Baik"],
                 [cast.sari.nip, "Sari", TAHUN - 1, "sangat baik"]])
    hasil = kinerja_impor.pratinjau(isi)
    assert hasil.valid and (hasil.jumlah_baru, hasil.jumlah_diperbarui) == (3, 0)
    assert kinerja_impor.kinerja_impor(isi=isi) == {"dibuat": 3, "diperbarui": 0, "baris": 3}
    assert PenilaianKinerja.objects.get(pegawai=cast.sari, tahun=TAHUN).predikat == "butuh_perbaikan"
    assert PenilaianKinerja.objects.get(pegawai=cast.sari, tahun=TAHUN - 1).predikat == "sangat_baik"


def test_a_csv_export_is_read_like_excel_and_a_reimport_updates(cast):
    kinerja_impor.kinerja_impor(isi=_csv([[cast.sari.nip, "Sari", TAHUN, "Baik"]]))
    isi = _csv([[cast.sari.nip, "Sari", TAHUN, "Kurang"], [cast.budi.nip, "Budi", TAHUN, "Baik"]], pemisah=",")
    hasil = kinerja_impor.pratinjau(isi)
    assert [b.data["aksi"] for b in hasil.baris] == ["Diperbarui", "Baru"]
    assert kinerja_impor.kinerja_impor(isi=isi) == {"dibuat": 1, "diperbarui": 1, "baris": 2}
    assert PenilaianKinerja.objects.filter(pegawai=cast.sari).count() == 1
    assert PenilaianKinerja.objects.get(pegawai=cast.sari).predikat == "kurang"


def test_every_bad_row_is_reported_and_nothing_is_imported(cast):
    isi = _xlsx([
        [cast.sari.nip, "Sari", TAHUN, "Baik"],                     # fine, but the file has bad rows
        ["199001012015011999", "Siapa", TAHUN, "Baik"],             # unknown NIP
        [cast.joko.nip, "Joko", TAHUN, "Cukup"],                    # unknown predicate
        [cast.budi.nip, "Budi", 1999, "Baik"],                      # year out of range
        [cast.budi.nip, "Budi", timezone.localdate().year + 1, "Baik"],
        [cast.sari.nip, "Sari", TAHUN, "Kurang"],                   # duplicate of row 2
        ["", "", "", ""],                                           # blank: skipped
        [cast.hasan.nip, "Hasan", "dua ribu", ""],                  # not a year, predicate missing
    ])
    hasil = kinerja_impor.pratinjau(isi)
    masalah = {b.nomor: b.masalah for b in hasil.bermasalah}
    assert sorted(masalah) == [3, 4, 5, 6, 7, 9]
    assert masalah[3] == ["Pegawai dengan NIP 199001012015011999 tidak ditemukan."]
    assert masalah[4][0].startswith("Predikat 'Cukup' tidak dikenal: isi salah satu dari Sangat Baik, Baik,")
    assert masalah[5] == [f"Tahun 1999 di luar rentang 2000\u2013{timezone.localdate().year}."]
    assert "di luar rentang" in masalah[6][0]
    assert masalah[7] == [f"NIP {cast.sari.nip} tahun {TAHUN} sudah ada di baris 2."]
    assert masalah[9] == ["Predikat Kinerja wajib diisi.", "Tahun 'dua ribu' bukan angka tahun."]
    with pytest.raises(BerkasTidakValid, match="6 baris bermasalah"):
        kinerja_impor.kinerja_impor(isi=isi)
    assert not PenilaianKinerja.objects.exists()


def test_a_file_without_the_required_columns_or_not_a_table_is_refused(cast):
    with pytest.raises(BerkasTidakValid, match="Kolom wajib tidak ditemukan: Predikat Kinerja"):
        kinerja_impor.pratinjau(_xlsx([], judul=["NIP", "Tahun"]))
    with pytest.raises(BerkasTidakValid, match="CSV UTF-8"):
        kinerja_impor.pratinjau(b"\xff\xfe\x00garbage")


def test_the_template_has_the_columns_the_reader_expects(cast):
    ws = load_workbook(io.BytesIO(kinerja_impor.templat_xlsx())).active
    assert [c.value for c in ws[1]] == JUDUL


def _unggah(client, isi: bytes, nama="kinerja.xlsx"):
    berkas = io.BytesIO(isi)
    berkas.name = nama
    return client.post(reverse("kompetensi:kinerja-impor"), {"berkas": berkas})


def test_bpsdm_previews_then_confirms_once_and_the_message_states_the_counts(cast, masuk):
    c = masuk(cast.dewi)
    assert "templat (.xlsx)" in c.get(reverse("kompetensi:kinerja-impor")).content.decode()
    r = _unggah(c, _csv([[cast.sari.nip, "Sari", TAHUN, "Butuh Perbaikan"]]), nama="skp.csv")
    html = r.content.decode()
    assert "1 baris siap diimpor, tidak ada masalah: 1 baru, 0 diperbarui." in html
    assert not PenilaianKinerja.objects.exists()  # the preview writes nothing
    token = r.context["token"]
    r = c.post(reverse("kompetensi:kinerja-impor"), {"token": token, "nama_berkas": "skp.csv"}, follow=True)
    assert "Impor predikat kinerja selesai: 1 baris, 1 baru, 0 diperbarui." in r.content.decode()
    assert RiwayatImpor.objects.get(jenis="kinerja").dibuat == 1
    r = c.post(reverse("kompetensi:kinerja-impor"), {"token": token, "nama_berkas": "skp.csv"}, follow=True)
    assert "sudah kedaluwarsa atau sudah diimpor" in r.content.decode()
    assert RiwayatImpor.objects.filter(jenis="kinerja").count() == 1


def test_the_page_lists_every_rejected_row_and_offers_no_confirm(cast, masuk):
    c = masuk(cast.dewi)
    r = _unggah(c, _xlsx([[cast.sari.nip, "", TAHUN, "Baik"], ["123", "", TAHUN, "Baik"]]))
    html = r.content.decode()
    assert "1 dari 2 baris bermasalah" in html and "Pegawai dengan NIP 123 tidak ditemukan." in html
    assert r.context["token"] is None and 'name="token"' not in html


def test_a_word_document_is_refused_by_the_form(cast, masuk):
    r = _unggah(masuk(cast.dewi), b"bukan", nama="kinerja.docx")
    assert "Berkas harus berformat .xlsx" in r.content.decode()


@pytest.mark.parametrize("siapa", ["sari", "budi", "hasan", "joko"])
def test_only_bpsdm_imports_performance(cast, masuk, siapa):
    c = masuk(getattr(cast, siapa))
    assert c.get(reverse("kompetensi:kinerja-impor")).status_code == 403
    assert c.get(reverse("kompetensi:kinerja-templat")).status_code == 403
