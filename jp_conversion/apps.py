from django.apps import AppConfig


class JpConversionConfig(AppConfig):
    name = "jp_conversion"
    label = "jp_conversion"
    verbose_name = "Konversi JP"
