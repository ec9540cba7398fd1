# KlienAPI and TokenKalender share the abstract RahasiaTercabut: the hash columns are renamed (the
# stored hashes are kept) and the shared fields get one label; no other change to the tables.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('api', '0002_token_kalender'),
    ]

    operations = [
        migrations.RenameField(model_name='klienapi', old_name='hash_kunci', new_name='sidik'),
        migrations.RenameField(model_name='tokenkalender', old_name='hash_token', new_name='sidik'),
        migrations.AlterField(
            model_name='klienapi',
            name='sidik',
            field=models.CharField(max_length=64, verbose_name='SHA-256'),
        ),
        migrations.AlterField(
            model_name='tokenkalender',
            name='sidik',
            field=models.CharField(max_length=64, verbose_name='SHA-256'),
        ),
        migrations.AlterField(
            model_name='klienapi',
            name='awalan',
            field=models.CharField(max_length=16, unique=True, verbose_name='awalan'),
        ),
        migrations.AlterField(
            model_name='tokenkalender',
            name='awalan',
            field=models.CharField(max_length=16, unique=True, verbose_name='awalan'),
        ),
    ]
