from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Evaluasi, IndikatorEvaluasi, Sesi


@admin.register(IndikatorEvaluasi)
class IndikatorEvaluasiAdmin(admin.ModelAdmin):
    list_display = ["nama", "skala", "urutan", "aktif"]
    list_filter = ["skala", "aktif"]


@admin.register(Sesi)
class SesiAdmin(SimpleHistoryAdmin):
    list_display = ["tanggal", "jenis", "materi", "pembimbing"]
    list_filter = ["jenis"]
    search_fields = ["materi", "pembimbing__nama", "pembimbing__nip"]
    readonly_fields = ["induk_tipe", "induk_id"]


@admin.register(Evaluasi)
class EvaluasiAdmin(admin.ModelAdmin):
    list_display = ["tanggal", "jenis", "skala", "peserta", "pembimbing", "penilai"]
    list_filter = ["jenis", "skala"]
