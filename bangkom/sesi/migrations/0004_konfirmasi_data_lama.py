"""Existing sessions under the two-party confirmation (RULES §3):
- every session was logged by its pembimbing (the only one who could log before);
- a session already initialled stood behind by both: its participants count as having confirmed it
  (dated at the paraf), so no credit changes; a rejected one keeps its rejection; a waiting one now
  also waits for the participant's confirmation;
- the audit history says so: one history row per changed session and participant, with the reason
  below (the employee's audit trail, `bangkom.pegawai.riwayat`, shows `history_change_reason`)."""
from django.db import migrations
from django.db.models import F
from django.utils import timezone

ALASAN = "Migrasi: sesi yang sudah diparaf dianggap dikonfirmasi"
ALASAN_TOLAK = "Migrasi: sesi yang ditolak tetap ditolak"
POTONG = 500


def _salin(historis, obj, **tambahan):
    """The historical row's fields from the object (fields the history excludes are skipped)."""
    ada = {f.attname for f in historis._meta.concrete_fields}
    data = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname in ada}
    return data | tambahan


def maju(apps, schema_editor):
    Sesi = apps.get_model("sesi", "Sesi")
    PesertaSesi = apps.get_model("sesi", "PesertaSesi")
    HistoricalSesi = apps.get_model("sesi", "HistoricalSesi")
    HistoricalPesertaSesi = apps.get_model("sesi", "HistoricalPesertaSesi")
    Sesi.objects.filter(dicatat_oleh__isnull=True).update(dicatat_oleh=F("pembimbing"))
    sekarang = timezone.now()
    riwayat_sesi, riwayat_peserta, sesi_diparaf = [], [], set()
    qs = PesertaSesi.objects.select_related("kegiatan").filter(kegiatan__status__in=["disetujui", "ditolak"])
    for ps in qs.order_by("pk").iterator(chunk_size=POTONG):
        kg = ps.kegiatan
        if kg.status == "disetujui":
            ps.paraf, ps.diparaf_pada = "diparaf", kg.diparaf_pada
            ps.konfirmasi, ps.dikonfirmasi_pada = "dikonfirmasi", kg.diparaf_pada or sekarang
            alasan = ALASAN
            sesi_diparaf.add(ps.sesi_id)
        else:
            ps.paraf, ps.diparaf_pada = "ditolak", kg.diparaf_pada
            alasan = ALASAN_TOLAK
        ps.save(update_fields=["paraf", "diparaf_pada", "konfirmasi", "dikonfirmasi_pada"])
        riwayat_peserta.append(HistoricalPesertaSesi(**_salin(
            HistoricalPesertaSesi, ps, history_date=sekarang, history_type="+", history_change_reason=alasan,
        )))
    ids = sorted(sesi_diparaf)
    for i in range(0, len(ids), POTONG):  # SQLite caps the parameters of one statement
        for s in Sesi.objects.filter(pk__in=ids[i:i + POTONG]).order_by("pk"):
            riwayat_sesi.append(HistoricalSesi(**_salin(
                HistoricalSesi, s, history_date=sekarang, history_type="~", history_change_reason=ALASAN,
            )))
    HistoricalPesertaSesi.objects.bulk_create(riwayat_peserta, batch_size=POTONG)
    HistoricalSesi.objects.bulk_create(riwayat_sesi, batch_size=POTONG)


class Migration(migrations.Migration):
    dependencies = [("sesi", "0003_konfirmasi_dua_pihak"), ("jp_conversion", "0002_kegiatan_eksternal")]

    operations = [migrations.RunPython(maju, migrations.RunPython.noop)]
