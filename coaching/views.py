"""Coaching pages: thin views over coaching.services / coaching.selectors; access through coaching.akses."""
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.lib.formulir import tempel_galat
from bangkom.lib.masukan import id_atau_none, istilah_cari
from bangkom.pegawai.akses import peran
from bangkom.sesi.akses import penilaian_evaluasi
from bangkom.sesi.forms import SesiForm
from bangkom.sesi.selectors import jp_hubungan
from bangkom.sesi.services import sesi_pratinjau

from .akses import boleh_akui_kesepakatan, boleh_kelola_kesepakatan, kesepakatan_atau_404
from .forms import KesepakatanForm, TutupForm
from .selectors import bawahan_untuk_coaching, kesepakatan_daftar, sesi_kesepakatan
from .services import coaching_sesi_catat, kesepakatan_akui, kesepakatan_buat, kesepakatan_tutup


def _remah(*tambahan):
    return [("Coaching", reverse("coaching:daftar")), *tambahan]


def _berjalan_untuk_coach(request, pk, tindakan: str, pesan_ke, pesan_tertutup: str):
    """The agreement, if the user is its coach (else 403) and it is still running; for a closed one
    the redirect to its page (with `pesan_tertutup`) comes second."""
    k = kesepakatan_atau_404(request.user, pk)
    if not boleh_kelola_kesepakatan(request.user, k):
        raise PermissionDenied(f"Hanya coach kesepakatan ini yang dapat {tindakan}.")
    if not k.menerima_sesi:
        pesan_ke(request, pesan_tertutup)
        return k, redirect("coaching:detail", pk=k.pk)
    return k, None


def daftar(request):
    p = peran(request.user)
    if p.pegawai is None:
        raise PermissionDenied("Halaman ini untuk pegawai.")
    sebagai = request.GET.get("sebagai") or ("coach" if p.atasan else "coachee")
    if sebagai not in ("coach", "coachee"):
        sebagai = "coachee"
    q = istilah_cari(request)
    halaman = Paginator(kesepakatan_daftar(user=request.user, sebagai=sebagai, q=q), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "coaching/daftar.html", {
        "halaman": halaman, "q": q, "sebagai": sebagai, "param_tambahan": f"sebagai={sebagai}&",
        "remah": [("Coaching", None)],
    })


@require_http_methods(["GET", "POST"])
def buat(request):
    p = peran(request.user)
    if not p.atasan:
        raise PermissionDenied("Kesepakatan coaching dibuat oleh atasan langsung untuk bawahannya.")
    bawahan = bawahan_untuk_coaching(p.pegawai)
    if request.method == "POST":
        form = KesepakatanForm(request.POST, bawahan=bawahan)
        if form.is_valid():
            try:
                k = kesepakatan_buat(atasan=p.pegawai, **form.cleaned_data)
            except ValidationError as exc:
                tempel_galat(form, exc)
            else:
                messages.success(request, f"Kesepakatan coaching dengan {k.pegawai.nama} dibuat; pegawai diberi tahu.")
                return redirect("coaching:detail", pk=k.pk)
    else:
        hari_ini = timezone.localdate()
        awal = {"mulai": hari_ini, "selesai": hari_ini + timedelta(days=90)}
        pilihan = request.GET.get("pegawai", "")
        if id_atau_none(pilihan) and bawahan.filter(pk=pilihan).exists():
            awal["pegawai"] = int(pilihan)
        form = KesepakatanForm(initial=awal, bawahan=bawahan)
    return render(request, "coaching/form.html", {
        "form": form, "remah": _remah(("Kesepakatan baru", None)),
    })


def detail(request, pk):
    k = kesepakatan_atau_404(request.user, pk)
    hasil = jp_hubungan(sesi_kesepakatan(k), pegawai=k.pegawai)
    boleh_kelola = boleh_kelola_kesepakatan(request.user, k)
    evaluasi = k.evaluasi.select_related("penilai")
    return render(request, "coaching/detail.html", {
        "k": k, "daftar_sesi": hasil.daftar_sesi, "menunggu": hasil.menunggu if boleh_kelola else [], "jp": hasil.jp,
        "boleh_kelola": boleh_kelola, "boleh_akui": boleh_akui_kesepakatan(request.user, k) and not k.diakui,
        "nilai_manfaat": penilaian_evaluasi(request.user, k, "manfaat") is not None,
        "nilai_kontribusi": penilaian_evaluasi(request.user, k, "kontribusi") is not None,
        "evaluasi": evaluasi, "remah": _remah((str(k), None)),
    })


@require_POST
def akui(request, pk):
    k = kesepakatan_atau_404(request.user, pk)
    if not boleh_akui_kesepakatan(request.user, k):
        raise PermissionDenied("Hanya pegawai yang di-coaching yang dapat mengakui kesepakatan ini.")
    try:
        kesepakatan_akui(kesepakatan=k, oleh=peran(request.user).pegawai)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Kesepakatan coaching sudah Anda akui.")
    return redirect("coaching:detail", pk=k.pk)


@require_http_methods(["GET", "POST"])
def tutup(request, pk):
    k, tertutup = _berjalan_untuk_coach(request, pk, "menutupnya", messages.info, "Kesepakatan ini sudah ditutup.")
    if tertutup:
        return tertutup
    form = TutupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kesepakatan_tutup(kesepakatan=k, oleh=peran(request.user).pegawai, **form.cleaned_data)
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            messages.success(request, "Kesepakatan coaching ditutup.")
            return redirect("coaching:detail", pk=k.pk)
    return render(request, "coaching/tutup.html", {
        "k": k, "form": form, "remah": _remah((str(k), k.get_absolute_url()), ("Tutup", None)),
    })


@require_http_methods(["GET", "POST"])
def sesi_baru(request, pk):
    """The coach logs a session from a phone: date and times, topic, Simpan. "Periksa JP" shows
    first what the session will give if initialled."""
    k, tertutup = _berjalan_untuk_coach(
        request, pk, "mencatat sesi", messages.error, "Kesepakatan ini sudah ditutup; sesi baru tidak dapat dicatat."
    )
    if tertutup:
        return tertutup
    pratinjau = None
    if request.method == "POST":
        form = SesiForm(request.POST)
        if form.is_valid():
            isi = form.isi()
            if request.POST.get("aksi") == "simpan":
                try:
                    coaching_sesi_catat(kesepakatan=k, oleh=peran(request.user).pegawai, isi=isi)
                except ValidationError as exc:
                    tempel_galat(form, exc)
                else:
                    messages.success(request, "Sesi tersimpan dan menunggu paraf Anda.")
                    return redirect(f"{k.get_absolute_url()}#menunggu-paraf")
            pratinjau = sesi_pratinjau(jenis="coaching", peserta=[k.pegawai], tanggal=isi.tanggal, lingkup=isi.lingkup)
    else:
        form = SesiForm(initial={"tanggal": timezone.localdate()})
    return render(request, "coaching/sesi_form.html", {
        "k": k, "form": form, "pratinjau": pratinjau,
        "remah": _remah((str(k), k.get_absolute_url()), ("Catat sesi", None)),
    })
