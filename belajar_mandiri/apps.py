from django.apps import AppConfig


class BelajarMandiriConfig(AppConfig):
    name = "belajar_mandiri"
    label = "belajar_mandiri"
    verbose_name = "Belajar Mandiri"

    def ready(self) -> None:
        # Imported here because models are not ready when apps.py is loaded (Django's rule).
        from bangkom.pegawai.sinyal import atasan_berganti

        from .pergantian_atasan import atasan_berganti_diterima

        # Running self-study assignments follow the employee's supervisor.
        atasan_berganti.connect(atasan_berganti_diterima, dispatch_uid="belajar_mandiri.atasan_berganti")
