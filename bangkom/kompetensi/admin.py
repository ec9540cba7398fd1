from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    BarisRencana,
    DialogKesenjangan,
    IndikatorKinerjaUtama,
    Kompetensi,
    LevelKompetensi,
    PenilaianKinerja,
    PenilaianKompetensi,
    RencanaPengembangan,
    StandarKompetensi,
)


class LevelInline(admin.TabularInline):
    model = LevelKompetensi
    extra = 0


@admin.register(Kompetensi)
class KompetensiAdmin(admin.ModelAdmin):
    list_display = ["nama", "kode", "jenis", "rumpun", "aktif"]
    list_filter = ["jenis", "aktif"]
    search_fields = ["nama", "kode", "rumpun"]
    inlines = [LevelInline]


@admin.register(StandarKompetensi)
class StandarAdmin(SimpleHistoryAdmin):
    list_display = ["jabatan", "kompetensi", "level_standar"]
    list_filter = ["kompetensi__jenis"]
    search_fields = ["jabatan__nama", "jabatan__kode", "kompetensi__nama"]
    autocomplete_fields = ["kompetensi"]


@admin.register(PenilaianKompetensi)
class PenilaianAdmin(admin.ModelAdmin):
    list_display = ["pegawai", "kompetensi", "level", "sumber", "tanggal", "penilai"]
    list_filter = ["sumber", "kompetensi"]
    search_fields = ["pegawai__nama", "pegawai__nip"]
    raw_id_fields = ["pegawai", "penilai"]


@admin.register(DialogKesenjangan)
class DialogAdmin(SimpleHistoryAdmin):
    list_display = ["pegawai", "kompetensi", "tahun", "penyebab", "bentuk_dipilih"]
    list_filter = ["tahun", "penyebab", "bentuk_dipilih"]
    search_fields = ["pegawai__nama", "pegawai__nip"]
    raw_id_fields = ["pegawai", "dikonfirmasi_atasan"]


class BarisInline(admin.TabularInline):
    model = BarisRencana
    extra = 0
    raw_id_fields = ["dialog"]


@admin.register(RencanaPengembangan)
class RencanaAdmin(SimpleHistoryAdmin):
    list_display = ["pegawai", "tahun"]
    list_filter = ["tahun"]
    search_fields = ["pegawai__nama", "pegawai__nip"]
    raw_id_fields = ["pegawai"]
    inlines = [BarisInline]


@admin.register(IndikatorKinerjaUtama)
class IKUAdmin(SimpleHistoryAdmin):
    list_display = ["kode", "nama", "opd", "tahun"]
    list_filter = ["tahun", "opd"]
    search_fields = ["kode", "nama", "opd__nama"]
    list_select_related = ["opd"]


@admin.register(PenilaianKinerja)
class PenilaianKinerjaAdmin(SimpleHistoryAdmin):
    list_display = ["pegawai", "tahun", "predikat", "diubah"]
    list_filter = ["tahun", "predikat"]
    search_fields = ["pegawai__nama", "pegawai__nip"]
    raw_id_fields = ["pegawai"]
