"""A small fixed-window rate limit per client IP, kept in Django's cache (no extra package):
public pages such as the sheet verification must not be scraped or brute-forced for codes."""
from __future__ import annotations

import time
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

PESAN = "Terlalu banyak permintaan dari alamat Anda. Tunggu sekitar satu menit, lalu coba lagi."


def alamat_klien(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "tanpa-alamat"


def lampaui(request, *, nama: str, batas: int, jendela: int = 60) -> bool:
    """Count this request in the current window; True once the client is over `batas`."""
    slot = int(time.time() // jendela)
    kunci = f"batas:{nama}:{alamat_klien(request)}:{slot}"
    if cache.add(kunci, 1, timeout=jendela + 5):
        return batas < 1
    try:
        jumlah = cache.incr(kunci)
    except ValueError:  # expired between add and incr
        cache.set(kunci, 1, timeout=jendela + 5)
        jumlah = 1
    return jumlah > batas


def batasi(*, nama: str, batas: int = 60, jendela: int = 60):
    """View decorator: 429 with an Indonesian message and Retry-After once over the limit."""

    def dekorator(view):
        @wraps(view)
        def terbungkus(request, *args, **kwargs):
            if lampaui(request, nama=nama, batas=batas, jendela=jendela):
                resp = HttpResponse(PESAN, status=429, content_type="text/plain; charset=utf-8")
                resp["Retry-After"] = str(jendela)
                return resp
            return view(request, *args, **kwargs)

        return terbungkus

    return dekorator
