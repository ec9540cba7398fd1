from django.apps import AppConfig


class DokumenConfig(AppConfig):
    name = "bangkom.dokumen"
    label = "dokumen"
    verbose_name = "Dokumen"

    def ready(self):
        from . import checks  # noqa: F401  (registers the signing deployment checks)
