from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import PermintaanMentoring


@admin.register(PermintaanMentoring)
class PermintaanMentoringAdmin(SimpleHistoryAdmin):
    list_display = ["topik", "pemohon", "mentor", "format", "status", "tanggal_pengajuan"]
    list_filter = ["status", "format"]
    search_fields = ["topik", "pemohon__nama", "mentor__nama", "pemohon__nip"]
    raw_id_fields = ["pemohon", "mentor", "diakhiri_oleh", "dialihkan_dari"]
    date_hierarchy = "tanggal_pengajuan"
