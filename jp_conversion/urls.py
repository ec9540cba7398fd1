from django.urls import path

from . import views, views_lms

app_name = "jp"
urlpatterns = [
    path("saya/", views.jp_saya, name="saya"),
    path("pegawai/<int:pk>/", views.jp_pegawai, name="pegawai"),
    path("eksternal/ajukan/", views.eksternal_ajukan, name="eksternal-ajukan"),
    path("eksternal/<int:pk>/", views.eksternal_detail, name="eksternal"),
    path("eksternal/<int:pk>/sertifikat/", views.eksternal_sertifikat, name="eksternal-sertifikat"),
    path("eksternal/<int:pk>/verifikasi/", views.eksternal_verifikasi, name="eksternal-verifikasi"),
    path("verifikasi/", views.verifikasi, name="verifikasi"),
    path("lms/impor/", views_lms.lms_impor, name="lms-impor"),
    path("lms/sumber/", views_lms.lms_sumber, name="lms-sumber"),
    path("lms/sumber/baru/", views_lms.lms_sumber_ubah, name="lms-sumber-baru"),
    path("lms/sumber/<int:pk>/", views_lms.lms_sumber_ubah, name="lms-sumber-ubah"),
]
