import re
from datetime import date

import pytest

from bangkom.pegawai.nip import NIPTidakValid, samarkan, urai_ni_pppk, urai_nip


def test_it_reads_a_valid_nip():
    nip = urai_nip("19850312 201001 1 001")
    assert nip.nilai == "198503122010011001"
    assert nip.tanggal_lahir == date(1985, 3, 12)
    assert (nip.tahun_pengangkatan, nip.bulan_pengangkatan) == (2010, 1)
    assert nip.jenis_kelamin == "L"


@pytest.mark.parametrize(
    ("nilai", "pesan"),
    [
        ("", "wajib diisi"),
        ("19850312A010011001", "hanya boleh berisi angka"),
        ("1985031220100110", "harus 18 digit; yang diisi 16 digit"),
        ("198502302010011001", "bukan tanggal lahir yang valid"),
        ("198503122010131001", "bukan bulan pengangkatan yang valid"),
        ("198503121980011001", "sebelum tanggal lahir"),
        ("198503122010013001", "harus 1 (laki-laki) atau 2 (perempuan)"),
        ("198503122010011000", "tidak boleh 000"),
        ("185003122010011001", "tidak masuk akal"),
    ],
)
def test_each_fault_has_its_own_message(nilai, pesan):
    with pytest.raises(NIPTidakValid, match=re.escape(pesan)):
        urai_nip(nilai)


def test_appointment_in_the_future_is_rejected():
    tahun = date.today().year + 1
    with pytest.raises(NIPTidakValid, match="belum terjadi"):
        urai_nip(f"19850312{tahun}011001")


def test_ni_pppk_needs_the_pppk_code():
    assert urai_ni_pppk("199203152022212001").jenis_kelamin == "P"
    with pytest.raises(NIPTidakValid, match="kode PPPK"):
        urai_ni_pppk("199203152022012001")
    with pytest.raises(NIPTidakValid, match="sejak 2019"):
        urai_ni_pppk("199203152015212001")


def test_masking_hides_the_birth_date():
    assert samarkan("198503122010011001") == "1985***********001"


# Issue 17 [R] item 6: str.isdigit() accepts Arabic-Indic, full-width and superscript digits;
# a NIP written with them would be a look-alike duplicate of an ASCII one (or crash int()).
ASCII = "198503122010011001"
LOOK_ALIKE = {
    "arab": ASCII.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
    "persia": ASCII.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),
    "lebar_penuh": ASCII.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "superskrip": ASCII[:10] + "¹" + ASCII[11:],
    "superskrip_awal": "¹" + ASCII[1:],
}


@pytest.mark.parametrize("nilai", LOOK_ALIKE.values(), ids=LOOK_ALIKE.keys())
@pytest.mark.parametrize("urai", [urai_nip, urai_ni_pppk])
def test_only_ascii_digits_are_accepted(urai, nilai):
    with pytest.raises(NIPTidakValid, match="angka 0-9"):
        urai(nilai)


def test_a_look_alike_nip_cannot_be_imported_next_to_the_ascii_one(cast):
    from bangkom.pegawai import impor
    from tests.pegawai.test_impor import baris, xlsx

    hasil = impor.pratinjau(xlsx(baris(ASCII, "Asli"), baris(LOOK_ALIKE["arab"], "Tiruan"),
                                 baris(LOOK_ALIKE["superskrip"], "Superskrip")))
    masalah = {b.nomor: b.masalah for b in hasil.baris}
    assert masalah[2] == []
    assert any("angka 0-9" in m for m in masalah[3])
    assert any("angka 0-9" in m for m in masalah[4])


def test_the_nip_field_refuses_a_superscript_digit_with_a_message():
    from django.core.exceptions import ValidationError

    from bangkom.pegawai.forms import NIPField

    with pytest.raises(ValidationError, match="angka 0-9"):
        NIPField().clean(LOOK_ALIKE["superskrip"])
