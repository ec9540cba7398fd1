from django.urls import path

from . import views

app_name = "verifikasi"
urlpatterns = [
    path("<str:kode>/", views.verifikasi_detail, name="detail"),
]
