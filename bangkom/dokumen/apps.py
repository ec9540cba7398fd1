from django.apps import AppConfig


class DokumenConfig(AppConfig):
    name = "bangkom.dokumen"
    label = "dokumen"
    verbose_name = "Dokumen"
