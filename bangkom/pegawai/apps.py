from django.apps import AppConfig


class PegawaiConfig(AppConfig):
    name = "bangkom.pegawai"
    label = "pegawai"
    verbose_name = "Kepegawaian"
