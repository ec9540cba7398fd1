from django.urls import path

from . import views

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("dasbor/pegawai/", views.dasbor_pegawai, name="dasbor-pegawai"),
    path("dasbor/atasan/", views.dasbor_atasan, name="dasbor-atasan"),
    path("dasbor/atasan/paraf/", views.paraf_banyak, name="dasbor-paraf-banyak"),
    path("dasbor/mentor/", views.dasbor_mentor, name="dasbor-mentor"),
    path("dasbor/kepala/", views.dasbor_kepala, name="dasbor-kepala"),
    path("dasbor/kepala/pengesahan/", views.pengesahan_lembar, name="dasbor-pengesahan"),
    path("dasbor/kepala/sanggahan/", views.sesi_disanggah, name="dasbor-sanggahan"),
    path("dasbor/bpsdm/", views.dasbor_bpsdm, name="dasbor-bpsdm"),
    path("dasbor/laporan/jp/", views.laporan_jp, name="laporan-jp"),
]
