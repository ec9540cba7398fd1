from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views_api as v

app_name = "api"

urlpatterns = [
    # The contract holds no data: readable without a key. The docs page loads Swagger UI from the
    # vendored drf-spectacular-sidecar assets (no external script; its init script is a separate file).
    path("schema/", SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[]), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", authentication_classes=[],
                                                      permission_classes=[]), name="docs"),
    path("pegawai/", v.PegawaiDaftar.as_view(), name="pegawai"),
    path("pegawai/<str:nip>/jp/<str:tahun>/", v.JPPegawai.as_view(), name="jp-pegawai"),
    path("pemenuhan/opd/", v.PemenuhanOPD.as_view(), name="pemenuhan-opd"),
    path("pemenuhan/pegawai/", v.PemenuhanPegawai.as_view(), name="pemenuhan-pegawai"),
    path("lembar/", v.LembarDaftar.as_view(), name="lembar"),
    path("lembar/<str:kode>/", v.LembarDetail.as_view(), name="lembar-detail"),
    path("lembar/<str:kode>/pdf/", v.LembarPDF.as_view(), name="lembar-pdf"),
    path("kegiatan-eksternal/", v.KegiatanEksternalKirim.as_view(), name="kegiatan-eksternal"),
]
