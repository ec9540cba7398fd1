"""Tells drf-spectacular how the API key is sent (loaded by ApiConfig.ready)."""
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class SkemaKunciAPI(OpenApiAuthenticationExtension):
    target_class = "bangkom.api.autentikasi.KunciAPI"
    name = "kunciAPI"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "Kunci API `bkm_…` dari Pengelola BPSDM: `Authorization: Bearer <kunci>`."}
