from django.urls import path

from . import views

app_name = "sesi"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/paraf/", views.paraf, name="paraf"),
    path("<int:pk>/konfirmasi/", views.konfirmasi, name="konfirmasi"),
    path("<int:pk>/tarik/", views.tarik, name="tarik"),
    path("<int:pk>/koreksi/", views.koreksi, name="koreksi"),
    path("evaluasi/rekap/", views.evaluasi_rekap_halaman, name="evaluasi-rekap"),
    path(
        "evaluasi/<str:induk>/<int:pk>/<str:skala>/", views.evaluasi, name="evaluasi",
    ),
]
