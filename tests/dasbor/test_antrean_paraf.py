"""The paraf queues list only what their viewer has to do: a session the pembimbing already
initialled waits for its participant (not for him), a disputed one is back with its author. The bulk
paraf tells the truth: how many were initialled, how many count now, and what is left."""
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.services import sesi_konfirmasi, sesi_paraf
from coaching.services import coaching_sesi_catat, kesepakatan_akui, kesepakatan_buat
from jp_conversion import selectors as sel
from jp_conversion.models import Kegiatan, StatusKegiatan
from jp_conversion.services import kegiatan_catat, kegiatan_paraf_antrean


@pytest.fixture
def antrean(cast):
    """Budi's work around Sari: a session he logged and initialled (waits for Sari only), one he logged
    that Sari disputed, one Sari logged (waits for his paraf), one he logged that waits for both, and a
    self-study activity waiting for his paraf."""
    hari_ini = timezone.localdate()
    k = kesepakatan_akui(kesepakatan=kesepakatan_buat(
        atasan=cast.budi, pegawai=cast.sari, kegiatan="SKP", tujuan="SKP tepat waktu", target="SKP selesai",
        mulai=hari_ini - timedelta(days=40), selesai=hari_ini + timedelta(days=10),
    ), oleh=cast.sari)

    def sesi(oleh, jam):
        return coaching_sesi_catat(kesepakatan=k, oleh=oleh, isi=IsiSesi(tanggal=hari_ini, mulai=time(jam),
                                   selesai=time(jam, 45), materi=f"Sesi pukul {jam}"))

    diparaf = sesi(cast.budi, 8)
    sesi_paraf(sesi=diparaf, oleh=cast.budi, setuju=True)
    disanggah = sesi(cast.budi, 9)
    sesi_konfirmasi(sesi=disanggah, oleh=cast.sari, setuju=False, alasan="Tidak ada sesi")
    dari_sari = sesi(cast.sari, 10)
    dua_pihak = sesi(cast.budi, 11)
    mandiri = kegiatan_catat(pegawai=cast.sari, jenis="belajar_mandiri", tanggal=hari_ini - timedelta(days=1),
                             materi="Modul ABK", pembimbing=cast.budi, jp_belajar=Decimal("1"))
    baris = {nama: s.peserta.get().kegiatan_id for nama, s in
             (("diparaf", diparaf), ("disanggah", disanggah), ("dari_sari", dari_sari), ("dua_pihak", dua_pihak))}
    return {**baris, "mandiri": mandiri.pk}


def test_the_queue_lists_only_what_the_pembimbing_has_to_do(cast, antrean):
    harus = {antrean["dari_sari"], antrean["dua_pihak"], antrean["mandiri"]}
    assert {k.pk for k in sel.menunggu_paraf(pembimbing=cast.budi)} == harus
    assert Kegiatan.objects.filter(pk=antrean["diparaf"], status=StatusKegiatan.DIAJUKAN).exists()  # still uncounted
    tim = sel.dengan_jumlah_menunggu(cast.budi.bawahan.all(), pembimbing=cast.budi)
    assert {b.pk: b.menunggu_n for b in tim} == {cast.sari.pk: 3}
    assert not sel.menunggu_paraf(pembimbing=cast.rina).exists()


def test_the_atasan_dashboard_shows_the_true_queue(cast, masuk, antrean):
    r = masuk(cast.budi).get("/dasbor/atasan/")
    assert {k.pk for k in r.context["menunggu"]} == {antrean["dari_sari"], antrean["dua_pihak"], antrean["mandiri"]}
    teks = r.content.decode()
    assert "Menunggu paraf saya (3)" in teks and "Sesi pukul 8" not in teks
    # The disputed one is his to correct, listed apart (not to initial).
    assert [ps.sesi.materi for ps in r.context["dikembalikan_saya"]] == ["Sesi pukul 9"]


def test_the_bulk_paraf_states_the_true_numbers(cast, masuk, antrean):
    c = masuk(cast.budi)
    pilih = [antrean["dari_sari"], antrean["dua_pihak"], antrean["mandiri"], antrean["diparaf"], antrean["disanggah"]]
    r = c.post("/dasbor/atasan/paraf/", {"kegiatan": pilih}, follow=True)
    assert ("3 kegiatan telah diparaf (2 langsung dihitung, 1 dihitung setelah peserta mengonfirmasi sesinya). "
            "Sisa yang menunggu paraf Anda: 0.") in r.content.decode()
    assert "Menunggu paraf saya (0)" in r.content.decode()
    status = dict(Kegiatan.objects.filter(pk__in=pilih).values_list("pk", "status"))
    assert status[antrean["dari_sari"]] == status[antrean["mandiri"]] == StatusKegiatan.DISETUJUI
    assert status[antrean["dua_pihak"]] == StatusKegiatan.DIAJUKAN  # counts once Sari confirms
    assert status[antrean["disanggah"]] == StatusKegiatan.DIAJUKAN  # never initialled as it stands
    r = c.post("/dasbor/atasan/paraf/", {"kegiatan": pilih}, follow=True)
    assert "Tidak ada kegiatan yang diparaf" in r.content.decode() and "Menunggu paraf Anda: 0 kegiatan." in (
        r.content.decode()
    )


def test_the_service_skips_what_is_not_in_the_queue_and_counts_what_is_left(cast, antrean):
    hasil = kegiatan_paraf_antrean(kegiatan_ids=[antrean["diparaf"], antrean["mandiri"]], oleh=cast.budi)
    assert (hasil.diparaf, hasil.dihitung, hasil.sisa) == (1, 1, 2)
    hasil = kegiatan_paraf_antrean(kegiatan_ids=[antrean["dua_pihak"]], oleh=cast.rina)  # not hers
    assert (hasil.diparaf, hasil.dihitung, hasil.sisa) == (0, 0, 0)
