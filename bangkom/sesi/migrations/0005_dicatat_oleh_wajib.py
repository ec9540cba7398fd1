import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("sesi", "0004_konfirmasi_data_lama"), ("pegawai", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="sesi",
            name="dicatat_oleh",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="sesi_dicatat", to="pegawai.pegawai",
                verbose_name="dicatat oleh",
            ),
        ),
    ]
