from django.apps import AppConfig


class SesiConfig(AppConfig):
    name = "bangkom.sesi"
    label = "sesi"
    verbose_name = "Sesi bimbingan dan evaluasi"

    def ready(self):
        # Imported here because models are not ready when apps.py is loaded (Django's rule).
        from bangkom.pegawai.riwayat import daftarkan_sumber_riwayat

        from .selectors import riwayat_sesi

        daftarkan_sumber_riwayat(riwayat_sesi)
