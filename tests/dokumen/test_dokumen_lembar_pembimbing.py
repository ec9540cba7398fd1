"""Issue 16, sheets: every pembimbing of the covered sessions is named (per row and in the one
Pembimbing block), and the Langsa blank form for handwritten paraf is offered as a print variant."""
from datetime import date

from django.urls import reverse

from bangkom.dokumen import lembar, paraf_basah
from bangkom.dokumen.models import LembarTerbit
from tests.dokumen.conftest import teks_pdf

TAHUN_2025 = (date(2025, 1, 1), date(2025, 12, 31))


def _mentoring_dua_pembimbing(cast, catat):
    catat(cast.sari, "mentoring", date(2025, 2, 3), "Karier", cast.rina)
    catat(cast.sari, "mentoring", date(2025, 3, 3), "Budaya kerja", cast.rina)
    catat(cast.sari, "mentoring", date(2025, 4, 7), "Pelayanan prima", cast.hasan)
    catat(cast.sari, "mentoring", date(2025, 5, 5), "Rencana aksi", cast.hasan, setuju=None)


def test_every_row_names_its_pembimbing_and_the_block_lists_them_all(cast, catat):
    _mentoring_dua_pembimbing(cast, catat)
    data = lembar.lembar_data(pegawai=cast.sari, jenis="mentoring", mulai=TAHUN_2025[0], selesai=TAHUN_2025[1])
    assert [b["pembimbing"] for b in data["baris"]] == [cast.rina.nama_lengkap] * 2 + [cast.hasan.nama_lengkap]
    blok = data["tanda_tangan"][0]
    assert blok["peran"] == "Pembimbing"
    assert blok["daftar"] == [
        {"nama": cast.rina.nama_lengkap, "nip": cast.rina.nip},  # most sessions first
        {"nama": cast.hasan.nama_lengkap, "nip": cast.hasan.nip},
    ]
    teks = teks_pdf(lembar.render_pdf(data))
    assert f"1. {cast.rina.nama_lengkap}" in teks and f"2. {cast.hasan.nama_lengkap}" in teks
    assert cast.rina.nip in teks and cast.hasan.nip in teks


def test_one_pembimbing_keeps_the_single_block(cast, coaching_sari):
    data = lembar.lembar_data(pegawai=cast.sari, jenis="coaching", mulai=TAHUN_2025[0], selesai=TAHUN_2025[1])
    assert data["tanda_tangan"][0]["daftar"] == [{"nama": cast.budi.nama_lengkap, "nip": cast.budi.nip}]
    assert "1. " not in teks_pdf(lembar.render_pdf(data))


def test_the_blank_form_has_the_langsa_layout_blank_paraf_and_no_signature(cast, catat):
    _mentoring_dua_pembimbing(cast, catat)
    catat(cast.sari, "mentoring", date(2025, 6, 2), "Materi yang ditolak", cast.rina, setuju=False)
    pdf = paraf_basah.formulir_paraf_basah_pdf(pegawai=cast.sari, jenis="mentoring", mulai=TAHUN_2025[0],
                                          selesai=TAHUN_2025[1])
    teks = teks_pdf(pdf)
    for label in ("TABEL KEGIATAN MENTORING", "FORMULIR KOSONG UNTUK PARAF BASAH", "bukan bukti pemenuhan JP",
                  "Nama", cast.sari.nama_lengkap, cast.sari.nip, "Jabatan", "No", "Hari, Tanggal",
                  "Materi Bimbingan", "Paraf Pembimbing", "Senin, 3 Februari 2025", "Pelayanan prima",
                  "Rencana aksi", "Pembimbing", "Peserta", "Kepala Perangkat Daerah",
                  cast.rina.nama_lengkap, cast.hasan.nama_lengkap):
        assert label in teks, label
    assert "Materi yang ditolak" not in teks
    # Blank paraf cells: no initialled-by name or time, no JP, no code or QR, no e-signature.
    assert "Tidak ditandatangani secara elektronik" in teks
    for tidak in ("JP Dihitung", "Kode verifikasi", "Diterbitkan", "Jumlah:"):
        assert tidak not in teks, tidak
    assert b"/Sig" not in pdf
    assert not LembarTerbit.objects.exists()
    data = paraf_basah.formulir_paraf_basah_data(pegawai=cast.sari, jenis="mentoring", mulai=TAHUN_2025[0],
                                            selesai=TAHUN_2025[1])
    assert [b["no"] for b in data["baris"]] == list(range(1, 9))  # 4 recorded + 4 empty rows to write in
    assert data["baris"][-1]["materi"] == ""


def test_the_blank_self_study_form_says_paraf_atasan(cast, catat):
    pdf = paraf_basah.formulir_paraf_basah_pdf(pegawai=cast.sari, jenis="belajar_mandiri", mulai=TAHUN_2025[0],
                                          selesai=TAHUN_2025[1])
    teks = teks_pdf(pdf)
    assert "Paraf Atasan" in teks and "Atasan" in teks and cast.budi.nama_lengkap in teks
    data = paraf_basah.formulir_paraf_basah_data(pegawai=cast.sari, jenis="belajar_mandiri", mulai=TAHUN_2025[0],
                                            selesai=TAHUN_2025[1])
    assert len(data["baris"]) == 4 and all(not b["materi"] for b in data["baris"])


def test_the_period_form_offers_both_variants(cast, masuk, catat):
    _mentoring_dua_pembimbing(cast, catat)
    url = reverse("dokumen:lembar", args=[cast.sari.pk, "mentoring"])
    c = masuk(cast.sari)
    html = c.get(url).content.decode()
    assert "Formulir kosong untuk paraf basah" in html and 'value="elektronik"' in html
    r = c.post(url, {"tahun": 2025, "varian": "paraf_basah"})
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert "formulir-paraf-basah-mentoring" in r["Content-Disposition"]
    assert "FORMULIR KOSONG UNTUK PARAF BASAH" in teks_pdf(r.content)
    assert not LembarTerbit.objects.exists()
    r = c.post(url, {"tahun": 2025, "varian": "elektronik"})
    assert r.status_code == 200 and LembarTerbit.objects.count() == 1
    assert c.post(url, {"tahun": 2025, "varian": "lain"}).status_code == 400
