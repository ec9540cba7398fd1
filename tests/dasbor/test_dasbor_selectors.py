"""Compliance selectors: numbers equal the ledger's, filters, aggregates, constant query counts."""
from decimal import Decimal

import pytest

from bangkom.pegawai.models import Pegawai
from jp_conversion import selectors as sel
from jp_conversion.models import RekapTahunan, TargetJP
from tests.dasbor.bantu_dasbor import TAHUN, disetujui, isi_sari_dan_budi
from tests.factories import PegawaiFactory


@pytest.fixture
def terisi(cast):
    isi_sari_dan_budi(cast)
    return cast


def test_numbers_per_employee_come_from_the_ledger(terisi):
    c = terisi
    baris = {p.pk: p for p in sel.pemenuhan(Pegawai.objects.all(), tahun=TAHUN)}
    sari = baris[c.sari.pk]
    assert (sari.jp_coaching_thn, sari.jp_mentoring_thn, sari.jp_belajar_mandiri_thn, sari.jp_lainnya_thn) == (
        Decimal("4"), Decimal("2"), Decimal("6"), Decimal("4"))
    rekap = RekapTahunan.objects.get(pegawai=c.sari, tahun=TAHUN)
    assert sari.total_jp == rekap.total == Decimal("16")
    assert (sari.target_jp, sari.sisa_jp, sari.tercapai) == (Decimal("20"), Decimal("4"), False)
    budi = baris[c.budi.pk]
    assert (budi.total_jp, budi.sisa_jp, budi.tercapai) == (Decimal("22"), Decimal("0"), True)
    # no activity at all: a LEFT JOIN gives 0, not a missing row
    assert baris[c.joko.pk].total_jp == 0 and baris[c.joko.pk].tercapai is False


def test_another_year_is_not_mixed_in(terisi):
    baris = {p.pk: p for p in sel.pemenuhan(Pegawai.objects.all(), tahun=TAHUN + 1)}
    assert baris[terisi.sari.pk].total_jp == 0


def test_target_per_asn_type_is_configurable(terisi):
    c = terisi
    Pegawai.objects.filter(pk=c.sari.pk).update(jenis_asn="PPPK")
    TargetJP.objects.create(tahun=TAHUN, jenis_asn="PPPK", target=Decimal("16"))
    TargetJP.objects.create(tahun=TAHUN, jenis_asn="PNS", target=Decimal("24"))
    baris = {p.pk: p for p in sel.pemenuhan(Pegawai.objects.all(), tahun=TAHUN)}
    assert baris[c.sari.pk].target_jp == 16 and baris[c.sari.pk].tercapai
    assert baris[c.budi.pk].target_jp == 24 and not baris[c.budi.pk].tercapai


def test_filters_and_sorting(terisi):
    c = terisi
    semua = Pegawai.objects.all()
    belum = sel.pemenuhan_daftar(semua, tahun=TAHUN, status="belum", opd=c.dinkes)
    assert c.sari in belum and c.budi not in belum and c.joko not in belum
    assert list(sel.pemenuhan_daftar(semua, tahun=TAHUN, status="tercapai")) == [c.budi]
    assert list(sel.pemenuhan_daftar(semua, tahun=TAHUN, q="wulan")) == [c.sari]
    assert list(sel.pemenuhan_daftar(semua, tahun=TAHUN, q=c.sari.nip)) == [c.sari]
    assert c.budi in sel.pemenuhan_daftar(semua, tahun=TAHUN, unit=c.budi.unit)
    assert c.rina not in sel.pemenuhan_daftar(semua, tahun=TAHUN, unit=c.budi.unit)
    assert not sel.pemenuhan_daftar(semua, tahun=TAHUN, jenis_asn="PPPK").exists()
    urut = list(sel.pemenuhan_daftar(semua, tahun=TAHUN, urut="-total"))
    assert urut[:2] == [c.budi, c.sari]
    assert list(sel.pemenuhan_daftar(semua, tahun=TAHUN, urut="sisa"))[0] == c.budi


