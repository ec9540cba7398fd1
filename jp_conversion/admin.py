"""Data induk for BPSDM: the yearly targets are editable; the ledger is read-only here, because
credits are written only by the ledger services (a hand edit would be overwritten at the next
recompute, and would bypass the paraf rules)."""
from django.contrib import admin

from .models import Kegiatan, KegiatanEksternal, RekapTahunan, TargetJP


@admin.register(TargetJP)
class TargetJPAdmin(admin.ModelAdmin):
    list_display = ("tahun", "jenis_asn", "target")
    list_filter = ("jenis_asn",)
    ordering = ("-tahun", "jenis_asn")


class KegiatanEksternalInline(admin.StackedInline):
    model = KegiatanEksternal
    fields = ("penyelenggara", "nomor_sertifikat", "dibuat")
    readonly_fields = fields
    can_delete = False
    extra = 0


class HanyaBaca:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Kegiatan)
class KegiatanAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ("tanggal", "pegawai", "jenis", "lingkup", "status", "jp", "dihitung", "alasan")
    list_filter = ("tahun", "jenis", "status", "dihitung", "lingkup")
    search_fields = ("pegawai__nama", "pegawai__nip", "materi")
    list_select_related = ("pegawai",)
    date_hierarchy = "tanggal"
    inlines = [KegiatanEksternalInline]


@admin.register(RekapTahunan)
class RekapTahunanAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ("tahun", "pegawai", "jp_coaching", "jp_mentoring", "jp_belajar_mandiri", "jp_lainnya", "total")
    list_filter = ("tahun",)
    search_fields = ("pegawai__nama", "pegawai__nip")
    list_select_related = ("pegawai",)
