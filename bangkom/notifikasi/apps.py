from django.apps import AppConfig


class NotifikasiConfig(AppConfig):
    name = "bangkom.notifikasi"
    label = "notifikasi"
    verbose_name = "Notifikasi"
