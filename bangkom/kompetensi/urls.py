from django.urls import path

from . import views, views_iku, views_kinerja

app_name = "kompetensi"
urlpatterns = [
    path("", views.saya, name="saya"),
    path("pegawai/", views.tim, name="tim"),
    path("pegawai/<int:pk>/", views.pegawai_kompetensi, name="pegawai"),
    path("pegawai/<int:pk>/penilaian/", views.penilaian_tambah, name="penilaian-tambah"),
    path("pegawai/<int:pk>/dialog/<int:kompetensi_pk>/", views.dialog, name="dialog"),
    path("pegawai/<int:pk>/dialog/konfirmasi/<int:dialog_pk>/", views.dialog_konfirmasi, name="dialog-konfirmasi"),
    path("pegawai/<int:pk>/rencana/", views.rencana, name="rencana"),
    path("pegawai/<int:pk>/rencana/<int:baris_pk>/hapus/", views.rencana_baris_hapus, name="rencana-baris-hapus"),
    path("kamus/", views.kamus, name="kamus"),
    path("kamus/tambah/", views.kamus_ubah, name="kamus-tambah"),
    path("kamus/<int:pk>/", views.kamus_ubah, name="kamus-ubah"),
    path("standar/", views.standar, name="standar"),
    path("standar/<int:pk>/", views.standar_jabatan, name="standar-jabatan"),
    path("standar/impor/", views.standar_impor, name="standar-impor"),
    path("standar/templat.xlsx", views.standar_templat, name="standar-templat"),
    path("standar/ekspor.xlsx", views.standar_ekspor, name="standar-ekspor"),
    path("kinerja/impor/", views_kinerja.kinerja_impor_view, name="kinerja-impor"),
    path("kinerja/templat.xlsx", views_kinerja.kinerja_templat, name="kinerja-templat"),
    path("peta/", views.peta, name="peta"),
    path("peta/unduh/", views.unduh, name="unduh"),
    path("iku/", views_iku.iku_daftar, name="iku"),
    path("iku/tambah/", views_iku.iku_ubah, name="iku-tambah"),
    path("iku/<int:pk>/", views_iku.iku_ubah, name="iku-ubah"),
    path("akpk/", views_iku.akpk_halaman, name="akpk"),
    path("akpk/unduh/", views_iku.akpk_unduh, name="akpk-unduh"),
]
