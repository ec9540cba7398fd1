"""Logs carry no full NIP and no password (UU 27/2022), whatever handler writes them."""
import logging

import pytest
from django.conf import settings

from bangkom.pegawai.log import SamarkanDataPribadi, samarkan_teks
from bangkom.pegawai.nip import samarkan

NIP = "198805172012031203"


@pytest.mark.parametrize(
    "teks, harus_ada, tidak_boleh",
    [
        (f"gagal masuk untuk {NIP}", samarkan(NIP), NIP),
        ("NIP 19880517 201203 1 203 ditolak", "1988", "201203"),
        ("password=rahasia-sekali&username=x", "password=********", "rahasia-sekali"),
        ("{'sandi': 'Rahasia123', 'nip': '1'}", "'sandi': ********", "Rahasia123"),
        ('{"new_password1": "abc def"}', '"new_password1": ********', "abc def"),
    ],
)
def test_masking(teks, harus_ada, tidak_boleh):
    hasil = samarkan_teks(teks)
    assert harus_ada in hasil and tidak_boleh not in hasil


def test_numbers_that_are_not_nips_are_left_alone():
    assert samarkan_teks("id 12345 jumlah 1234567890123456789 selesai") == "id 12345 jumlah 1234567890123456789 selesai"


def test_the_filter_masks_args_and_tracebacks():
    log = logging.getLogger("bangkom.uji")
    handler = logging.StreamHandler()
    handler.addFilter(SamarkanDataPribadi())
    tertulis = []
    handler.emit = lambda record: tertulis.append(handler.format(record))
    log.addHandler(handler)
    try:
        log.warning("impor %s gagal, password=%s", NIP, "bocor-kah")
        try:
            raise ValueError(f"NIP {NIP} ganda")
        except ValueError:
            log.exception("galat untuk %s", NIP)
    finally:
        log.removeHandler(handler)
    teks = "\n".join(tertulis)
    assert NIP not in teks and "bocor-kah" not in teks
    assert samarkan(NIP) in teks and "ValueError" in teks


def test_every_configured_handler_uses_the_filter():
    for nama, handler in settings.LOGGING["handlers"].items():
        assert "samarkan" in handler.get("filters", []), f"logging handler {nama} does not mask personal data"
    assert settings.LOGGING["filters"]["samarkan"]["()"] == "bangkom.pegawai.log.SamarkanDataPribadi"


def test_the_filter_is_live_on_the_root_logger():
    """Django applied settings.LOGGING at start-up: the console handler of the root logger masks."""
    handlers = [h for h in logging.getLogger().handlers if any(isinstance(f, SamarkanDataPribadi) for f in h.filters)]
    assert handlers
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "NIP %s", (NIP,), None)
    assert handlers[0].filter(record)
    assert record.getMessage() == f"NIP {samarkan(NIP)}"
