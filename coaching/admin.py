from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import KesepakatanCoaching


@admin.register(KesepakatanCoaching)
class KesepakatanCoachingAdmin(SimpleHistoryAdmin):
    list_display = ["pegawai", "atasan", "tujuan", "mulai", "selesai", "status", "diakui_pada"]
    list_filter = ["status"]
    search_fields = ["pegawai__nama", "pegawai__nip", "atasan__nama", "tujuan", "kegiatan"]
    raw_id_fields = ["atasan", "pegawai"]
    readonly_fields = ["diakui_pada", "ditutup_pada", "pengingat_dikirim"]
