from django.contrib import admin

from .models import LembarTerbit, ProsesEkspor


@admin.register(LembarTerbit)
class LembarTerbitAdmin(admin.ModelAdmin):
    """Audit of issued sheets (read-only: the record is what the QR code verifies against)."""

    list_display = ["kode", "pegawai", "jenis", "mulai", "selesai", "internal", "ditandatangani",
                    "diterbitkan_pada", "diterbitkan_oleh", "perlu_pengesahan", "disahkan_pada"]
    list_filter = ["jenis", "internal", "ditandatangani", "perlu_pengesahan"]
    search_fields = ["kode", "pegawai__nip", "pegawai__nama", "sha256"]
    list_select_related = ["pegawai", "diterbitkan_oleh"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProsesEkspor)
class ProsesEksporAdmin(admin.ModelAdmin):
    list_display = ["pk", "jenis_ekspor", "opd", "unit", "tahun", "status", "selesai_n", "total", "jumlah_gagal",
                    "peminta", "dibuat"]
    list_filter = ["jenis_ekspor", "status", "tahun"]
    list_select_related = ["opd", "unit", "diminta_oleh__pegawai"]

    def has_add_permission(self, request):
        return False
