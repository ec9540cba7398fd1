from django.apps import AppConfig


class DasborConfig(AppConfig):
    name = "bangkom.dasbor"
    label = "dasbor"
    verbose_name = "Dasbor dan Laporan"
