from django.apps import AppConfig


class BelajarMandiriConfig(AppConfig):
    name = "belajar_mandiri"
    label = "belajar_mandiri"
    verbose_name = "Belajar Mandiri"
