from django.apps import AppConfig


class KompetensiConfig(AppConfig):
    name = "bangkom.kompetensi"
    label = "kompetensi"
    verbose_name = "Kompetensi"
