from django.apps import AppConfig


class SesiConfig(AppConfig):
    name = "bangkom.sesi"
    label = "sesi"
    verbose_name = "Sesi bimbingan dan evaluasi"

    def ready(self):
        # Imported here because models are not ready when apps.py is loaded (Django's rule).
        from bangkom.pegawai.riwayat import daftarkan_sumber_riwayat
        from jp_conversion.sumber import daftarkan_paraf_sumber

        from .selectors import BUKAN_GILIRAN_PEMBIMBING, riwayat_konfirmasi, riwayat_sesi
        from .services import batal_dari_buku, paraf_dari_buku

        daftarkan_sumber_riwayat(riwayat_sesi)
        daftarkan_sumber_riwayat(riwayat_konfirmasi)
        # A session's ledger rows are initialled through the two-party rule, from any page, and the
        # paraf queues leave out the rows that wait for the participant or for a correction.
        daftarkan_paraf_sumber(
            "sesi.Sesi", paraf=paraf_dari_buku, batal=batal_dari_buku,
            bukan_giliran_pembimbing=BUKAN_GILIRAN_PEMBIMBING,
        )
