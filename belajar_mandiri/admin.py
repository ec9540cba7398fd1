from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import LogBelajar, PenugasanBelajar, Resume, SumberBelajar


class SumberInline(admin.TabularInline):
    model = SumberBelajar
    extra = 0
    fields = ["jenis", "judul", "url", "keterangan"]


@admin.register(PenugasanBelajar)
class PenugasanBelajarAdmin(SimpleHistoryAdmin):
    list_display = ["topik", "pegawai", "atasan", "status", "mulai", "selesai", "jp_rencana"]
    list_filter = ["status", "lingkup"]
    search_fields = ["topik", "pegawai__nama", "pegawai__nip"]
    raw_id_fields = ["pegawai", "atasan"]
    inlines = [SumberInline]


@admin.register(LogBelajar)
class LogBelajarAdmin(admin.ModelAdmin):
    """Read-only: logs and their paraf change only through the workflow (the ledger recomputes)."""

    list_display = ["kegiatan", "penugasan", "menit"]
    search_fields = ["penugasan__topik", "kegiatan__materi", "penugasan__pegawai__nama"]
    readonly_fields = ["penugasan", "sumber", "kegiatan", "menit"]

    def has_add_permission(self, request):
        return False


@admin.register(Resume)
class ResumeAdmin(SimpleHistoryAdmin):
    list_display = ["judul", "penugasan", "status", "diparaf_oleh", "diparaf_pada"]
    list_filter = ["status"]
    search_fields = ["judul", "penugasan__pegawai__nama"]
    readonly_fields = ["diparaf_oleh", "diparaf_pada"]
