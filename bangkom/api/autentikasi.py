"""How a call proves who it is (a key in `Authorization: Bearer …`), what it may do (scopes), how
often (per client, in the shared cache through `bangkom.lib.batas`), and the audit of every call."""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.throttling import BaseThrottle

from bangkom.lib.batas import lampaui

from .models import KlienAPI
from .services import klien_dari_kunci

PESAN_TANPA_KUNCI = "Kunci API tidak ada. Kirim header 'Authorization: Bearer <kunci>'."
PESAN_KUNCI_SALAH = "Kunci API tidak sah, sudah dicabut, atau sudah kedaluwarsa."
PESAN_BATAS = "Terlalu banyak permintaan dari klien ini. Tunggu sekitar satu menit, lalu coba lagi."


def _batas() -> int:
    return int(getattr(settings, "API_BATAS_PER_MENIT", 120))


class KunciAPI(BaseAuthentication):
    """`Authorization: Bearer bkm_…`. No key or a bad key: 401 (a bad key is also counted against the
    caller's address, so guessing is rate-limited like any other call)."""

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        jenis, _, kunci = header.partition(" ")
        if not header:
            return None
        if jenis.lower() != "bearer" or not kunci.strip():
            raise exceptions.AuthenticationFailed(PESAN_TANPA_KUNCI)
        klien = klien_dari_kunci(kunci)
        if klien is None:
            if lampaui(request, nama="api-kunci-salah", batas=_batas()):
                raise exceptions.Throttled(wait=60, detail=PESAN_BATAS)
            raise exceptions.AuthenticationFailed(PESAN_KUNCI_SALAH)
        return AnonymousUser(), klien

    def authenticate_header(self, request):
        return 'Bearer realm="bangkom-api"'


def klien_dari(request) -> KlienAPI | None:
    return request.auth if isinstance(request.auth, KlienAPI) else None


def klien_wajib(request) -> KlienAPI:
    """The calling client of a view behind WajibKlien (401 if, impossibly, there is none)."""
    klien = klien_dari(request)
    if klien is None:
        raise exceptions.NotAuthenticated(PESAN_TANPA_KUNCI)
    return klien


class WajibKlien(BasePermission):
    """A data endpoint needs a valid key (401 otherwise) and the view's `cakupan` (403 otherwise)."""

    message = "Kunci API ini tidak memiliki cakupan untuk endpoint ini."

    def has_permission(self, request, view):
        klien = klien_dari(request)
        if klien is None:
            raise exceptions.NotAuthenticated(PESAN_TANPA_KUNCI)
        cakupan = getattr(view, "cakupan", None)
        return cakupan is not None and klien.punya(cakupan)


class BatasPerKlien(BaseThrottle):
    """API_BATAS_PER_MENIT calls a minute per client, counted in the shared cache."""

    def allow_request(self, request, view):
        klien = klien_dari(request)
        identitas = f"klien-{klien.pk}" if klien is not None else None
        return not lampaui(request, nama="api", batas=_batas(), identitas=identitas)

    def wait(self):
        return 60
