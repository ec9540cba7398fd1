from django.apps import AppConfig


class KompetensiConfig(AppConfig):
    name = "bangkom.kompetensi"
    label = "kompetensi"
    verbose_name = "Kompetensi"

    def ready(self):
        # Imported here because models are not ready when apps.py is loaded (Django's rule).
        from django.db.models.signals import post_delete, post_save

        from bangkom.pegawai.models import Pegawai

        from . import ringkasan
        from .models import Kompetensi, StandarKompetensi

        # The province gap summary follows the employees, the standards and the dictionary.
        post_save.connect(ringkasan.pegawai_berubah, sender=Pegawai, dispatch_uid="kesenjangan.pegawai")
        post_delete.connect(ringkasan.pegawai_dihapus, sender=Pegawai, dispatch_uid="kesenjangan.hapus")
        for model in (StandarKompetensi, Kompetensi):
            post_save.connect(ringkasan.provinsi_berubah, sender=model, dispatch_uid=f"kesenjangan.{model.__name__}")
            post_delete.connect(ringkasan.provinsi_berubah, sender=model,
                                dispatch_uid=f"kesenjangan.{model.__name__}.hapus")
