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
    path("coachee/", views.saya_coach, name="saya-coach"),
    path("penunjukan/", views.penunjukan, name="penunjukan"),
    path("penunjukan/baru/", views.penunjukan_baru, name="penunjukan-baru"),
    path("penunjukan/<int:pk>/akhiri/", views.penunjukan_akhiri_view, name="penunjukan-akhiri"),
]
