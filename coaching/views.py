"""Coaching pages: thin views over coaching.services / coaching.selectors; access through coaching.akses."""
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.lib.formulir import PesanGalat, tempel_galat
from bangkom.lib.masukan import id_atau_none, istilah_cari
from bangkom.pegawai.akses import pegawai_laporan, pegawai_saya, peran
from bangkom.sesi.akses import penilaian_evaluasi
from bangkom.sesi.catat import formulir_sesi, pesan_tercatat
from bangkom.sesi.selectors import jp_hubungan

from .akses import (
    boleh_akui_kesepakatan,
    boleh_catat_sesi_kesepakatan,
    boleh_kelola_kesepakatan,
    kesepakatan_atau_404,
    penunjukan_dikelola_atau_404,
    wajib_pengelola_penunjukan,
)
from .forms import AkhiriPenunjukanForm, KesepakatanForm, PenunjukanForm, TutupForm
from .selectors import (
    bawahan_untuk_coaching,
    coach_terdaftar,
    kesepakatan_daftar,
    penunjukan_daftar,
    penunjukan_saya,
    sesi_kesepakatan,
)
from .services import (
    coaching_sesi_catat,
    kesepakatan_akui,
    kesepakatan_buat,
    kesepakatan_tutup,
    penunjukan_akhiri,
    penunjukan_berlaku,
    penunjukan_buat,
    peringatan_sertifikat,
)


def _remah(*tambahan):
    return [("Coaching", reverse("coaching:daftar")), *tambahan]


def _berjalan_untuk_coach(request, pk, tindakan: str, pesan_ke, pesan_tertutup: str,
                          boleh=boleh_kelola_kesepakatan, siapa: str = "coach"):
    """The agreement, if `boleh(user, agreement)` (its coach by default; else 403) and it is still
    running; for a closed one the redirect to its page (with `pesan_tertutup`) comes second."""
    k = kesepakatan_atau_404(request.user, pk)
    if not boleh(request.user, k):
        raise PermissionDenied(f"Hanya {siapa} kesepakatan ini yang dapat {tindakan}.")
    if not k.menerima_sesi:
        pesan_ke(request, pesan_tertutup)
        return k, redirect("coaching:detail", pk=k.pk)
    return k, None


def daftar(request):
    p = peran(request.user)
    if p.pegawai is None:
        raise PermissionDenied("Halaman ini untuk pegawai.")
    boleh_buat = bawahan_untuk_coaching(p.pegawai).exists()
    punya_coachee = boleh_buat or p.pegawai.coaching_diberikan.exists()
    sebagai = request.GET.get("sebagai") or ("coach" if punya_coachee else "coachee")
    if sebagai not in ("coach", "coachee"):
        sebagai = "coachee"
    q = istilah_cari(request)
    halaman = Paginator(kesepakatan_daftar(user=request.user, sebagai=sebagai, q=q), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "coaching/daftar.html", {
        "halaman": halaman, "q": q, "sebagai": sebagai, "param_tambahan": f"sebagai={sebagai}&",
        "boleh_buat": boleh_buat, "punya_coachee": punya_coachee,
        "remah": [("Coaching", None)],
    })


@require_http_methods(["GET", "POST"])
def buat(request):
    p = peran(request.user)
    bawahan = bawahan_untuk_coaching(p.pegawai) if p.pegawai is not None else None
    if bawahan is None or not bawahan.exists():
        raise PermissionDenied(
            "Kesepakatan coaching dibuat oleh atasan langsung untuk bawahannya, atau oleh coach yang ditunjuk "
            "selama masa penunjukannya."
        )
    if not p.atasan:
        label = "Pegawai yang Anda coach (penunjukan)"
    elif bawahan.exclude(atasan=p.pegawai).exists():
        label = "Pegawai (bawahan langsung atau yang Anda coach)"
    else:
        label = "Pegawai (bawahan langsung)"
    if request.method == "POST":
        form = KesepakatanForm(request.POST, bawahan=bawahan, label_pegawai=label)
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
            pn = penunjukan_berlaku(coach=p.pegawai, pegawai_id=int(pilihan), tanggal=hari_ini)
            if pn is not None and pn.selesai < awal["selesai"]:
                awal["selesai"] = pn.selesai
        form = KesepakatanForm(initial=awal, bawahan=bawahan, label_pegawai=label)
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
        # The coachee logs a session themselves once the agreement is acknowledged (the coach initials it).
        "catat_sebagai_coachee": not boleh_kelola and k.diakui and boleh_catat_sesi_kesepakatan(request.user, k),
        "nilai_manfaat": penilaian_evaluasi(request.user, k, "manfaat") is not None,
        "nilai_kontribusi": penilaian_evaluasi(request.user, k, "kontribusi") is not None,
        "evaluasi": evaluasi, "remah": _remah((str(k), None)),
    })


