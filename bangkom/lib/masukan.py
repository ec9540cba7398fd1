"""Parsing of raw request values shared by views (lists of ids from checkboxes)."""

ID_MAKS = 2**63 - 1  # the largest value a BIGINT primary key (and SQLite's INTEGER) can hold


def daftar_id(nilai: list[str]) -> list[int]:
    """The valid primary keys in a list of submitted strings; anything else (text, negatives,
    numbers beyond a BIGINT) is dropped instead of reaching the database as an error."""
    hasil = []
    for v in nilai:
        v = v.strip()
        if v.isdigit() and 0 < int(v) <= ID_MAKS:
            hasil.append(int(v))
    return hasil


def istilah_cari(request, nama: str = "q") -> str:
    """A search term from the query string: trimmed, without NUL characters (PostgreSQL refuses
    them in a query) and at most 100 characters (a huge LIKE pattern fails on SQLite)."""
    return request.GET.get(nama, "").replace("\x00", "").strip()[:100]
