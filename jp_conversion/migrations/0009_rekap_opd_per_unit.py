"""The province summary rows gain the OPD dashboard's per-unit table and monthly trend (`per_unit`,
`per_bulan` in `nilai`). Rows written before lack them, so they go: an OPD without rows is computed
live by the readers until the next ledger write or `manage.py ringkasan_provinsi` writes it again."""
from django.db import migrations


def hapus_ringkasan_lama(apps, schema_editor):
    apps.get_model("jp_conversion", "RekapOpd").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("jp_conversion", "0008_rekap_opd_ringkasan_provinsi")]

    operations = [migrations.RunPython(hapus_ringkasan_lama, migrations.RunPython.noop)]
