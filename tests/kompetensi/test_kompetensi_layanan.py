"""Services and selectors: latest assessment counts, dialog, plan progress vs the ledger, mentors,
the Excel import (all or nothing), the report command, query counts."""
import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from bangkom.kompetensi import impor, selectors, services
from bangkom.kompetensi.models import DialogKesenjangan, Kompetensi, StandarKompetensi
from bangkom.pegawai.models import Pegawai
from jp_conversion import services as jp
from tests.factories import PegawaiFactory

HARI_INI = timezone.localdate()


@pytest.fixture
def kamus(db):
    return {k.kode: k for k in Kompetensi.objects.all()}


@pytest.fixture
def standar(cast, kamus):
    """Analis SDM (Sari, Joko, Dewi) needs Komunikasi 3, Integritas 2, Kerjasama 2."""
    for kode, level in [("komunikasi", 3), ("integritas", 2), ("kerjasama", 2)]:
        StandarKompetensi.objects.create(jabatan=cast.sari.jabatan, kompetensi=kamus[kode], level_standar=level)
    return kamus


def nilai(pegawai, kompetensi, level, hari_lalu=30, sumber="asesmen"):
    return services.penilaian_catat(pegawai=pegawai, kompetensi=kompetensi, level=level, sumber=sumber,
                                    tanggal=HARI_INI - timedelta(days=hari_lalu), penilai=None)


def test_the_migration_seeds_nine_competencies_with_five_levels(kamus):
    assert len([k for k in kamus.values() if k.jenis == "manajerial"]) == 8
    assert kamus["perekat-bangsa"].jenis == "sosial_kultural"
    assert all(k.level.count() == 5 for k in kamus.values())


def test_the_latest_assessment_by_date_counts_not_the_latest_entered(cast, standar):
    nilai(cast.sari, standar["komunikasi"], 1, hari_lalu=10)
    nilai(cast.sari, standar["komunikasi"], 3, hari_lalu=100)  # entered later, but older
    kp = selectors.kesenjangan_pegawai(cast.sari)
    kom = next(b for b in kp.butir if b.kompetensi.kode == "komunikasi")
    assert (kom.saat_ini, kom.selisih) == (1, 2)
    assert {b.kompetensi.kode for b in kp.belum_dinilai} == {"integritas", "kerjasama"}


def test_exceeding_the_standard_is_no_gap(cast, standar):
    nilai(cast.sari, standar["integritas"], 5)
    assert selectors.kesenjangan_pegawai(cast.sari).kesenjangan == []


def test_an_assessment_in_the_future_is_refused(cast, standar):
    with pytest.raises(ValidationError) as e:
        services.penilaian_catat(pegawai=cast.sari, kompetensi=standar["integritas"], level=2, sumber="asesmen",
                                 tanggal=HARI_INI + timedelta(days=1), penilai=cast.budi)
    assert "masa depan" in str(e.value)


def test_bulk_gaps_take_a_constant_number_of_queries(cast, standar):
    for _ in range(5):
        p = PegawaiFactory(jabatan=cast.sari.jabatan, unit=cast.sari.unit)
        nilai(p, standar["komunikasi"], 2)
    with CaptureQueriesContext(connection) as sedikit:
        selectors.kesenjangan_untuk(Pegawai.objects.filter(pk=cast.sari.pk))
    with CaptureQueriesContext(connection) as banyak:
        hasil = selectors.kesenjangan_untuk(Pegawai.objects.all())
    assert len(banyak) == len(sedikit) == 3
    assert sum(1 for kp in hasil if kp.kesenjangan) == 5


def test_the_dialog_records_the_recommendation_and_needs_a_reason_to_differ(cast, standar):
    nilai(cast.sari, standar["komunikasi"], 1)
    with pytest.raises(ValidationError) as e:
        services.dialog_simpan(pegawai=cast.sari, kompetensi=standar["komunikasi"], tahun=HARI_INI.year,
                               penyebab="keterampilan", bentuk_dipilih="coaching", oleh=cast.budi)
    assert "alasan" in e.value.message_dict
    d = services.dialog_simpan(pegawai=cast.sari, kompetensi=standar["komunikasi"], tahun=HARI_INI.year,
                               penyebab="keterampilan", oleh=cast.budi)
    assert (d.bentuk_rekomendasi, d.bentuk_dipilih, d.selisih) == ("mentoring", "mentoring", 2)
    assert d.dikonfirmasi_atasan == cast.budi and d.dikonfirmasi_pegawai_pada is None
    assert cast.sari.notifikasi.filter(judul__contains="Komunikasi").exists()
    services.dialog_konfirmasi(dialog=d, oleh=cast.sari)
    d.refresh_from_db()
    assert d.dikonfirmasi_lengkap


