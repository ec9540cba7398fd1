from django.apps import AppConfig


class JpConversionConfig(AppConfig):
    name = "jp_conversion"
    label = "jp_conversion"
    verbose_name = "Konversi JP"

    def ready(self):
        # Imported here because models are not ready when apps.py is loaded (Django's rule).
        from django.db.models import Q
        from django.db.models.signals import post_delete, post_save

        from bangkom.pegawai.models import Pegawai
        from bangkom.pegawai.pembimbingan import daftarkan_pembimbing
        from bangkom.pegawai.riwayat import daftarkan_sumber_riwayat
        from bangkom.pegawai.sinyal import atasan_berganti

        from . import rekap_opd
        from .eksternal import atasan_berganti_diterima
        from .models import Kegiatan, StatusKegiatan, TargetJP
        from .selectors import riwayat_kegiatan

        # The pembimbing of an activity still waiting for their paraf sees its employee (a current
        # relationship); once initialled or refused, it grants nothing more.
        daftarkan_pembimbing(
            Kegiatan, pembimbing="pembimbing", peserta="pegawai", saat_ini=Q(status=StatusKegiatan.DIAJUKAN)
        )
        daftarkan_sumber_riwayat(riwayat_kegiatan)
        # External activities waiting for a former supervisor move to the new one.
        atasan_berganti.connect(atasan_berganti_diterima, dispatch_uid="jp_conversion.atasan_berganti")
        # The province summary follows the employees and the targets it is keyed on.
        post_save.connect(rekap_opd.pegawai_berubah, sender=Pegawai, dispatch_uid="rekap_opd.pegawai")
        post_delete.connect(rekap_opd.pegawai_dihapus, sender=Pegawai, dispatch_uid="rekap_opd.hapus")
        post_save.connect(rekap_opd.target_berubah, sender=TargetJP, dispatch_uid="rekap_opd.target")
        post_delete.connect(rekap_opd.target_berubah, sender=TargetJP, dispatch_uid="rekap_opd.target_hapus")
