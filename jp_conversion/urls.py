from django.urls import path

from . import views

app_name = "jp"
urlpatterns = [
    path("saya/", views.jp_saya, name="saya"),
    path("pegawai/<int:pk>/", views.jp_pegawai, name="pegawai"),
    path("eksternal/ajukan/", views.eksternal_ajukan, name="eksternal-ajukan"),
    path("eksternal/<int:pk>/", views.eksternal_detail, name="eksternal"),
    path("eksternal/<int:pk>/sertifikat/", views.eksternal_sertifikat, name="eksternal-sertifikat"),
    path("eksternal/<int:pk>/verifikasi/", views.eksternal_verifikasi, name="eksternal-verifikasi"),
    path("verifikasi/", views.verifikasi, name="verifikasi"),
]
