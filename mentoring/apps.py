from django.apps import AppConfig

from bangkom.sesi.kontrak import daftarkan_kabar_paraf


class MentoringConfig(AppConfig):
    name = "mentoring"
    label = "mentoring"
    verbose_name = "Mentoring"

    def ready(self) -> None:
        from .services import kabari_paraf  # services import models: only once the registry is ready

        daftarkan_kabar_paraf("mentoring.PermintaanMentoring", kabari_paraf)
