from django.apps import AppConfig


class PegawaiConfig(AppConfig):
    name = "bangkom.pegawai"
    label = "pegawai"
    verbose_name = "Kepegawaian"

    def ready(self):
        # Imported here because models are not ready when apps.py is loaded (Django's rule).
        from django.db.models.signals import pre_save

        from .models import Pegawai
        from .sinyal import simpan_atribut_sebelum

        pre_save.connect(simpan_atribut_sebelum, sender=Pegawai, dispatch_uid="pegawai.atribut_sebelum")
