from django.apps import AppConfig


class JpConversionConfig(AppConfig):
    name = "jp_conversion"
    label = "jp_conversion"
    verbose_name = "Konversi JP"

    def ready(self):
        # Imported here because models are not ready when apps.py is loaded (Django's rule).
        from bangkom.pegawai.akses import daftarkan_pembimbing
        from bangkom.pegawai.riwayat import daftarkan_sumber_riwayat

        from .models import Kegiatan
        from .selectors import riwayat_kegiatan

        # The pembimbing of a recorded activity sees its employee.
        daftarkan_pembimbing(Kegiatan, pembimbing="pembimbing", peserta="pegawai")
        daftarkan_sumber_riwayat(riwayat_kegiatan)