def test_no_dialog_for_a_met_or_unassessed_competency_nor_by_an_outsider(cast, standar):
    with pytest.raises(ValidationError):  # not assessed yet
        services.dialog_simpan(pegawai=cast.sari, kompetensi=standar["integritas"], tahun=HARI_INI.year,
                               penyebab="motivasi", oleh=cast.budi)
    nilai(cast.sari, standar["integritas"], 1)
    with pytest.raises(ValidationError):
        services.dialog_simpan(pegawai=cast.sari, kompetensi=standar["integritas"], tahun=HARI_INI.year,
                               penyebab="motivasi", oleh=cast.joko)
    assert not DialogKesenjangan.objects.exists()


def test_plan_progress_counts_only_the_employees_counted_activities_of_the_planned_form(cast, standar):
    tahun = HARI_INI.year
    services.rencana_baris_tambah(pegawai=cast.sari, tahun=tahun, bentuk="coaching", uraian="Coaching paparan",
                                  jp_direncanakan=Decimal("4"), bulan_mulai=1, bulan_selesai=3)
    services.rencana_baris_tambah(pegawai=cast.sari, tahun=tahun, bentuk="coaching", uraian="Coaching lanjutan",
                                  jp_direncanakan=Decimal("4"), bulan_mulai=4, bulan_selesai=6)
    hari = [HARI_INI - timedelta(days=n) for n in (1, 2, 3)] if HARI_INI.day > 3 else [HARI_INI] * 3
    for i, tanggal in enumerate(hari):
        k = jp.kegiatan_catat(pegawai=cast.sari, jenis="coaching", tanggal=tanggal, materi=f"Sesi {i}",
                              pembimbing=cast.budi)
        jp.kegiatan_paraf(kegiatan=k, oleh=cast.budi, setuju=True)
    # Joko's coaching and Sari's unsigned mentoring do not count
    jp.kegiatan_paraf(kegiatan=jp.kegiatan_catat(pegawai=cast.joko, jenis="coaching", tanggal=hari[0],
                                                 materi="Joko", pembimbing=cast.agus), oleh=cast.agus, setuju=True)
    jp.kegiatan_catat(pegawai=cast.sari, jenis="mentoring", tanggal=hari[0], materi="Belum diparaf",
                      pembimbing=cast.rina)
    pr = selectors.progres_rencana(cast.sari, tahun)
    # 3 sessions in one month: only 2 count (2 × 2 JP), the first line is filled first
    assert [c.jp_tercapai for c in pr.baris] == [Decimal("4"), Decimal("0")]
    assert pr.jp_direncanakan == Decimal("8") and not pr.rencana_memenuhi_target
    assert pr.kurang_rencana == Decimal("12")
    assert len(pr.kegiatan) == 2


def test_a_plan_line_is_validated(cast):
    with pytest.raises(ValidationError) as e:
        services.rencana_baris_tambah(pegawai=cast.sari, tahun=2025, bentuk="coaching", uraian="x",
                                      jp_direncanakan=Decimal("0"), bulan_mulai=5, bulan_selesai=2)
    assert {"jp_direncanakan", "bulan_selesai"} <= set(e.value.message_dict)


def test_mentor_suggestions_reach_the_required_level(cast, standar):
    nilai(cast.sari, standar["komunikasi"], 1)
    nilai(cast.rina, standar["komunikasi"], 4)
    nilai(cast.budi, standar["komunikasi"], 2)  # below the required 3
    nilai(cast.joko, standar["komunikasi"], 3, hari_lalu=60)
    nilai(cast.joko, standar["komunikasi"], 2, hari_lalu=5)  # his latest is too low
    calon = selectors.calon_mentor(mentee=cast.sari)
    assert [(c.pegawai, c.level, c.level_dibutuhkan, c.terdaftar) for c in calon] == [(cast.rina, 4, 3, True)]
    assert selectors.calon_mentor(mentee=cast.sari, kompetensi=standar["perekat-bangsa"]) == []
    assert [c.pegawai for c in selectors.calon_mentor(mentee=cast.sari, kompetensi=standar["komunikasi"])] == [
        cast.rina
    ]


def _xlsx(baris):
    wb = Workbook()
    ws = wb.active
    ws.append(["Kode Jabatan", "Kode Kompetensi", "Level Standar"])
    for b in baris:
        ws.append(b)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_standard_import_lists_every_problem_and_writes_nothing(cast, kamus):
    isi = _xlsx([["ANALIS", "integritas", 2], ["ANALIS", "tidak-ada", 2], ["JAB-X", "kerjasama", 9],
                 ["ANALIS", "integritas", 3], [None, "komunikasi", None]])
    hasil = impor.pratinjau(isi)
    masalah = {b.nomor: " ".join(b.masalah) for b in hasil.bermasalah}
    assert set(masalah) == {3, 4, 5, 6}
    assert "tidak ditemukan di kamus" in masalah[3]
    assert "JAB-X" in masalah[4] and "tidak valid" in masalah[4]
    assert "baris 2" in masalah[5]
    assert "wajib diisi" in masalah[6]
    with pytest.raises(impor.BerkasTidakValid):
        impor.standar_impor(isi=isi)
    assert not StandarKompetensi.objects.exists()


