from django.urls import path

from . import views

app_name = "pegawai"
urlpatterns = [
    path("", views.pegawai_list, name="daftar"),
    path("<int:pk>/", views.pegawai_detail, name="detail"),
    path("<int:pk>/riwayat/", views.pegawai_riwayat, name="riwayat"),
    path("impor/", views.impor_pegawai, name="impor"),
    path("impor/templat.xlsx", views.impor_templat, name="impor-templat"),
    path("aktivasi/kirim/", views.aktivasi_kirim, name="aktivasi-kirim"),
    path("aktivasi/daftar.xlsx", views.aktivasi_daftar, name="aktivasi-daftar"),
]
