"""The learning mix (issue 20) on the dashboards and in the 20-JP report: group totals add up to the
total everywhere, and every number is the ledger's."""
import csv
import io
import statistics
from datetime import date, time
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pypdf import PdfReader

from bangkom.pegawai.models import Pegawai
from jp_conversion import selectors as sel
from jp_conversion import services
from jp_conversion.models import RekapTahunan
from tests.dasbor.bantu_dasbor import TAHUN, isi_sari_dan_budi

D = Decimal
KOLOM_RAGAM = ["Klasikal", "Non-klasikal", "JP 10% klasikal/terstruktur", "JP 20% bersama kolega",
               "JP 70% belajar sambil bekerja"]


@pytest.fixture
def terisi(cast):
    isi_sari_dan_budi(cast)  # Sari: seminar 4 (10), coaching+mentoring 6 (20), self-study 6 (70); Budi: coaching 22
    return cast


def _isi(resp) -> bytes:
    return b"".join(resp.streaming_content) if resp.streaming else resp.content


def _sama_dengan_total(r, total):
    assert r.klasikal + r.nonklasikal == total == r.kelas_10 + r.kelas_20 + r.kelas_70


def test_aggregates_carry_the_mix_and_it_adds_up(terisi, django_assert_max_num_queries):
    qs = sel.pemenuhan(Pegawai.objects.filter(aktif=True), tahun=TAHUN)
    with django_assert_max_num_queries(1):
        per_opd, semua, per_asn = sel.pemenuhan_rekap(qs)
    _sama_dengan_total(semua.ragam_jp, semua.jp_total)
    assert semua.ragam_jp.kelas_20 == D("28") and semua.ragam_jp.klasikal == D("4")
    for a in [*per_opd, *per_asn]:
        _sama_dengan_total(a.ragam_jp, a.jp_total)
    assert sum((a.ragam_jp.total for a in per_opd), D(0)) == semua.jp_total
    ringkas = sel.pemenuhan_ringkas(qs)
    assert ringkas.ragam_jp == semua.ragam_jp
    sari = qs.get(pk=terisi.sari.pk)
    r = sel.ragam_dari_baris(sari)
    _sama_dengan_total(r, sari.total_jp)
    assert (r.kelas_10, r.kelas_20, r.kelas_70) == (D("4"), D("6"), D("6"))


def test_dashboards_show_the_mix_and_the_missing_part(terisi, masuk):
    budi = masuk(terisi.budi).get(reverse("dasbor-pegawai"), {"tahun": TAHUN}).content.decode()
    assert "Ragam pembelajaran 10:20:70" in budi
    assert "Belum ada pembelajaran klasikal/terstruktur tahun ini" in budi
    tim = masuk(terisi.budi).get(reverse("dasbor-atasan"), {"tahun": TAHUN}).content.decode()
    assert "Ragam pembelajaran tim 10:20:70" in tim and "Klasikal <strong>4 JP</strong>" in tim
    kepala = masuk(terisi.hasan).get(reverse("dasbor-kepala"), {"tahun": TAHUN}).content.decode()
    assert "Ragam pembelajaran perangkat daerah 10:20:70" in kepala
    bpsdm = masuk(terisi.dewi).get(reverse("dasbor-bpsdm"), {"tahun": TAHUN}).content.decode()
    assert "Ragam pembelajaran provinsi 10:20:70" in bpsdm and "20% bersama kolega" in bpsdm
    laporan = masuk(terisi.dewi).get(reverse("laporan-jp"), {"tahun": TAHUN}).content.decode()
    assert "Ragam pembelajaran 10:20:70 (seluruh pilihan)" in laporan


