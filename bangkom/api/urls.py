from django.urls import path

from . import views, views_kalender

app_name = "integrasi"

urlpatterns = [
    path("klien/", views.klien_daftar, name="klien"),
    path("klien/baru/", views.klien_baru, name="klien-baru"),
    path("klien/<int:pk>/kunci/", views.klien_kunci, name="klien-kunci"),
    path("klien/<int:pk>/cabut/", views.klien_cabut, name="klien-cabut"),
    path("kalender/", views_kalender.kalender_saya, name="kalender"),
    path("kalender/baru/", views_kalender.kalender_buat, name="kalender-buat"),
    path("kalender/cabut/", views_kalender.kalender_cabut, name="kalender-cabut"),
]
