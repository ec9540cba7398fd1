from django.apps import AppConfig


class SesiConfig(AppConfig):
    name = "bangkom.sesi"
    label = "sesi"
    verbose_name = "Sesi bimbingan dan evaluasi"
