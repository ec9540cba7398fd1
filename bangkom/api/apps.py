from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bangkom.api"
    label = "api"
    verbose_name = "API integrasi"

    def ready(self):
        from . import skema  # noqa: F401  (registers the key's OpenAPI security scheme)
