"""Logs without personal data (UU 27/2022): a logging filter, wired into every handler in
settings.LOGGING, that masks NIP-like 18-digit numbers (first 4 and last 3 digits kept, as
`nip.samarkan`) and blanks anything that looks like a password, in the message, its arguments
and the formatted traceback."""
from __future__ import annotations

import logging
import re

from .nip import samarkan

# 18 digits not glued to other digits, optionally written with spaces (NIP in groups 8-6-1-3).
_NIP = re.compile(r"(?<!\d)(\d{8})[ ]?(\d{6})[ ]?(\d)[ ]?(\d{3})(?!\d)")
# password=..., "sandi": "...", new_password1=... (query strings, dict reprs, JSON, form dumps).
_SANDI = re.compile(
    r"""(?P<kunci>["']?[\w-]*(?:password|passwd|sandi|secret|rahasia)[\w-]*["']?\s*[:=]\s*)"""
    r"""(?P<nilai>"[^"]*"|'[^']*'|[^\s&,;}\]]+)""",
    re.IGNORECASE,
)
DISAMARKAN = "********"


def samarkan_teks(teks: str) -> str:
    """Mask every NIP-like number and password value in a piece of text."""
    teks = _NIP.sub(lambda m: samarkan("".join(m.groups())), teks)
    return _SANDI.sub(lambda m: m.group("kunci") + DISAMARKAN, teks)


class SamarkanDataPribadi(logging.Filter):
    """Never drops a record; rewrites it so no handler sees a full NIP or a password."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            pesan = record.getMessage()
        except Exception:  # a broken format string must not hide the record
            pesan = f"{record.msg} {record.args}"
        record.msg = samarkan_teks(pesan)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = samarkan_teks(record.exc_text)
        if record.stack_info:
            record.stack_info = samarkan_teks(record.stack_info)
        return True
