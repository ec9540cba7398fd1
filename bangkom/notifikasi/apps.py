from django.apps import AppConfig


class NotifikasiConfig(AppConfig):
    name = "bangkom.notifikasi"
    label = "notifikasi"
    verbose_name = "Notifikasi"

    def ready(self):
        # Imported here because models are not ready when apps.py is loaded (Django's rule).
        from bangkom.pegawai.akses import daftarkan_anotasi_peran

        from .selectors import belum_dibaca_subquery

        # The navigation badge rides on the per-request role query instead of a query of its own.
        daftarkan_anotasi_peran("_notifikasi_belum", belum_dibaca_subquery)
