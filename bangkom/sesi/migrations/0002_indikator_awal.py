from django.db import migrations

# BPSDM Malut peer-mentoring study (RULES §5): the mentees' indicators and the supervisors'
# contribution-to-performance indicators. BPSDM can edit or extend them in the admin.
MANFAAT = [
    "Pemahaman terhadap tugas dan fungsi jabatan",
    "Kualitas hasil kerja",
    "Kepercayaan diri dalam bekerja",
    "Kerja sama dan koordinasi tim",
]
KONTRIBUSI = [
    "Ketepatan waktu",
    "Kualitas kerja",
    "Kerja sama dan koordinasi",
    "Kepatuhan terhadap SOP dan regulasi",
    "Kepercayaan diri dan kemandirian",
]


def isi(apps, schema_editor):
    Indikator = apps.get_model("sesi", "IndikatorEvaluasi")
    for skala, daftar in (("manfaat", MANFAAT), ("kontribusi", KONTRIBUSI)):
        for urutan, nama in enumerate(daftar, start=1):
            Indikator.objects.get_or_create(skala=skala, nama=nama, defaults={"urutan": urutan})


class Migration(migrations.Migration):
    dependencies = [("sesi", "0001_initial")]
    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
