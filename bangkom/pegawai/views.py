from functools import partial

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import aktivasi, impor, impor_alur
from .akses import pegawai_atau_404, wajib_bpsdm
from .forms import AktivasiForm, CariPegawaiForm, ImporPegawaiForm, MasukForm, SandiBaruForm
from .riwayat import boleh_lihat_riwayat, pegawai_riwayat_atau_403, riwayat_pegawai
from .selectors import pegawai_daftar

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class MasukView(auth_views.LoginView):
    form_class = MasukForm
    template_name = "registration/masuk.html"
    redirect_authenticated_user = True


def pegawai_list(request):
    form = CariPegawaiForm(request.GET)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    halaman = Paginator(pegawai_daftar(user=request.user, q=q), 25).get_page(request.GET.get("page"))
    return render(request, "pegawai/daftar.html", {"halaman": halaman, "form": form, "q": q})


def pegawai_detail(request, pk):
    pegawai = pegawai_atau_404(request.user, pk)
    return render(
        request, "pegawai/detail.html", {"p": pegawai, "boleh_riwayat": boleh_lihat_riwayat(request.user, pegawai)}
    )


@require_GET
def pegawai_riwayat(request, pk):
    """Audit trail of one employee: profile, activities, paraf, mentoring, sessions."""
    pegawai = pegawai_riwayat_atau_403(request.user, pk)
    halaman = Paginator(riwayat_pegawai(pegawai), 25).get_page(request.GET.get("page"))
    remah = [("Pegawai", reverse("pegawai:daftar")), (pegawai.nama, reverse("pegawai:detail", args=[pegawai.pk])),
             ("Riwayat perubahan", "")]
    return render(request, "pegawai/riwayat.html", {"p": pegawai, "halaman": halaman, "remah": remah})


@require_GET
def impor_templat(request):
    wajib_bpsdm(request.user)
    resp = HttpResponse(impor.templat_xlsx(), content_type=XLSX)
    resp["Content-Disposition"] = 'attachment; filename="templat-impor-pegawai.xlsx"'
    return resp


@require_http_methods(["GET", "POST"])
def impor_pegawai(request):
    """Upload → preview with every row's problems → commit (all or nothing); see impor_alur."""
    wajib_bpsdm(request.user)

    def pesan(ringkas: dict) -> str:
        teks = f"Impor selesai: {ringkas['dibuat']} pegawai baru, {ringkas['diperbarui']} diperbarui."
        if ringkas["dibuat"]:
            teks += " Akun pegawai baru belum dapat dipakai masuk: kirim tautan aktivasi di bagian Aktivasi akun."
        return teks

    def aktivasi_konteks() -> dict:
        belum = aktivasi.belum_aktif()
        return {"form_aktivasi": AktivasiForm(), "belum_aktif": belum.count(),
                "belum_aktif_tanpa_email": belum.filter(email="").count()}

    return impor_alur.halaman(
        request, jenis="pegawai", form_kelas=ImporPegawaiForm, pratinjau=impor.pratinjau,
        impor=partial(impor.pegawai_impor, oleh=request.user), template="pegawai/impor.html", pesan=pesan,
        konteks=aktivasi_konteks,
    )


class AktivasiView(auth_views.PasswordResetConfirmView):
    """The activation link (aktivasi.py): the employee sets a password and is signed in, on their home page."""

    token_generator = aktivasi.token_aktivasi
    form_class = SandiBaruForm
    template_name = "registration/aktivasi.html"
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"
    success_url = reverse_lazy("beranda")

    def form_valid(self, form):
        jawaban = super().form_valid(form)
        messages.success(self.request, "Akun Anda sudah aktif. Berikutnya, masuk dengan NIP dan kata sandi ini.")
        return jawaban


def _aktivasi_sasaran(request, data):
    wajib_bpsdm(request.user)
    form = AktivasiForm(data)
    opd = form.cleaned_data["opd"] if form.is_valid() else None
    return opd, aktivasi.belum_aktif(opd_id=opd.pk if opd else None), request.build_absolute_uri("/")


@require_POST
def aktivasi_kirim(request):
    """E-mail the activation links of the employees not yet activated (of one OPD, or all)."""
    opd, pegawai, dasar = _aktivasi_sasaran(request, request.POST)
    terkirim, tanpa_email = aktivasi.aktivasi_kirim(pegawai=pegawai, dasar=dasar)
    lingkup = opd.nama if opd else "semua OPD"
    pesan = f"Tautan aktivasi terkirim ke email {terkirim} pegawai ({lingkup})."
    if tanpa_email:
        pesan += f" {tanpa_email} pegawai tanpa email: unduh daftar tautan untuk dibagikan admin OPD."
    messages.success(request, pesan)
    return redirect(reverse("pegawai:impor") + "#aktivasi")


@require_POST
def aktivasi_daftar(request):
    """The activation links as an Excel list (name, NIP, OPD, link) for the OPD admin to hand out. A POST:
    every download makes fresh links, and no token of the page's form lands in a URL."""
    opd, pegawai, dasar = _aktivasi_sasaran(request, request.POST)
    resp = HttpResponse(aktivasi.daftar_xlsx(pegawai=pegawai, dasar=dasar), content_type=XLSX)
    nama = f"tautan-aktivasi-{opd.kode.lower() if opd else 'semua-opd'}-{timezone.localdate():%Y-%m-%d}.xlsx"
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp


def healthz(request):
    return JsonResponse({"status": "ok"})


def readyz(request):
    try:
        connection.ensure_connection()
        belum = MigrationExecutor(connection).migration_plan(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
    except Exception:
        return JsonResponse({"status": "basis data tidak dapat dihubungi"}, status=503)
    if belum:
        return JsonResponse({"status": "migrasi belum diterapkan", "jumlah": len(belum)}, status=503)
    return JsonResponse({"status": "siap"})
