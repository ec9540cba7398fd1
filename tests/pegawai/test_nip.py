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
