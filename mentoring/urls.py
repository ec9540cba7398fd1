from django.urls import path

from . import views

app_name = "mentoring"
urlpatterns = [
    path("", views.saya, name="saya"),
    path("ajukan/", views.ajukan, name="ajukan"),
    path("mentee/", views.mentee, name="mentee"),
    path("semua/", views.semua, name="semua"),
    path("pegawai/<int:pk>/", views.pegawai, name="pegawai"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/jawab/", views.jawab, name="jawab"),
    path("<int:pk>/jeda/", views.jeda, name="jeda"),
    path("<int:pk>/akhiri/", views.akhiri, name="akhiri"),
    path("<int:pk>/alihkan/", views.alihkan, name="alihkan"),
    path("<int:pk>/tahap/", views.tahap, name="tahap"),
    path("<int:pk>/sesi/baru/", views.sesi_baru, name="sesi-baru"),
    path("mentor/", views.mentor_daftar, name="mentor-daftar"),
    path("mentor/baru/", views.mentor_baru, name="mentor-baru"),
    path("mentor/<int:pk>/ubah/", views.mentor_ubah, name="mentor-ubah"),
    path("mentor/pegawai/<int:pk>/", views.mentor_profil, name="mentor-profil"),
]