def test_excel_names_the_groups_and_the_shares_and_they_add_up(terisi, masuk):
    wb = load_workbook(io.BytesIO(_isi(masuk(terisi.dewi).get(reverse("laporan-jp"),
                                                              {"tahun": TAHUN, "format": "xlsx"}))))
    rows = list(wb["Rekap 20 JP"].iter_rows(values_only=True))
    i = next(i for i, row in enumerate(rows) if row and row[0] == "NIP")
    header = list(rows[i])
    assert all(k in header for k in KOLOM_RAGAM)
    for row in rows[i + 1:]:
        b = dict(zip(header, row, strict=False))
        assert D(str(b["Klasikal"])) + D(str(b["Non-klasikal"])) == D(str(b["Total JP"]))
        assert sum(D(str(b[k])) for k in KOLOM_RAGAM[2:]) == D(str(b["Total JP"]))
    sari = next(dict(zip(header, row, strict=False)) for row in rows[i + 1:] if row[0] == terisi.sari.nip)
    assert (sari["Klasikal"], sari["Non-klasikal"], sari["JP 20% bersama kolega"]) == (4, 12, 6)
    opd = list(wb["Per OPD"].iter_rows(values_only=True))
    kepala = list(opd[2])
    assert "Porsi 20% (model 20%)" in kepala and "Klasikal" in kepala
    for row in opd[3:]:
        if not row or row[0] is None or not isinstance(row[1], int):
            continue
        b = dict(zip(kepala, row, strict=False))
        assert D(str(b["Klasikal"])) + D(str(b["Non-klasikal"])) == D(str(b["Total JP"]))


def test_csv_and_pdf_carry_the_mix(terisi, masuk):
    c = masuk(terisi.dewi)
    teks = _isi(c.get(reverse("laporan-jp"), {"tahun": TAHUN, "format": "csv"})).decode("utf-8-sig")
    rekap = {r.pegawai.nip: r for r in RekapTahunan.objects.filter(tahun=TAHUN).select_related("pegawai")}
    for row in csv.DictReader(io.StringIO(teks)):
        total = D(row["Total JP"])
        assert D(row["Klasikal"]) + D(row["Non-klasikal"]) == total
        if row["NIP"] in rekap:
            assert D(row["Klasikal"]) == rekap[row["NIP"]].jp_klasikal
    pdf = PdfReader(io.BytesIO(_isi(c.get(reverse("laporan-jp"), {"tahun": TAHUN, "format": "pdf"}))))
    isi = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Klasikal" in isi and "Ragam pembelajaran 10:20:70" in isi


# --------------------------------------------------------------------------------------------------
# Median session length per form (issue 20; sessions keep their start and end)
# --------------------------------------------------------------------------------------------------
def _sesi(cast, jenis, pembimbing, hari, mulai, selesai):
    k = services.kegiatan_catat(pegawai=cast.sari, jenis=jenis, tanggal=date(TAHUN, 9, hari), materi="sesi",
                                pembimbing=pembimbing, mulai=mulai, selesai=selesai)
    services.kegiatan_paraf(kegiatan=k, oleh=pembimbing, setuju=True)


def test_median_session_length_per_form_in_one_query(cast, masuk, django_assert_num_queries):
    for hari, (m, s) in enumerate([(time(9), time(9, 45)), (time(9), time(10)), (time(9), time(10, 30))], 1):
        _sesi(cast, "coaching", cast.budi, hari, m, s)
    for hari, (m, s) in enumerate([(time(13), time(13, 30)), (time(13), time(13, 45))], 10):
        _sesi(cast, "mentoring", cast.rina, hari, m, s)
    services.kegiatan_catat(pegawai=cast.sari, jenis="coaching", tanggal=date(TAHUN, 9, 20), materi="menunggu",
                            pembimbing=cast.budi, mulai=time(8), selesai=time(12))  # not approved: left out
    with django_assert_num_queries(1):
        hasil = sel.median_durasi_sesi(Pegawai.objects.filter(aktif=True), tahun=TAHUN)
    assert [(d.jenis, d.jumlah, d.median_menit) for d in hasil] == [
        ("coaching", 3, D("60.0")), ("mentoring", 2, D("37.5")),
    ]
    kepala = masuk(cast.hasan).get(reverse("dasbor-kepala"), {"tahun": TAHUN}).content.decode()
    assert "Lama sesi (median) per bentuk" in kepala and "37,5 menit" in kepala
    bpsdm = masuk(cast.dewi).get(reverse("dasbor-bpsdm"), {"tahun": TAHUN}).content.decode()
    assert "60 menit" in bpsdm


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 240), st.integers(1, 5)), min_size=1, max_size=15, unique_by=lambda t: t[0]))
def test_median_from_counts_is_the_median_of_the_values(pasangan):
    hitungan = sorted((D(v), n) for v, n in pasangan)
    nilai = [v for v, n in hitungan for _ in range(n)]
    assert sel._median(hitungan, len(nilai)) == D(str(statistics.median(nilai))).quantize(D("0.1"))
