"""Seed the competency dictionary on every install (PermenPANRB 38/2017: the eight managerial
competencies and Perekat Bangsa, levels 1–5). Existing rows are left as BPSDM edited them."""
from django.db import migrations


def isi_kamus(apps, schema_editor):
    from bangkom.kompetensi.kamus_awal import KAMUS

    Kompetensi = apps.get_model("kompetensi", "Kompetensi")
    LevelKompetensi = apps.get_model("kompetensi", "LevelKompetensi")
    for urutan, (kode, jenis, nama, definisi, level) in enumerate(KAMUS, start=1):
        k, _ = Kompetensi.objects.get_or_create(
            kode=kode, defaults={"jenis": jenis, "nama": nama, "definisi": definisi, "urutan": urutan}
        )
        for nomor, deskripsi in enumerate(level, start=1):
            LevelKompetensi.objects.get_or_create(kompetensi=k, level=nomor, defaults={"deskripsi": deskripsi})


class Migration(migrations.Migration):
    dependencies = [("kompetensi", "0001_initial")]

    operations = [migrations.RunPython(isi_kamus, migrations.RunPython.noop)]
