from django.urls import path

from . import views

app_name = "coaching"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("baru/", views.buat, name="buat"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/akui/", views.akui, name="akui"),
    path("<int:pk>/tutup/", views.tutup, name="tutup"),
    path("<int:pk>/sesi/", views.sesi_baru, name="sesi-baru"),
]
