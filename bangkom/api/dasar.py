"""The base of every data endpoint (key, scope, rate limit, audit) and the error handler. Apart from
`autentikasi` because DRF's settings import that module while `rest_framework.views` loads."""
from __future__ import annotations

from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import APIView, exception_handler

from bangkom.lib.batas import alamat_ip_klien

from .autentikasi import PESAN_BATAS, BatasPerKlien, KunciAPI, WajibKlien, klien_dari
from .services import panggilan_catat


class TampilanAPI(APIView):
    """Base of every data endpoint: key, scope, rate limit, audit. Subclasses set `cakupan`."""

    authentication_classes = [KunciAPI]
    permission_classes = [WajibKlien]
    throttle_classes = [BatasPerKlien]
    cakupan: str | None = None

    def throttled(self, request, wait):
        raise exceptions.Throttled(wait=wait, detail=PESAN_BATAS)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        cocok = getattr(request, "resolver_match", None)
        try:
            klien = klien_dari(request)
        except exceptions.APIException:
            klien = None
        panggilan_catat(
            klien=klien, metode=request.method, endpoint=(cocok.view_name if cocok else "") or "",
            jalur=request.get_full_path(), status=response.status_code, alamat=alamat_ip_klien(request),
        )
        response["Cache-Control"] = "no-store"
        return response


def penangan_galat(exc, context):
    """DRF's handler, keeping the Indonesian message of an Http404 raised by a view."""
    if isinstance(exc, Http404) and exc.args:
        exc = exceptions.NotFound(str(exc.args[0]))
    return exception_handler(exc, context)
