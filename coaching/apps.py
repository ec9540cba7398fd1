from django.apps import AppConfig

from bangkom.sesi.kontrak import daftarkan_kabar_paraf


class CoachingConfig(AppConfig):
    name = "coaching"
    label = "coaching"
    verbose_name = "Coaching"

    def ready(self) -> None:
        from bangkom.pegawai.sinyal import atasan_berganti

        from .services import atasan_berganti_diterima, kabari_paraf  # services import models: only once ready

        daftarkan_kabar_paraf("coaching.KesepakatanCoaching", kabari_paraf)
        # A supervisor change ends the running coaching of the old pair (pegawai never imports coaching).
        atasan_berganti.connect(atasan_berganti_diterima, dispatch_uid="coaching.atasan_berganti")