def test_the_standard_import_round_trips_and_zero_removes(cast, kamus):
    ringkas = impor.standar_impor(isi=_xlsx([["ANALIS", "integritas", 2], ["KASI", "kerjasama", 3]]))
    assert ringkas["dibuat"] == 2
    ekspor = load_workbook(io.BytesIO(impor.ekspor_xlsx())).active
    assert [r[0] for r in ekspor.iter_rows(min_row=2, values_only=True)] == ["ANALIS", "KASI"]
    ringkas = impor.standar_impor(isi=_xlsx([["ANALIS", "integritas", 4], ["KASI", "kerjasama", 0]]))
    assert (ringkas["diperbarui"], ringkas["dihapus"]) == (1, 1)
    assert list(StandarKompetensi.objects.values_list("level_standar", flat=True)) == [4]


def test_the_report_command_writes_one_row_per_gap(cast, standar, tmp_path):
    nilai(cast.sari, standar["komunikasi"], 1)
    nilai(cast.joko, standar["integritas"], 1)
    keluar = tmp_path / "lap.csv"
    call_command("laporan_kesenjangan", "--tahun", str(HARI_INI.year), "--opd", "DINKES", "--format", "csv",
                 "--output", str(keluar))
    rows = list(csv.reader(io.StringIO(keluar.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["NIP", "Nama", "Jabatan", "OPD", "Kompetensi", "Jenis", "Standar", "Saat Ini",
                       "Kesenjangan", "Rekomendasi"]
    assert rows[1:] == [[cast.sari.nip, cast.sari.nama_lengkap, "Analis SDM", "Dinas Kesehatan", "Komunikasi",
                         "Manajerial", "3", "1", "2", "Mentoring (belum didialogkan)"]]
    call_command("laporan_kesenjangan", "--tahun", str(HARI_INI.year), "--format", "xlsx", "--output",
                 str(tmp_path / "l.xlsx"))
    ws = load_workbook(tmp_path / "l.xlsx").active
    assert ws.max_row == 3 and ws.freeze_panes == "A2"
    selisih = ws.cell(row=2, column=9)
    assert selisih.data_type == "n" and selisih.number_format == "#,##0"


def test_the_report_of_a_past_year_ignores_later_assessments(cast, standar, tmp_path):
    nilai(cast.sari, standar["komunikasi"], 1, hari_lalu=2)
    from bangkom.kompetensi import laporan

    lalu = list(laporan.baris_laporan(Pegawai.objects.all(), tahun=(HARI_INI - timedelta(days=400)).year))
    assert lalu == []


def test_the_province_gap_summary_agrees_with_the_gap_maps_in_two_queries(cast, standar):
    nilai(cast.sari, standar["komunikasi"], 1, hari_lalu=10)
    nilai(cast.sari, standar["komunikasi"], 3, hari_lalu=100)  # older: the latest (1) counts
    nilai(cast.sari, standar["integritas"], 3)  # above the standard: no gap
    nilai(cast.joko, standar["komunikasi"], 2)
    nilai(cast.joko, standar["kerjasama"], 1)
    for _ in range(3):
        nilai(PegawaiFactory(jabatan=cast.sari.jabatan, unit=cast.sari.unit), standar["komunikasi"], 2)
    with CaptureQueriesContext(connection) as q:
        ringkasan = selectors.ringkasan_kesenjangan(Pegawai.objects.all())
    assert len(q) == 2
    per_kode = {k.kode: s for k, s in ringkasan}
    assert [k.kode for k, _ in ringkasan][0] == "komunikasi"  # most employees below standard first
    kom = per_kode["komunikasi"]
    assert (kom.dinilai, kom.di_bawah, kom.jumlah_selisih) == (5, 5, 2 + 1 + 3 * 1)
    assert (per_kode["integritas"].dinilai, per_kode["integritas"].di_bawah) == (1, 0)
    # The same counts as the per-OPD gap maps, summed over their units and OPDs.
    for opd in (cast.dinkes, cast.dpupr, cast.bpsdm_opd):
        peta = selectors.peta_kesenjangan(opd=opd)
        for k, sel_unit in peta.baris():
            terlihat = selectors.ringkasan_kesenjangan(Pegawai.objects.filter(opd=opd))
            sel = dict((kk.pk, s) for kk, s in terlihat)[k.pk]
            assert (sel.dinilai, sel.di_bawah, sel.jumlah_selisih, sel.belum_dinilai) == (
                sum(s.dinilai for s in sel_unit), sum(s.di_bawah for s in sel_unit),
                sum(s.jumlah_selisih for s in sel_unit), sum(s.belum_dinilai for s in sel_unit),
            )
