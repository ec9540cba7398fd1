from django.urls import path

from . import views

app_name = "belajar_mandiri"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("usulkan/", views.usulkan, name="usulkan"),
    path("kalender/", views.kalender, name="kalender"),
    path("resume/", views.resume_saya, name="resume_saya"),
    path("tim/", views.tim, name="tim"),
    path("tugaskan/", views.tugaskan, name="tugaskan"),
    path("paraf/", views.paraf, name="paraf"),
    path("sumber/rekap/", views.sumber_rekap, name="sumber_rekap"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/putuskan/", views.putuskan, name="putuskan"),
    path("<int:pk>/evaluasi/", views.evaluasi, name="evaluasi"),
    path("<int:pk>/sumber/", views.sumber_tambah, name="sumber_tambah"),
    path("<int:pk>/log/", views.log_catat, name="log_catat"),
    path("<int:pk>/resume/tulis/", views.resume_tulis, name="resume_tulis"),
    path("<int:pk>/resume/<int:resume_pk>/ubah/", views.resume_tulis, name="resume_ubah"),
    path("sumber/<int:pk>/unduh/", views.sumber_unduh, name="sumber_unduh"),
    path("log/<int:pk>/paraf/", views.log_paraf, name="log_paraf"),
    path("log/<int:pk>/hapus/", views.log_hapus, name="log_hapus"),
    path("resume/<int:pk>/", views.resume_detail, name="resume"),
    path("resume/<int:pk>/paraf/", views.resume_paraf, name="resume_paraf"),
    path("resume/<int:pk>/unduh/", views.resume_unduh, name="resume_unduh"),
]
