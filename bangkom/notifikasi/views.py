from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bangkom.pegawai.akses import peran

from .models import Notifikasi
from .services import notifikasi_tandai_dibaca


def daftar(request):
    pegawai = peran(request.user).pegawai
    qs = Notifikasi.objects.filter(penerima=pegawai) if pegawai else Notifikasi.objects.none()
    halaman = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(request, "notifikasi/daftar.html", {"halaman": halaman})


@require_POST
def tandai_dibaca(request):
    pegawai = peran(request.user).pegawai
    if pegawai:
        notifikasi_tandai_dibaca(penerima=pegawai)
    return redirect("notifikasi:daftar")
