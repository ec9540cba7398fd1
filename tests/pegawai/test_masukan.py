from bangkom.lib.masukan import ID_MAKS, daftar_id


def test_only_valid_primary_keys_survive():
    assert daftar_id(["1", " 22 ", "abc", "-3", "0", str(ID_MAKS), str(ID_MAKS + 1), "1.5"]) == [1, 22, ID_MAKS]
