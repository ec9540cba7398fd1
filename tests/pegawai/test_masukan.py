from bangkom.lib.masukan import ID_MAKS, daftar_id


def test_only_valid_primary_keys_survive():
    assert daftar_id(["1", " 22 ", "abc", "-3", "0", str(ID_MAKS), str(ID_MAKS + 1), "1.5"]) == [1, 22, ID_MAKS]


def test_non_ascii_digits_are_not_ids():
    # issue 17 item 6: "²".isdigit() is True but int("²") raises; "٣" would silently become 3
    assert daftar_id(["²", "1²", "٣", "３", "7"]) == [7]


def test_one_id_from_a_request_value():
    from bangkom.lib.masukan import id_atau_none

    assert id_atau_none("42") == 42
    assert id_atau_none(" 42 ") == 42
    for buruk in ("", None, "0", "-1", "abc", "²", "٣", "9" * 20, "1.5"):
        assert id_atau_none(buruk) is None, buruk
