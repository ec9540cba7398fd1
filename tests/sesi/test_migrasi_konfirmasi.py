"""The data migration of the two-party confirmation (sesi 0004), run on rows shaped as before it:
initialled sessions count as confirmed and the history says so; rejected stay rejected; waiting ones
now wait for the participant too."""
import importlib

from django.apps import apps

from bangkom.sesi.models import Konfirmasi, Paraf, PesertaSesi, Sesi
from jp_conversion.models import Kegiatan, StatusKegiatan
from jp_conversion.services import kegiatan_paraf
from tests.sesi.test_sesi_bersama import catat, hari

migrasi = importlib.import_module("bangkom.sesi.migrations.0004_konfirmasi_data_lama")


def test_initialled_sessions_become_confirmed_with_a_history_row(cast):
    diparaf, ditolak, menunggu = (catat(cast, hari(0), jam=j, materi=f"Sesi {j}") for j in (8, 10, 13))
    # As before the migration: the paraf lived on the ledger row only.
    for s, setuju in ((diparaf, True), (ditolak, False)):
        kegiatan_paraf(kegiatan=s.peserta.get().kegiatan, oleh=cast.budi, setuju=setuju, alasan="x",
                       lewat_sumber=True)
    PesertaSesi.objects.update(paraf=Paraf.MENUNGGU, konfirmasi=Konfirmasi.MENUNGGU, dikonfirmasi_pada=None)
    PesertaSesi.history.all().delete()
    Sesi.history.all().delete()

    migrasi.maju(apps, None)

    ps = PesertaSesi.objects.get(sesi=diparaf)
    kg = Kegiatan.objects.get(pk=ps.kegiatan_id)
    assert (ps.paraf, ps.konfirmasi) == (Paraf.DIPARAF, Konfirmasi.DIKONFIRMASI) and ps.lengkap
    assert kg.status == StatusKegiatan.DISETUJUI and kg.dihitung and ps.dikonfirmasi_pada == kg.diparaf_pada
    # (the live registry's save adds its own history row; in `migrate` only the migration's row exists)
    assert ps.history.filter(history_change_reason=migrasi.ALASAN).count() == 1
    assert Sesi.history.get().history_change_reason == "Migrasi: sesi yang sudah diparaf dianggap dikonfirmasi"
    assert PesertaSesi.objects.get(sesi=ditolak).paraf == Paraf.DITOLAK
    tunggu = PesertaSesi.objects.get(sesi=menunggu)
    assert (tunggu.paraf, tunggu.konfirmasi) == (Paraf.MENUNGGU, Konfirmasi.MENUNGGU)
    assert Sesi.objects.filter(dicatat_oleh=cast.budi).count() == 3
