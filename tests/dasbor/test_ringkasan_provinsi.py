"""The BPSDM dashboard's province summaries (issue 23): kept by the ledger and the assessments in the
same transaction as the write, equal to what the live queries compute, rebuilt by a command."""
from datetime import date, time
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bangkom.kompetensi import services as komp_services
from bangkom.kompetensi.models import Kompetensi, RingkasanKesenjanganOpd, StandarKompetensi
from bangkom.kompetensi.ringkasan import ringkasan_kesenjangan_provinsi
from bangkom.kompetensi.selectors import ringkasan_kesenjangan
from bangkom.pegawai.models import Pegawai, UnitKerja
from jp_conversion import selectors as sel
from jp_conversion import services
from jp_conversion.models import RekapOpd, TargetJP
from jp_conversion.rekap_opd import rekap_provinsi, rekap_unit
from tests.dasbor.bantu_dasbor import TAHUN, disetujui, isi_sari_dan_budi


def _langsung(tahun=TAHUN):
    """The live computation the summary must equal."""
    qs = sel.pemenuhan(Pegawai.objects.filter(aktif=True), tahun=tahun)
    per_opd, ringkas, per_asn = sel.pemenuhan_rekap(qs, nama="Provinsi")
    return per_opd, ringkas, per_asn, sel.median_durasi_sesi(Pegawai.objects.filter(aktif=True), tahun=tahun)


def _ringkasan(tahun=TAHUN):
    return rekap_provinsi(tahun=tahun)


@pytest.fixture
def terisi(cast):
    isi_sari_dan_budi(cast)
    return cast


def test_the_summary_equals_the_live_computation(terisi):
    assert RekapOpd.objects.filter(tahun=TAHUN, opd=terisi.dinkes).exists()  # written by the ledger
    assert _ringkasan() == _langsung()


def test_a_credit_updates_the_summary_in_the_same_transaction(terisi):
    sebelum = {a.kunci: a.jp_total for a in _ringkasan()[0]}
    with transaction.atomic():
        disetujui(terisi.joko, terisi.agus, "coaching", 7, 1)
        # still inside the transaction of the write: the summary already counts it
        sesudah = {a.kunci: a.jp_total for a in _ringkasan()[0]}
        assert RekapOpd.objects.filter(tahun=TAHUN, opd=terisi.dpupr).exists()
    assert sesudah[terisi.dpupr.pk] == sebelum.get(terisi.dpupr.pk, 0) + 2
    assert _ringkasan() == _langsung()


def test_withdrawing_a_paraf_and_session_lengths_follow(terisi):
    k = services.kegiatan_catat(pegawai=terisi.sari, jenis="coaching", tanggal=date(TAHUN, 8, 4), materi="m",
                                pembimbing=terisi.budi, mulai=time(9), selesai=time(10, 30))
    services.kegiatan_paraf(kegiatan=k, oleh=terisi.budi, setuju=True)
    assert _ringkasan() == _langsung()
    assert any(d.jenis == "coaching" for d in _ringkasan()[3])
    services.kegiatan_batal_paraf(kegiatan=k, oleh=terisi.budi, alasan="salah catat")
    assert _ringkasan() == _langsung()


def test_a_target_change_and_a_transfer_keep_the_summary(terisi):
    TargetJP.objects.update_or_create(tahun=TAHUN, jenis_asn="PNS", defaults={"target": Decimal(10)})
    assert _ringkasan() == _langsung()
    terisi.sari.opd, terisi.sari.unit = terisi.dpupr, terisi.joko.unit
    terisi.sari.save()
    assert _ringkasan() == _langsung()
    terisi.budi.aktif = False
    terisi.budi.save()
    assert _ringkasan() == _langsung()


def test_the_rebuild_command_restores_every_row(terisi):
    def baris():
        return sorted(RekapOpd.objects.filter(opd=terisi.dinkes).values_list("tahun", "jenis_asn", "nilai"))

    simpan = baris()
    RekapOpd.objects.all().delete()
    assert _ringkasan() == _langsung()  # unsummarised OPDs are computed live
    call_command("ringkasan_provinsi", stdout=None)
    assert baris() == simpan
    assert RekapOpd.objects.filter(opd=terisi.dpupr).exists()  # every OPD, also those the ledger never wrote
    assert _ringkasan() == _langsung()
    assert RingkasanKesenjanganOpd.objects.filter(opd=terisi.dinkes).exists()


def _nilai_kesenjangan():
    return ringkasan_kesenjangan_provinsi(), ringkasan_kesenjangan(Pegawai.objects.all())


