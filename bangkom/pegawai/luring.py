"""The installable web app (issue 22): the service worker, served from the site root so its scope
covers every page, the web manifest, and a sign-out that clears what the device kept (the queue of
entries waiting for a signal and the cached pages). The offline queue itself is `static/js/luring.js`."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from django.contrib.auth.views import LogoutView
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.http import require_GET

# What the service worker keeps so that a page opens without a signal.
CANGKANG = (
    "vendor/bootstrap/bootstrap.min.css", "css/bangkom.css", "vendor/bootstrap/bootstrap.bundle.min.js",
    "js/bangkom.js", "js/luring.js", "js/belajar_mandiri.js", "favicon.svg", "ikon/bangkom-192.png",
)
WARNA = "#0a4fb3"


@lru_cache(maxsize=1)
def _versi(urls: tuple[str, ...]) -> str:
    """Changes whenever a shell file or the worker changes (hashed URLs in production, contents in
    development), so the worker drops its old cache."""
    h = hashlib.sha256("\n".join(urls).encode())
    for nama in CANGKANG:
        berkas = finders.find(nama)
        if isinstance(berkas, str):
            with open(berkas, "rb") as f:
                h.update(f.read())
    return h.hexdigest()[:12]


@require_GET
def service_worker(request):
    urls = tuple(static(n) for n in CANGKANG)
    js = render_to_string("luring/sw.js", {"cangkang": json.dumps(list(urls)), "versi": _versi(urls)})
    resp = HttpResponse(js, content_type="text/javascript; charset=utf-8")
    resp["Service-Worker-Allowed"] = "/"
    resp["Cache-Control"] = "no-cache"
    return resp


@require_GET
def manifest(request):
    data = {
        "name": "Bangkom · Pengembangan Kompetensi ASN", "short_name": "Bangkom", "lang": "id",
        "start_url": "/", "scope": "/", "display": "standalone",
        "background_color": "#ffffff", "theme_color": WARNA,
        "icons": [
            {"src": static("ikon/bangkom-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("ikon/bangkom-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any maskable"},
        ],
    }
    resp = JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})
    resp["Cache-Control"] = "public, max-age=86400"
    return resp


class KeluarView(LogoutView):
    """Django's sign-out, plus: the browser erases this site's storage (the queue of entries waiting
    for a signal, the cached pages, the service worker). The page script clears them too (luring.js)."""

    def post(self, request, *args, **kwargs):
        resp = super().post(request, *args, **kwargs)
        resp["Clear-Site-Data"] = '"cache", "storage"'
        return resp
