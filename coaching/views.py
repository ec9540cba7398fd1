"""Coaching pages: thin views over coaching.services / coaching.selectors; access through akses."""
from datetime import timedelta

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.lib.masukan import id_atau_none, istilah_cari
from bangkom.pegawai.akses import (
    boleh_akui_kesepakatan,
    boleh_kelola_kesepakatan,
    kesepakatan_atau_404,
    penilaian_evaluasi,
    peran,
)
from bangkom.sesi.forms import SesiForm, tempel_galat
from bangkom.sesi.models import Evaluasi
from bangkom.sesi.services import sesi_pratinjau
from jp_conversion.models import StatusKegiatan

from .forms import KesepakatanForm, TutupForm
from .models import KesepakatanCoaching
from .selectors import bawahan_untuk_coaching, kesepakatan_daftar, sesi_kesepakatan
from .services import coaching_sesi_catat, kesepakatan_akui, kesepakatan_buat, kesepakatan_tutup


def _remah(*tambahan):
    return [("Coaching", reverse("coaching:daftar")), *tambahan]


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
    daftar_sesi = list(sesi_kesepakatan(k))
    boleh_kelola = boleh_kelola_kesepakatan(request.user, k)
    menunggu = [s for s in daftar_sesi if s.status == StatusKegiatan.DIAJUKAN] if boleh_kelola else []
    jp = sum((ps.kegiatan.jp for s in daftar_sesi for ps in s.peserta.all()), start=0)
    evaluasi = Evaluasi.objects.filter(
        induk_tipe=ContentType.objects.get_for_model(KesepakatanCoaching), induk_id=k.pk
    ).select_related("penilai")
    return render(request, "coaching/detail.html", {
        "k": k, "daftar_sesi": daftar_sesi, "menunggu": menunggu, "jp": jp,
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
    k = kesepakatan_atau_404(request.user, pk)
    if not boleh_kelola_kesepakatan(request.user, k):
        raise PermissionDenied("Hanya coach kesepakatan ini yang dapat menutupnya.")
    if not k.menerima_sesi:
        messages.info(request, "Kesepakatan ini sudah ditutup.")
        return redirect("coaching:detail", pk=k.pk)
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
    k = kesepakatan_atau_404(request.user, pk)
    if not boleh_kelola_kesepakatan(request.user, k):
        raise PermissionDenied("Hanya coach kesepakatan ini yang dapat mencatat sesi.")
    if not k.menerima_sesi:
        messages.error(request, "Kesepakatan ini sudah ditutup; sesi baru tidak dapat dicatat.")
        return redirect("coaching:detail", pk=k.pk)
    pratinjau = None
    if request.method == "POST":
        form = SesiForm(request.POST)
        if form.is_valid():
            d = dict(form.cleaned_data)  # add_error below drops fields from cleaned_data
            if request.POST.get("aksi") == "simpan":
                try:
                    coaching_sesi_catat(kesepakatan=k, oleh=peran(request.user).pegawai, **d)
                except ValidationError as exc:
                    tempel_galat(form, exc)
                else:
                    messages.success(request, "Sesi tersimpan dan menunggu paraf Anda.")
                    return redirect(f"{k.get_absolute_url()}#menunggu-paraf")
            pratinjau = sesi_pratinjau(
                jenis="coaching", peserta=[k.pegawai], tanggal=d["tanggal"], lingkup=d["lingkup"]
            )
    else:
        form = SesiForm(initial={"tanggal": timezone.localdate()})
    return render(request, "coaching/sesi_form.html", {
        "k": k, "form": form, "pratinjau": pratinjau,
        "remah": _remah((str(k), k.get_absolute_url()), ("Catat sesi", None)),
    })