@require_POST
def akui(request, pk):
    k = kesepakatan_atau_404(request.user, pk)
    if not boleh_akui_kesepakatan(request.user, k):
        raise PermissionDenied("Hanya pegawai yang di-coaching yang dapat mengakui kesepakatan ini.")
    with PesanGalat(request):
        kesepakatan_akui(kesepakatan=k, oleh=peran(request.user).pegawai)
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
    """The coach, or the coachee themselves, logs a session from a phone: date and times, topic,
    Simpan; "Periksa JP" shows first what it will give once both stood behind it. The other party
    then confirms (the coachee) or initials it (the coach)."""
    k, tertutup = _berjalan_untuk_coach(
        request, pk, "mencatat sesi", messages.error, "Kesepakatan ini sudah ditutup; sesi baru tidak dapat dicatat.",
        boleh=boleh_catat_sesi_kesepakatan, siapa="coach dan pegawai",
    )
    if tertutup:
        return tertutup
    oleh = peran(request.user).pegawai
    hasil = formulir_sesi(
        request, jenis="coaching", peserta=[k.pegawai],
        simpan=lambda isi, id_klien: coaching_sesi_catat(kesepakatan=k, oleh=oleh, isi=isi, id_klien=id_klien),
    )
    if hasil.sesi is not None:
        messages.success(request, pesan_tercatat(hasil.sesi))
        sebagai_coach = oleh.pk == k.atasan_id
        return redirect(f"{k.get_absolute_url()}{'#menunggu-paraf' if sebagai_coach else ''}")
    return render(request, "coaching/sesi_form.html", {
        "k": k, "form": hasil.form, "pratinjau": hasil.pratinjau, "sebagai_coach": oleh.pk == k.atasan_id,
        "remah": _remah((str(k), k.get_absolute_url()), ("Catat sesi", None)),
    })


# --- appointed coaches ---


def saya_coach(request):
    """"Pegawai yang saya coach": the user's appointments, with a one-tap "Buat kesepakatan" for
    those in force today. Every employee may open it (an empty list for those never appointed)."""
    saya = pegawai_saya(request.user, "Halaman ini untuk pegawai.")
    hari_ini = timezone.localdate()
    daftar_penunjukan = list(penunjukan_saya(saya))
    for pn in daftar_penunjukan:
        pn.status_hari_ini = pn.status_pada(hari_ini)
        pn.berlaku_hari_ini = pn.berlaku_pada(hari_ini)
    return render(request, "coaching/saya_coach.html", {
        "daftar_penunjukan": daftar_penunjukan, "remah": _remah(("Pegawai yang saya coach", None)),
    })


def penunjukan(request):
    """Kepala OPD (own OPD) and BPSDM: appointments, searched and filtered by status."""
    wajib_pengelola_penunjukan(request.user)
    q = istilah_cari(request)
    status = request.GET.get("status", "berlaku")
    if status not in ("", "berlaku", "akan", "selesai", "diakhiri"):
        status = ""
    hari_ini = timezone.localdate()
    halaman = Paginator(penunjukan_daftar(user=request.user, q=q, status=status, tanggal=hari_ini), 25).get_page(
        request.GET.get("page")
    )
    for pn in halaman:
        pn.status_hari_ini = pn.status_pada(hari_ini)
        pn.berlaku_hari_ini = pn.berlaku_pada(hari_ini)
    return render(request, "coaching/penunjukan_daftar.html", {
        "halaman": halaman, "q": q, "status": status, "param_tambahan": f"status={status}&",
        "remah": [("Penunjukan coach", None)],
    })


@require_http_methods(["GET", "POST"])
def penunjukan_baru(request):
    wajib_pengelola_penunjukan(request.user)
    kwargs = {"pegawai_boleh": pegawai_laporan(request.user), "coach_boleh": coach_terdaftar()}
    if request.method == "POST":
        form = PenunjukanForm(request.POST, **kwargs)
        if form.is_valid():
            isi = form.isi()
            try:
                pn = penunjukan_buat(oleh=request.user, **isi)
            except ValidationError as exc:
                tempel_galat(form, exc)
            else:
                messages.success(
                    request, f"{pn.coach.nama} ditunjuk sebagai coach {pn.pegawai.nama} "
                    f"({pn.mulai:%d-%m-%Y} s.d. {pn.selesai:%d-%m-%Y}); coach, pegawai dan atasannya diberi tahu.",
                )
                for pesan in peringatan_sertifikat(profil=form.cleaned_data["coach"], mulai=pn.mulai,
                                                   selesai=pn.selesai):
                    messages.warning(request, pesan)
                return redirect("coaching:penunjukan")
    else:
        hari_ini = timezone.localdate()
        # `?nip=` from the kepala's "perlu coaching" list: the coachee is already chosen.
        form = PenunjukanForm(initial={"mulai": hari_ini, "selesai": date(hari_ini.year, 12, 31),
                                       "nip": request.GET.get("nip", "")[:25]}, **kwargs)
    return render(request, "coaching/penunjukan_form.html", {
        "form": form, "remah": [("Penunjukan coach", reverse("coaching:penunjukan")), ("Tunjuk coach", None)],
    })


@require_http_methods(["GET", "POST"])
def penunjukan_akhiri_view(request, pk):
    wajib_pengelola_penunjukan(request.user)
    pn = penunjukan_dikelola_atau_404(request.user, pk)
    form = AkhiriPenunjukanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            penunjukan_akhiri(penunjukan=pn, oleh=request.user, alasan=form.cleaned_data["alasan_akhir"])
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            messages.success(request, f"Penunjukan {pn.coach.nama} sebagai coach {pn.pegawai.nama} diakhiri.")
            return redirect("coaching:penunjukan")
    berjalan = pn.kesepakatan.filter(status="berjalan").count()
    return render(request, "coaching/penunjukan_akhiri.html", {
        "pn": pn, "form": form, "berjalan": berjalan,
        "remah": [("Penunjukan coach", reverse("coaching:penunjukan")), ("Akhiri penunjukan", None)],
    })
