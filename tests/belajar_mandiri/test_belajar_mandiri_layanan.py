"""The workflow's services: credits through the ledger, guards, proposals, resumes."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bangkom.notifikasi.models import Notifikasi
from belajar_mandiri import selectors, services
from belajar_mandiri.models import LogBelajar, PenugasanBelajar, Resume
from jp_conversion.models import RekapTahunan, StatusKegiatan
from jp_conversion.rules import jp_dari_menit, menit_dari_jp


def _catat(penugasan, tanggal, jp, materi="Membaca modul"):
    return services.log_catat(penugasan=penugasan, tanggal=tanggal, jp_belajar=Decimal(jp), materi=materi)


def test_three_jp_logged_in_one_day_count_as_two(cast, penugasan, hari_ini):
    tanggal = hari_ini - timedelta(days=3)
    a = _catat(penugasan, tanggal, "2", "Bab 1")
    b = _catat(penugasan, tanggal, "1", "Bab 2")
    services.log_paraf_banyak(log_ids=[a.pk, b.pk], oleh=cast.budi)
    a.kegiatan.refresh_from_db()
    b.kegiatan.refresh_from_db()
    assert (a.kegiatan.jp, b.kegiatan.jp) == (Decimal("2.00"), Decimal("0.00"))
    assert "batas 2 JP per hari" in b.kegiatan.alasan
    assert b.kegiatan.status == StatusKegiatan.DISETUJUI  # kept and shown, just not counted
    rekap = RekapTahunan.objects.get(pegawai=cast.sari, tahun=tanggal.year)
    assert rekap.jp_belajar_mandiri == Decimal("2.00")


def test_international_two_jp_count_as_two_point_four(cast, buat_penugasan, hari_ini):
    penugasan = buat_penugasan(lingkup="internasional")
    log = _catat(penugasan, hari_ini - timedelta(days=1), "2")
    services.log_paraf(log=log, oleh=cast.budi, setuju=True)
    log.kegiatan.refresh_from_db()
    assert log.kegiatan.jp == Decimal("2.40")
    assert log.kegiatan.lingkup == "internasional"


def test_a_log_is_a_ledger_row_guided_by_the_assigning_supervisor(cast, penugasan, hari_ini):
    sumber = services.sumber_tambah(
        penugasan=penugasan, oleh=cast.budi, jenis="buku", judul="Manajemen SDM Aparatur", keterangan="Bab 3"
    )
    log = services.log_catat(
        penugasan=penugasan, tanggal=hari_ini, jp_belajar=Decimal("1.5"), materi="Analisis jabatan",
        sumber=sumber, menit=68,
    )
    k = log.kegiatan
    assert (k.jenis, k.pembimbing, k.pegawai, k.jp_belajar) == ("belajar_mandiri", cast.budi, cast.sari, Decimal("1.5"))
    assert k.materi == "Analisis jabatan (sumber: Manajemen SDM Aparatur)"
    assert k.sumber == penugasan
    assert k.status == StatusKegiatan.DIAJUKAN and k.jp == 0
    assert Notifikasi.objects.filter(penerima=cast.budi, judul__contains="menunggu paraf").exists()


@pytest.mark.parametrize(
    ("hari", "jp", "kunci", "pesan"),
    [
        (1, "1", "tanggal", "masa depan"),
        (-90, "1", "tanggal", "di luar periode"),
        (-1, "0", "jp_belajar", "lebih dari 0"),
        (-1, "-2", "jp_belajar", "lebih dari 0"),
        (-1, "25", "jp_belajar", "tidak mungkin lebih dari 24"),
    ],
)
def test_guards_refuse_impossible_logs(penugasan, hari_ini, hari, jp, kunci, pesan):
    with pytest.raises(ValidationError) as exc:
        _catat(penugasan, hari_ini + timedelta(days=hari), jp)
    assert any(pesan in m for m in exc.value.message_dict[kunci])
    assert not LogBelajar.objects.exists()


def test_more_than_24_jp_in_one_day_is_refused_across_logs(penugasan, hari_ini):
    _catat(penugasan, hari_ini, "20", "Pagi")
    with pytest.raises(ValidationError) as exc:
        _catat(penugasan, hari_ini, "5", "Malam")
    assert "lebih dari 24 JP sehari tidak mungkin" in " ".join(exc.value.message_dict["jp_belajar"])


def test_no_log_on_a_closed_or_proposed_assignment(cast, penugasan, hari_ini):
    services.resume_simpan(penugasan=penugasan, oleh=cast.sari, judul="Resume", isi="Isi")
    services.penugasan_evaluasi(penugasan=penugasan, oleh=cast.budi, hasil="tercapai", catatan="Baik")
    with pytest.raises(ValidationError) as exc:
        _catat(penugasan, hari_ini, "1")
    assert "hanya dapat dicatat saat aktif" in " ".join(exc.value.messages)


def test_only_the_direct_supervisor_assigns(cast, hari_ini):
    with pytest.raises(PermissionDenied):
        services.penugasan_buat(
            atasan=cast.rina, pegawai=cast.sari, topik="x", kesenjangan="y", lingkup="nasional",
            mulai=hari_ini, selesai=hari_ini, jp_rencana=Decimal("2"),
        )


def test_another_supervisor_cannot_initial_a_log(cast, penugasan, hari_ini):
    log = _catat(penugasan, hari_ini, "1")
    with pytest.raises(PermissionDenied):
        services.log_paraf(log=log, oleh=cast.rina, setuju=True)
    assert services.log_paraf_banyak(log_ids=[log.pk], oleh=cast.rina) == 0
    log.kegiatan.refresh_from_db()
    assert log.kegiatan.status == StatusKegiatan.DIAJUKAN


def test_a_proposal_waits_for_the_supervisor_and_a_rejection_needs_a_reason(cast, hari_ini):
    usulan = services.penugasan_usulkan(
        pegawai=cast.sari, topik="Excel untuk analisis data", kesenjangan="Pengolahan data", lingkup="nasional",
        mulai=hari_ini - timedelta(days=5), selesai=hari_ini, jp_rencana=Decimal("8"),
    )
    assert usulan.status == PenugasanBelajar.Status.USULAN and usulan.atasan == cast.budi
    with pytest.raises(ValidationError):
        _catat(usulan, hari_ini, "1")
    with pytest.raises(ValidationError):
        services.penugasan_putuskan_usulan(penugasan=usulan, oleh=cast.budi, setuju=False, alasan=" ")
    usulan = services.penugasan_putuskan_usulan(penugasan=usulan, oleh=cast.budi, setuju=True)
    assert usulan.status == PenugasanBelajar.Status.AKTIF
    assert _catat(usulan, hari_ini, "1").pk


def test_a_rejected_log_gives_nothing_and_frees_the_day(cast, penugasan, hari_ini):
    a = _catat(penugasan, hari_ini, "2", "Bab 1")
    services.log_paraf(log=a, oleh=cast.budi, setuju=False, alasan="Bukti belum ada")
    b = _catat(penugasan, hari_ini, "2", "Bab 2")
    p = selectors.log_pratinjau(penugasan=penugasan, tanggal=hari_ini, jp_belajar=Decimal("1"))
    assert p.sudah_tercatat == Decimal("2")  # the rejected log is not counted as logged
    services.log_paraf(log=b, oleh=cast.budi, setuju=True)
    b.kegiatan.refresh_from_db()
    assert b.kegiatan.jp == Decimal("2.00")


def test_preview_says_a_log_beyond_the_cap_adds_nothing(cast, penugasan, hari_ini):
    a = _catat(penugasan, hari_ini, "1", "Bab 1")
    services.log_paraf(log=a, oleh=cast.budi, setuju=True)
    _catat(penugasan, hari_ini, "1", "Bab 2")
    p = selectors.log_pratinjau(penugasan=penugasan, tanggal=hari_ini, jp_belajar=Decimal("1"))
    assert p.sudah_tercatat == Decimal("2") and p.sudah_diparaf == Decimal("1")
    assert p.pesan[0].startswith("Hari ini sudah 2 JP tercatat")
    assert "Log ini tidak menambah JP" in p.pesan[1]
    assert p.kredit.jp == Decimal("1.00")  # counted now, before the waiting one is initialled
    assert not p.menambah_jp


def test_minutes_convert_to_jp_and_back():
    assert jp_dari_menit(90) == Decimal("2.00")
    assert jp_dari_menit(60) == Decimal("1.33")
    assert menit_dari_jp(Decimal("1.5")) == 68


def test_resume_html_is_sanitised_and_initialled(cast, penugasan):
    resume = services.resume_simpan(
        penugasan=penugasan, oleh=cast.sari, judul="Resume ANJAB",
        isi='<p onclick="x()">Isi <b>penting</b></p><script>alert(1)</script><a href="javascript:x">t</a>',
    )
    assert "<b>penting</b>" in resume.isi
    assert "script" not in resume.isi and "onclick" not in resume.isi and "javascript" not in resume.isi
    with pytest.raises(PermissionDenied):
        services.resume_paraf(resume=resume, oleh=cast.rina, setuju=True)
    with pytest.raises(ValidationError):
        services.resume_paraf(resume=resume, oleh=cast.budi, setuju=False, alasan="")
    resume = services.resume_paraf(resume=resume, oleh=cast.budi, setuju=False, alasan="Tambahkan contoh")
    assert resume.status == Resume.Status.REVISI
    resume = services.resume_simpan(
        penugasan=penugasan, oleh=cast.sari, judul="Resume ANJAB", isi="Baris satu\nbaris dua\n\nParagraf dua",
        resume=resume,
    )
    assert resume.status == Resume.Status.DIAJUKAN
    assert resume.isi == "<p>Baris satu<br>baris dua</p><p>Paragraf dua</p>"
    resume = services.resume_paraf(resume=resume, oleh=cast.budi, setuju=True)
    assert (resume.status, resume.diparaf_oleh) == (Resume.Status.DIPARAF, cast.budi)
    assert resume.diparaf_pada is not None


def test_evaluation_closes_the_assignment(cast, penugasan):
    services.resume_simpan(penugasan=penugasan, oleh=cast.sari, judul="Resume", isi="Isi")
    with pytest.raises(ValidationError):
        services.penugasan_evaluasi(penugasan=penugasan, oleh=cast.budi, hasil="luar biasa", catatan="x")
    p = services.penugasan_evaluasi(penugasan=penugasan, oleh=cast.budi, hasil="sebagian", catatan="Lanjutkan")
    assert (p.status, p.hasil) == (PenugasanBelajar.Status.SELESAI, "sebagian")
    assert Notifikasi.objects.filter(penerima=cast.sari, judul__contains="dievaluasi").exists()


def test_calendar_shows_logged_and_counted_per_day(cast, penugasan, hari_ini):
    a = _catat(penugasan, hari_ini, "2", "Bab 1")
    _catat(penugasan, hari_ini, "1", "Bab 2")
    services.log_paraf(log=a, oleh=cast.budi, setuju=True)
    minggu = selectors.kalender_bulan(pegawai=cast.sari, tahun=hari_ini.year, bulan=hari_ini.month)
    hari = next(h for pekan in minggu for h in pekan if h.tanggal == hari_ini)
    assert (hari.dicatat, hari.dihitung, hari.jumlah_log, hari.menunggu) == (Decimal("3"), Decimal("2"), 2, 1)


@pytest.mark.parametrize("mulai,selesai,kolom", [
    (date(1900, 1, 1), date(1900, 1, 31), "mulai"),
    (date(2024, 1, 10), date(2024, 1, 1), "selesai"),
    (date(2024, 1, 1), date(3000, 1, 1), "selesai"),
])
def test_a_proposal_takes_sane_dates(cast, mulai, selesai, kolom):
    with pytest.raises(ValidationError) as exc:
        services.penugasan_usulkan(
            pegawai=cast.sari, topik="Excel", kesenjangan="Pengolahan data", lingkup="nasional",
            mulai=mulai, selesai=selesai, jp_rencana=Decimal("8"),
        )
    assert kolom in exc.value.message_dict
    assert not PenugasanBelajar.objects.exists()