def test_an_assessment_updates_the_gap_summary_in_the_same_transaction(cast):
    komunikasi = Kompetensi.objects.get(kode="komunikasi")
    StandarKompetensi.objects.create(jabatan=cast.sari.jabatan, kompetensi=komunikasi, level_standar=3)
    call_command("ringkasan_provinsi", stdout=None)
    with transaction.atomic():
        komp_services.penilaian_catat(pegawai=cast.sari, kompetensi=komunikasi, level=1, sumber="asesmen",
                                      tanggal=date(TAHUN, 2, 1), penilai=None)
        baris = RingkasanKesenjanganOpd.objects.get(opd=cast.dinkes, kompetensi=komunikasi)
        assert (baris.dinilai, baris.di_bawah, baris.selisih) == (1, 1, 2)
    tersimpan, langsung = _nilai_kesenjangan()
    assert tersimpan == langsung
    (k, cel), = tersimpan
    assert k == komunikasi and (cel.dinilai, cel.di_bawah) == (1, 1)


def test_standards_and_transfers_keep_the_gap_summary(cast):
    komunikasi = Kompetensi.objects.get(kode="komunikasi")
    call_command("ringkasan_provinsi", stdout=None)
    komp_services.penilaian_catat(pegawai=cast.joko, kompetensi=komunikasi, level=2, sumber="asesmen",
                                  tanggal=date(TAHUN, 2, 1), penilai=None)
    StandarKompetensi.objects.create(jabatan=cast.joko.jabatan, kompetensi=komunikasi, level_standar=4)
    assert _nilai_kesenjangan()[0] == _nilai_kesenjangan()[1]
    cast.joko.opd, cast.joko.unit = cast.dinkes, cast.sari.unit
    cast.joko.save()
    tersimpan, langsung = _nilai_kesenjangan()
    assert tersimpan == langsung and tersimpan[0][1].di_bawah == 1


def test_bpsdm_dashboard_reads_the_summary_in_few_queries(terisi, masuk, django_assert_max_num_queries):
    call_command("ringkasan_provinsi", stdout=None)
    c = masuk(terisi.dewi)
    url = f"/dasbor/bpsdm/?tahun={TAHUN}"
    c.get(url)
    with django_assert_max_num_queries(15):
        r = c.get(url)
    assert r.status_code == 200
    assert r.context["r"].jp_total == _langsung()[1].jp_total


def _rekap_langsung(**saring):
    """What the report page computed before it read the summary: one GROUP BY over the selection."""
    return sel.pemenuhan_rekap(sel.pemenuhan_daftar(Pegawai.objects.all(), tahun=TAHUN, **saring))


def _rekap_halaman(c, query=""):
    r = c.get(f"/dasbor/laporan/jp/?tahun={TAHUN}{query}")
    assert r.status_code == 200
    return r.context["per_opd"], r.context["ringkas"], r.context["per_asn"]


@pytest.mark.parametrize("query, saring", [
    ("", {}),
    ("&jenis_asn=PNS", {"jenis_asn": "PNS"}),
    ("&status=belum", {"status": "belum"}),  # not whole OPDs: computed live
])
def test_the_report_page_totals_equal_the_live_group_by(terisi, masuk, query, saring):
    call_command("ringkasan_provinsi", stdout=None)
    assert _rekap_halaman(masuk(terisi.dewi), query) == _rekap_langsung(**saring)


def test_the_report_page_reads_the_summary_not_every_employee(terisi, masuk):
    call_command("ringkasan_provinsi", stdout=None)
    c = masuk(terisi.dewi)
    with CaptureQueriesContext(connection) as q:
        _rekap_halaman(c)
    sql = [x["sql"] for x in q.captured_queries]
    assert any("jp_conversion_rekapopd" in s for s in sql)
    assert not any(s.startswith('SELECT "pegawai_pegawai"."opd_id" AS "opd_id"') and "GROUP BY" in s for s in sql)
    assert sum("jp_conversion_targetjp" in s for s in sql) == 1  # the year's target, read once


