from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "coaching"
    label = "coaching"
    verbose_name = "Coaching"

    def ready(self) -> None:
        # Models and services may only be imported once the app registry is ready.
        from bangkom.sesi.kontrak import daftarkan_kabar_paraf

        from .models import KesepakatanCoaching
        from .services import kabari_paraf

        daftarkan_kabar_paraf(KesepakatanCoaching, kabari_paraf)
