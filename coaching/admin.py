from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import KesepakatanCoaching, PenunjukanCoach


@admin.register(KesepakatanCoaching)
class KesepakatanCoachingAdmin(SimpleHistoryAdmin):
    list_display = ["pegawai", "atasan", "tujuan", "mulai", "selesai", "status", "diakui_pada"]
    list_filter = ["status"]
    search_fields = ["pegawai__nama", "pegawai__nip", "atasan__nama", "tujuan", "kegiatan"]
    raw_id_fields = ["atasan", "pegawai"]
    readonly_fields = ["diakui_pada", "ditutup_pada", "pengingat_dikirim"]


@admin.register(PenunjukanCoach)
class PenunjukanCoachAdmin(SimpleHistoryAdmin):
    """Read-mostly: appointments are made and ended on the kepala OPD / BPSDM pages (with reasons)."""

    list_display = ["pegawai", "coach", "mulai", "selesai", "ditunjuk_sebagai", "diakhiri_pada"]
    list_filter = ["ditunjuk_sebagai"]
    search_fields = ["pegawai__nama", "pegawai__nip", "coach__nama", "coach__nip"]
    raw_id_fields = ["pegawai", "coach", "ditunjuk_oleh", "diakhiri_oleh"]
    readonly_fields = ["sertifikat_saat_ditunjuk", "diakhiri_pada", "diakhiri_oleh"]
