from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    label = "mentoring"
    verbose_name = "Mentoring"

    def ready(self) -> None:
        # Models and services may only be imported once the app registry is ready.
        from bangkom.sesi.kontrak import daftarkan_kabar_paraf

        from .models import PermintaanMentoring
        from .services import kabari_paraf

        daftarkan_kabar_paraf(PermintaanMentoring, kabari_paraf)
