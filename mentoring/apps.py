from django.apps import AppConfig

from bangkom.sesi.kontrak import daftarkan_kabar_paraf


class MentoringConfig(AppConfig):
    name = "mentoring"
    label = "mentoring"
    verbose_name = "Mentoring"

    def ready(self) -> None:
        # Imported here because models are not ready when apps.py is loaded (Django's rule).
        from django.db.models import Q

        from bangkom.pegawai.pembimbingan import daftarkan_pembimbing
        from bangkom.pegawai.riwayat import daftarkan_sumber_riwayat

        from .models import PermintaanMentoring
        from .selectors import riwayat_permintaan
        from .services import kabari_paraf

        # The mentor asked for in a request sees the requester while the request is open (waiting,
        # running, paused); declined, ended or finished, it grants nothing more. Any request addressed
        # to them makes the mentor role (their dashboard lists their own history).
        daftarkan_pembimbing(
            PermintaanMentoring, pembimbing="mentor", peserta="pemohon", peran_mentor=True,
            saat_ini=Q(status__in=PermintaanMentoring.TERBUKA),
        )
        daftarkan_sumber_riwayat(riwayat_permintaan)
        daftarkan_kabar_paraf("mentoring.PermintaanMentoring", kabari_paraf)
