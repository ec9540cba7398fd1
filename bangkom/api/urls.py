from django.urls import path

from . import views

app_name = "integrasi"

urlpatterns = [
    path("klien/", views.klien_daftar, name="klien"),
    path("klien/baru/", views.klien_baru, name="klien-baru"),
    path("klien/<int:pk>/kunci/", views.klien_kunci, name="klien-kunci"),
    path("klien/<int:pk>/cabut/", views.klien_cabut, name="klien-cabut"),
]
