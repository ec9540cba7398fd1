"""The two LMS sources every agency starts with. A data migration, not seed_demo: the mappings are
configuration a production database needs on its first import (BPSDM then edits them on the page),
not demo people."""
from django.db import migrations

BAWAAN = [
    dict(kode="asn-unggul", nama="LMS Nasional (ASN Unggul)", jenis="e_learning", format_tanggal="%Y-%m-%d",
         penyelenggara_bawaan="LAN RI (ASN Unggul)", kolom_nip="NIP", kolom_materi="Judul Pelatihan",
         kolom_tanggal="Tanggal Selesai", kolom_jp="JP", kolom_penyelenggara="Penyelenggara",
         kolom_nomor_sertifikat="Nomor Sertifikat", kolom_url_bukti="Tautan Sertifikat"),
    dict(kode="lms-provinsi", nama="LMS Provinsi", jenis="e_learning", format_tanggal="%d/%m/%Y",
         penyelenggara_bawaan="BPSDM Provinsi", kolom_nip="NIP Peserta", kolom_materi="Nama Kursus",
         kolom_tanggal="Tgl Lulus", kolom_jp="Jumlah JP", kolom_penyelenggara="Lembaga",
         kolom_nomor_sertifikat="No. Sertifikat", kolom_url_bukti="URL Bukti"),
]


def tambah(apps, schema_editor):
    SumberLMS = apps.get_model("jp_conversion", "SumberLMS")
    for data in BAWAAN:
        SumberLMS.objects.get_or_create(kode=data["kode"], defaults=data)


def hapus(apps, schema_editor):
    apps.get_model("jp_conversion", "SumberLMS").objects.filter(
        kode__in=[d["kode"] for d in BAWAAN], penyelesaian__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("jp_conversion", "0006_sumber_lms")]
    operations = [migrations.RunPython(tambah, hapus)]
