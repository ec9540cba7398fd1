from django.apps import AppConfig

from bangkom.sesi.kontrak import daftarkan_kabar_paraf


class CoachingConfig(AppConfig):
    name = "coaching"
    label = "coaching"
    verbose_name = "Coaching"

    def ready(self) -> None:
        from .services import kabari_paraf  # services import models: only once the registry is ready

        daftarkan_kabar_paraf("coaching.KesepakatanCoaching", kabari_paraf)
