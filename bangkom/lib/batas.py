"""A small fixed-window rate limit per client IP, kept in Django's cache (no extra package):
public pages such as the sheet verification must not be scraped or brute-forced for codes."""
from __future__ import annotations

import ipaddress
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

TANPA_ALAMAT = "tanpa-alamat"  # the rate-limit key of a request without a client address
PESAN = "Terlalu banyak permintaan dari alamat Anda. Tunggu sekitar satu menit, lalu coba lagi."


def _alamat(teks: str) -> str | None:
    try:
        return str(ipaddress.ip_address(teks.strip()))
    except ValueError:
        return None


def _tepercaya(alamat: str, jaringan: list) -> bool:
    ip = ipaddress.ip_address(alamat)
    return any(ip in j for j in jaringan)


def alamat_klien(request) -> str:
    """The client's address, for the rate limits and for django-axes (AXES_CLIENT_IP_CALLABLE).

    Behind nginx every request arrives from the proxy; the client is in X-Forwarded-For, which
    anyone can also send. So the header is believed only as far as `settings.PROXY_TEPERCAYA`
    vouches for it: 0 (default) ignores it; a count N takes the address the outermost of N proxies
    saw (the N-th entry from the right of REMOTE_ADDR + the header); a list of proxy addresses or
    networks walks from the right past trusted proxies to the first address that is not one.
    A forged header only adds entries on the left, which are never reached."""
    langsung = _alamat(request.META.get("REMOTE_ADDR", "")) or TANPA_ALAMAT
    tepercaya = getattr(settings, "PROXY_TEPERCAYA", 0) or 0
    if not tepercaya or langsung == TANPA_ALAMAT:
        return langsung
    rantai = [langsung]
    for bagian in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        alamat = _alamat(bagian)
        if alamat is None:
            break  # garbage: nothing to its left can be trusted
        rantai.append(alamat)
    if isinstance(tepercaya, int):
        return rantai[min(tepercaya, len(rantai) - 1)]
    jaringan = [ipaddress.ip_network(j, strict=False) for j in tepercaya]
    for alamat in rantai:
        if not _tepercaya(alamat, jaringan):
            return alamat
    return rantai[-1]


def alamat_ip_klien(request) -> str | None:
    """For django-axes (AXES_CLIENT_IP_CALLABLE): the same address, or None for a request that carries
    none (a sign-in made in code, e.g. the test client's force_login): axes stores it in an IP column,
    which PostgreSQL validates."""
    alamat = alamat_klien(request)
    return None if alamat == TANPA_ALAMAT else alamat


def lampaui(request, *, nama: str, batas: int, jendela: int = 60, identitas: str | None = None) -> bool:
    """Count this request in the current window; True once the client is over `batas`. The client
    is its address, or `identitas` when the caller knows better (an API client counted per key)."""
    slot = int(time.time() // jendela)
    kunci = f"batas:{nama}:{identitas or alamat_klien(request)}:{slot}"
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
