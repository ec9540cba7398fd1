from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from bangkom.pegawai import luring
from bangkom.pegawai import views as pegawai_views

admin.site.site_header = "Administrasi Bangkom"
admin.site.site_title = "Bangkom"
admin.site.index_title = "Data induk"

urlpatterns = [
    path("", include("bangkom.dasbor.urls")),
    path("masuk/", pegawai_views.MasukView.as_view(), name="masuk"),
    path("keluar/", luring.KeluarView.as_view(), name="keluar"),
    path("sw.js", luring.service_worker, name="sw"),
    path("manifest.webmanifest", luring.manifest, name="manifest"),
    path(
        "akun/ganti-sandi/",
        auth_views.PasswordChangeView.as_view(
            template_name="registration/ganti_sandi.html", success_url=reverse_lazy("beranda")
        ),
        name="ganti-sandi",
    ),
    path(
        "lupa-sandi/",
        auth_views.PasswordResetView.as_view(
            template_name="registration/lupa_sandi.html",
            email_template_name="registration/email_atur_sandi.txt",
            subject_template_name="registration/subjek_atur_sandi.txt",
            success_url=reverse_lazy("lupa-sandi-terkirim"),
        ),
        name="lupa-sandi",
    ),
    path(
        "lupa-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/lupa_sandi_terkirim.html"),
        name="lupa-sandi-terkirim",
    ),
    path(
        "atur-sandi/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/atur_sandi.html", success_url=reverse_lazy("masuk")
        ),
        name="atur-sandi",
    ),
    path("aktivasi/<uidb64>/<token>/", pegawai_views.AktivasiView.as_view(), name="aktivasi"),
    path("healthz", pegawai_views.healthz, name="healthz"),
    path("readyz", pegawai_views.readyz, name="readyz"),
    path("pegawai/", include("bangkom.pegawai.urls")),
    path("notifikasi/", include("bangkom.notifikasi.urls")),
    path("kompetensi/", include("bangkom.kompetensi.urls")),
    path("jp/", include("jp_conversion.urls")),
    path("sesi/", include("bangkom.sesi.urls")),
    path("coaching/", include("coaching.urls")),
    path("mentoring/", include("mentoring.urls")),
    path("belajar-mandiri/", include("belajar_mandiri.urls")),
    path("dokumen/", include("bangkom.dokumen.urls")),
    path("verifikasi/", include("bangkom.dokumen.urls_publik")),
    path("integrasi/", include("bangkom.api.urls")),
    path("api/v1/", include("bangkom.api.urls_api")),
    path("api/kalender/", include("bangkom.api.urls_kalender")),
    path("admin/", admin.site.urls),
]

handler403 = "bangkom.dasbor.views.galat_403"
handler404 = "bangkom.dasbor.views.galat_404"
handler500 = "bangkom.dasbor.views.galat_500"
