import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from . import impor
from .akses import boleh_lihat_riwayat, pegawai_atau_404, pegawai_riwayat_atau_403, wajib_bpsdm
from .forms import CariPegawaiForm, ImporPegawaiForm, MasukForm
from .models import RiwayatImpor
from .riwayat import riwayat_pegawai
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


def _berkas_sementara(token: str) -> Path:
    return Path(settings.MEDIA_ROOT) / "impor" / f"{uuid.UUID(token)}.xlsx"


@require_http_methods(["GET", "POST"])
def impor_pegawai(request):
    """Upload → preview with every row's problems → commit (all or nothing)."""
    wajib_bpsdm(request.user)
    form = ImporPegawaiForm()
    hasil = None
    token = None
    if request.method == "POST" and "token" in request.POST:
        # The token is single-use: the file is claimed by an atomic rename, so a double click or a
        # resubmitted form finds nothing to import instead of importing (and logging) twice.
        try:
            path = _berkas_sementara(request.POST["token"])
            klaim = path.with_name(f"{path.stem}.{uuid.uuid4().hex}.proses")
            path.rename(klaim)
        except (ValueError, OSError):
            messages.error(request, "Pratinjau impor sudah kedaluwarsa atau sudah diimpor. Unggah berkas sekali lagi.")
            return redirect("pegawai:impor")
        try:
            with transaction.atomic():
                ringkas = impor.pegawai_impor(isi=klaim.read_bytes())
                RiwayatImpor.objects.create(
                    jenis="pegawai", nama_berkas=request.POST.get("nama_berkas", "")[:255], oleh=request.user,
                    jumlah_baris=ringkas["baris"], dibuat=ringkas["dibuat"], diperbarui=ringkas["diperbarui"],
                )
        except impor.BerkasTidakValid as exc:
            messages.error(request, str(exc))
            return redirect("pegawai:impor")
        finally:
            klaim.unlink(missing_ok=True)
        messages.success(
            request,
            f"Impor selesai: {ringkas['dibuat']} pegawai baru, {ringkas['diperbarui']} diperbarui.",
        )
        return redirect("pegawai:impor")
    if request.method == "POST":
        form = ImporPegawaiForm(request.POST, request.FILES)
        if form.is_valid():
            isi = form.cleaned_data["berkas"].read()
            try:
                hasil = impor.pratinjau(isi)
            except impor.BerkasTidakValid as exc:
                form.add_error("berkas", str(exc))
            else:
                if hasil.valid:
                    token = str(uuid.uuid4())
                    path = _berkas_sementara(token)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(isi)
    riwayat = RiwayatImpor.objects.select_related("oleh")[:10]
    nama_berkas = request.FILES["berkas"].name if hasil is not None else ""
    return render(
        request, "pegawai/impor.html",
        {"form": form, "hasil": hasil, "token": token, "riwayat": riwayat, "nama_berkas": nama_berkas},
    )


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
