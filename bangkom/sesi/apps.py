from django.apps import AppConfig


class SesiConfig(AppConfig):
    name = "bangkom.sesi"
    label = "sesi"
    verbose_name = "Sesi bimbingan dan evaluasi"

    def ready(self):
        # Imported here because models are not ready when apps.py is loaded (Django's rule).
        from bangkom.pegawai.riwayat import daftarkan_sumber_riwayat
        from jp_conversion.services import daftarkan_paraf_sumber

        from .selectors import riwayat_konfirmasi, riwayat_sesi
        from .services import _batal_dari_buku, _paraf_dari_buku

        daftarkan_sumber_riwayat(riwayat_sesi)
        daftarkan_sumber_riwayat(riwayat_konfirmasi)
        # A session's ledger rows are initialled through the two-party rule, from any page.
        daftarkan_paraf_sumber("sesi.Sesi", paraf=_paraf_dari_buku, batal=_batal_dari_buku)