def test_the_report_page_is_never_stale_and_keeps_the_kepala_to_his_opd(terisi, masuk):
    call_command("ringkasan_provinsi", stdout=None)
    c = masuk(terisi.dewi)
    sebelum = _rekap_halaman(c)[1].jp_total
    disetujui(terisi.joko, terisi.agus, "coaching", 7, 1)
    assert _rekap_halaman(c)[1].jp_total == sebelum + 2
    per_opd, ringkas, _ = _rekap_halaman(masuk(terisi.hasan))
    assert [a.kunci for a in per_opd] == [terisi.dinkes.pk]
    dinkes = sel.pemenuhan_rekap(sel.pemenuhan_daftar(Pegawai.objects.filter(opd=terisi.dinkes), tahun=TAHUN))
    assert ringkas == dinkes[1]
    # an OPD outside his own is not a choice of his filter: he still sees his OPD only
    assert _rekap_halaman(masuk(terisi.hasan), f"&opd={terisi.dpupr.pk}")[1] == dinkes[1]


def _unit_langsung(opd, tahun=TAHUN):
    """The live per-unit table, OPD total and monthly trend the OPD dashboard's summary must equal."""
    pegawai = Pegawai.objects.filter(opd=opd, aktif=True)
    qs = sel.pemenuhan(pegawai, tahun=tahun)
    per_bulan = sel.jp_per_bulan(pegawai, tahun=tahun)
    return sel.pemenuhan_per(qs, per="unit"), sel.pemenuhan_ringkas(qs, nama=opd.nama), per_bulan


def _unit_ringkasan(opd, tahun=TAHUN):
    r = rekap_unit(tahun=tahun, opd=opd)
    return r.per_unit, r.opd, r.per_bulan


@pytest.mark.parametrize("tersimpan", [True, False], ids=["summary", "live-fallback"])
def test_the_opd_dashboard_summary_equals_the_live_per_unit_numbers(terisi, tersimpan):
    disetujui(terisi.joko, terisi.agus, "coaching", 7, 1)
    terisi.sari.unit = UnitKerja.objects.create(opd=terisi.dinkes, kode="DK-A", nama="Awal Baru")
    terisi.sari.save()  # a unit of her own: the table splits the OPD
    if not tersimpan:
        RekapOpd.objects.all().delete()
    for opd in (terisi.dinkes, terisi.dpupr):
        assert _unit_ringkasan(opd) == _unit_langsung(opd)
    per_unit, opd, per_bulan = _unit_ringkasan(terisi.dinkes)
    assert [a.nama for a in per_unit][0] == "Awal Baru" and len(per_unit) > 1
    assert sum(per_bulan) == opd.jp_total > 0
    UnitKerja.objects.filter(pk=terisi.sari.unit_id).update(nama="Zaman Baru")  # names are read live
    assert _unit_ringkasan(terisi.dinkes)[0][-1].nama == "Zaman Baru"


def test_the_kepala_dashboard_reads_session_lengths_from_the_summary(terisi, masuk):
    call_command("ringkasan_provinsi", stdout=None)
    k = services.kegiatan_catat(pegawai=terisi.sari, jenis="coaching", tanggal=date(TAHUN, 8, 4), materi="m",
                                pembimbing=terisi.budi, mulai=time(9), selesai=time(10, 30))
    services.kegiatan_paraf(kegiatan=k, oleh=terisi.budi, setuju=True)
    c = masuk(terisi.hasan)
    with CaptureQueriesContext(connection) as q:
        r = c.get(f"/dasbor/kepala/?tahun={TAHUN}")
    langsung = sel.median_durasi_sesi(Pegawai.objects.filter(opd=terisi.dinkes, aktif=True), tahun=TAHUN)
    assert r.context["durasi_sesi"] == langsung and any(d.jenis == "coaching" for d in langsung)
    assert not any("jp_conversion_kegiatan" in x["sql"] and "GROUP BY" in x["sql"] and '"selesai"' in x["sql"]
                   for x in q.captured_queries)
    # the unit table and the trend come from the summary too, not a GROUP BY over the OPD's employees
    assert not any("jp_conversion_rekaptahunan" in x["sql"] and ("GROUP BY" in x["sql"] or "SUM(" in x["sql"])
                   for x in q.captured_queries)
    assert (r.context["per_unit"], r.context["r"]) == _unit_langsung(terisi.dinkes)[:2]


@pytest.mark.django_db(transaction=True)
def test_an_employee_saved_outside_a_transaction_keeps_both_summaries(cast):
    # A command or a non-atomic view saving an employee: the signal recomputes the OPD under its lock,
    # which PostgreSQL refuses outside a transaction (select_for_update).
    call_command("ringkasan_provinsi", stdout=None)
    cast.joko.opd, cast.joko.unit = cast.dinkes, cast.sari.unit
    cast.joko.save()
    assert _ringkasan() == _langsung()
    assert _nilai_kesenjangan()[0] == _nilai_kesenjangan()[1]
