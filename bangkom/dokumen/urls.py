from django.urls import path

from . import views

app_name = "dokumen"
urlpatterns = [
    path("lembar/<int:pegawai_pk>/<str:jenis>/", views.lembar_unduh, name="lembar"),
    path("lembar/tersimpan/<str:kode>/", views.lembar_tersimpan_unduh, name="lembar-tersimpan"),
    path("ekspor/", views.ekspor_baru, name="ekspor"),
    path("ekspor/<int:pk>/", views.ekspor_detail, name="ekspor-detail"),
    path("ekspor/<int:pk>/status/", views.ekspor_status, name="ekspor-status"),
    path("ekspor/<int:pk>/unduh/", views.ekspor_unduh, name="ekspor-unduh"),
]
