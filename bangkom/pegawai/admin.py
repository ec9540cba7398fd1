from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Instansi, Jabatan, Mentor, Pegawai, PerangkatDaerah, RiwayatImpor, UnitKerja
from .services import atasan_berganti_kabarkan


@admin.register(Instansi)
class InstansiAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "kota"]


@admin.register(PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "singkatan", "kepala", "wajib_pengesahan_kepala"]
    list_filter = ["wajib_pengesahan_kepala"]
    search_fields = ["kode", "nama", "singkatan"]
    autocomplete_fields = ["kepala"]


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "opd", "induk"]
    list_filter = ["opd"]
    search_fields = ["kode", "nama"]


@admin.register(Jabatan)
class JabatanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "jenis", "jenjang", "tingkat", "rumpun"]
    list_filter = ["jenis"]
    search_fields = ["kode", "nama"]


@admin.register(Pegawai)
class PegawaiAdmin(SimpleHistoryAdmin):
    list_display = ["nip", "nama", "jenis_asn", "jabatan", "opd", "atasan", "aktif"]
    list_filter = ["jenis_asn", "aktif", "opd"]
    search_fields = ["nip", "nama"]
    autocomplete_fields = ["atasan", "user"]
    list_select_related = ["jabatan", "opd", "atasan"]

    def save_model(self, request, obj, form, change):
        """A supervisor changed here is told to the apps like one changed by the import (the former
        supervisor's access and running coaching end: `services.atasan_berganti_kabarkan`)."""
        lama = None
        if change and "atasan" in form.changed_data:
            lama = Pegawai.objects.filter(bawahan__pk=obj.pk).first()  # the supervisor still stored
        super().save_model(request, obj, form, change)
        if change and "atasan" in form.changed_data:
            atasan_berganti_kabarkan(pegawai=obj, lama=lama, oleh=request.user)


@admin.register(Mentor)
class MentorAdmin(SimpleHistoryAdmin):
    list_display = ["pegawai", "bidang", "sertifikasi", "nomor_sertifikat", "sertifikat_berlaku_sampai", "aktif"]
    list_filter = ["sertifikasi", "aktif"]
    autocomplete_fields = ["pegawai"]


@admin.register(RiwayatImpor)
class RiwayatImporAdmin(admin.ModelAdmin):
    list_display = ["waktu", "jenis", "nama_berkas", "oleh", "dibuat", "diperbarui"]