def test_aggregates_per_opd_and_for_the_selection(terisi):
    c = terisi
    qs = sel.pemenuhan(Pegawai.objects.filter(aktif=True), tahun=TAHUN)
    per_opd = {a.kunci: a for a in sel.pemenuhan_per(qs, per="opd")}
    dinkes = per_opd[c.dinkes.pk]
    assert (dinkes.jumlah, dinkes.tercapai) == (4, 1)  # hasan, budi, rina, sari
    assert dinkes.persen_tercapai == Decimal("25.0")
    assert dinkes.rata_jp == Decimal("9.50")  # (16 + 22) / 4
    assert dinkes.jp_per_jenis["Coaching"] == Decimal("26")
    assert dinkes.terjangkau_bimbingan == 2
    assert per_opd[c.dpupr.pk].tercapai == 0
    semua = sel.pemenuhan_ringkas(qs)
    assert semua.jumlah == Pegawai.objects.count() and semua.jp_total == Decimal("38")
    per_unit = {a.kunci: a for a in sel.pemenuhan_per(qs.filter(opd=c.dinkes), per="unit")}
    assert per_unit[c.budi.unit_id].jumlah == 2


def test_jp_per_month(terisi):
    bulan = sel.jp_per_bulan(Pegawai.objects.filter(pk__in=[terisi.sari.pk, terisi.budi.pk]), tahun=TAHUN)
    assert bulan[1] == Decimal("4")  # Feb: sari 2 + budi 2
    assert bulan[4] == Decimal("8")  # May: sari 6 + budi 2
    assert bulan[11] == 0
    assert sum(bulan) == Decimal("38")


def test_pace_and_risk(terisi):
    from datetime import date

    assert sel.laju_dibutuhkan(Decimal("20"), 2026, date(2026, 6, 15)) == Decimal("10.00")
    assert sel.bulan_berjalan(2025, date(2026, 1, 1)) == 12
    baris = {p.pk: p for p in sel.pemenuhan(Pegawai.objects.all(), tahun=TAHUN)}
    assert sel.berisiko(baris[terisi.sari.pk], tahun=TAHUN)  # 16 < 20 at year end
    assert not sel.berisiko(baris[terisi.budi.pk], tahun=TAHUN)


def test_waiting_count_per_member(cast):
    from jp_conversion import services
    from tests.dasbor.bantu_dasbor import TAHUN as T

    services.kegiatan_catat(pegawai=cast.sari, jenis="coaching", tanggal=__import__("datetime").date(T, 1, 5),
                            materi="a", pembimbing=cast.budi)
    qs = sel.dengan_jumlah_menunggu(sel.pemenuhan(cast.budi.bawahan.all(), tahun=T), pembimbing=cast.budi)
    assert {p.pk: p.menunggu_n for p in qs} == {cast.sari.pk: 1}


@pytest.mark.parametrize("n", [5, 50])
def test_query_count_is_constant(cast, django_assert_max_num_queries, n):
    for i in range(n):
        p = PegawaiFactory(unit=cast.sari.unit, opd=cast.dinkes, jabatan=cast.sari.jabatan)
        if i % 7 == 0:
            disetujui(p, cast.budi, "coaching", 1, 2)
    with django_assert_max_num_queries(5):
        rows = list(sel.pemenuhan_daftar(Pegawai.objects.all(), tahun=TAHUN))
        assert len(rows) >= n
        [r.opd.nama + r.jabatan.nama for r in rows]
        qs = sel.pemenuhan(Pegawai.objects.all(), tahun=TAHUN)
        sel.pemenuhan_per(qs, per="opd")
        sel.pemenuhan_ringkas(qs)


def test_one_query_rekap_equals_the_three_separate_aggregates(terisi, django_assert_num_queries):
    c = terisi
    Pegawai.objects.filter(pk=c.rina.pk).update(jenis_asn="PPPK")
    TargetJP.objects.create(tahun=TAHUN, jenis_asn="PPPK", target=Decimal("3"))
    qs = sel.pemenuhan_daftar(Pegawai.objects.all(), tahun=TAHUN)
    with django_assert_num_queries(1):
        per_opd, semua, per_asn = sel.pemenuhan_rekap(qs, nama="Provinsi")
    assert per_opd == sel.pemenuhan_per(qs, per="opd")
    assert semua == sel.pemenuhan_ringkas(qs, nama="Provinsi")
    assert per_asn == sel.pemenuhan_per(qs, per="jenis_asn")
    assert [a.kunci for a in per_asn] == ["PNS", "PPPK"] and len(per_opd) >= 2
    assert semua.rata_jp == (semua.jp_total / semua.jumlah).quantize(Decimal("0.01"))
    kosong = sel.pemenuhan_rekap(sel.pemenuhan_daftar(Pegawai.objects.none(), tahun=TAHUN))
    assert kosong[0] == [] and kosong[1].jumlah == 0 and kosong[1].rata_jp == 0 and kosong[2] == []
