"""BPSDM pages for API clients: list, create, revoke. The new key goes through the session to the
page after the redirect, which shows it once and forgets it."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import akses, selectors, services
from .forms import KlienForm

PER_HALAMAN = 25
_KUNCI_SESI = "kunci_api_baru_{}"


@require_GET
def klien_daftar(request):
    akses.wajib_pengelola_api(request.user)
    halaman = Paginator(selectors.klien_daftar(), PER_HALAMAN).get_page(request.GET.get("page"))
    return render(request, "api/klien_daftar.html", {
        "halaman": halaman, "remah": [("Klien API", None)],
    })


@never_cache
@require_http_methods(["GET", "POST"])
def klien_baru(request):
    akses.wajib_pengelola_api(request.user)
    form = KlienForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            klien, kunci = services.klien_buat(nama=d["nama"], cakupan=d["cakupan"], opd=d["opd"],
                                               kedaluwarsa=d["kedaluwarsa"], oleh=request.user)
        except ValidationError as e:
            for kolom, pesan in e.message_dict.items():
                form.add_error(kolom if kolom in form.fields else None, pesan)
        else:
            messages.success(request, f"Klien API “{klien.nama}” dibuat. Klien aktif sekarang: "
                                      f"{selectors.jumlah_klien_aktif()}.")
            request.session[_KUNCI_SESI.format(klien.pk)] = kunci
            return redirect("integrasi:klien-kunci", pk=klien.pk)
    return render(request, "api/klien_form.html", {
        "form": form, "remah": [("Klien API", reverse("integrasi:klien")), ("Klien baru", None)],
    })


@never_cache
@require_GET
def klien_kunci(request, pk):
    """The new key, once: taken out of the session as it is shown."""
    klien = akses.klien_atau_404(request.user, pk)
    return render(request, "api/klien_kunci.html", {
        "klien": klien, "kunci": request.session.pop(_KUNCI_SESI.format(klien.pk), None),
        "remah": [("Klien API", reverse("integrasi:klien")), (klien.nama, None)],
    })


@require_POST
def klien_cabut(request, pk):
    klien = akses.klien_atau_404(request.user, pk)
    services.klien_cabut(klien=klien, oleh=request.user)
    messages.success(request, f"Kunci klien “{klien.nama}” dicabut. Klien aktif sekarang: "
                              f"{selectors.jumlah_klien_aktif()}.")
    return redirect("integrasi:klien")
