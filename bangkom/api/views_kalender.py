"""The employee's page for their private calendar feed, and the feed itself (token in the address,
no session: a calendar app fetches it)."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from bangkom.dokumen.lembar import alamat_situs, situs_permintaan
from bangkom.lib.batas import batasi
from bangkom.pegawai.akses import pegawai_saya

from . import kalender

_TOKEN_SESI = "kalender_token_baru"


@never_cache
@require_GET
def kalender_saya(request):
    saya = pegawai_saya(request.user)
    token = request.session.pop(_TOKEN_SESI, None)
    url = alamat_situs(situs_permintaan(request)) + reverse("kalender:feed", args=[token]) if token else ""
    return render(request, "api/kalender.html", {
        "aktif": kalender.token_aktif(saya), "url": url, "jumlah": kalender.sesi_kalender(saya).count(),
        "remah": [("Kalender saya", None)],
    })


@require_POST
def kalender_buat(request):
    saya = pegawai_saya(request.user)
    request.session[_TOKEN_SESI] = kalender.kalender_buat(pegawai=saya)
    messages.success(request, f"Tautan kalender baru dibuat; tautan lama tidak berlaku lagi. "
                              f"Sesi dalam kalender: {kalender.sesi_kalender(saya).count()}.")
    return redirect("integrasi:kalender")


@require_POST
def kalender_cabut(request):
    n = kalender.kalender_cabut(pegawai=pegawai_saya(request.user))
    messages.success(request, f"Tautan kalender dicabut ({n} tautan). Tautan aktif sekarang: 0.")
    return redirect("integrasi:kalender")


@require_GET
@batasi(nama="kalender", batas=60)
def kalender_feed(request, token):
    pegawai = kalender.pegawai_dari_token(token)
    if pegawai is None:
        raise Http404("Tautan kalender tidak dikenal atau sudah dicabut.")
    resp = HttpResponse(kalender.ics(pegawai, situs=alamat_situs(situs_permintaan(request))),
                        content_type="text/calendar; charset=utf-8")
    resp["Content-Disposition"] = 'inline; filename="bangkom.ics"'
    resp["Cache-Control"] = "private, max-age=300"
    return resp
