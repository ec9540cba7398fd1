"""Issue 16, self-study: no evaluation before a resume; each source used is rated at evaluation;
BPSDM sees per source kind how often it was used and how it was rated."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from belajar_mandiri import selectors, services
from belajar_mandiri.models import PenugasanBelajar, SumberBelajar


def _sumber(penugasan, oleh, judul, jenis="buku"):
    return services.sumber_tambah(penugasan=penugasan, oleh=oleh, jenis=jenis, judul=judul)


def _resume(penugasan, oleh, sumber=None):
    return services.resume_simpan(penugasan=penugasan, oleh=oleh, judul="Ringkasan", isi="Isi resume", sumber=sumber)


def test_no_evaluation_before_a_resume_is_submitted(cast, penugasan):
    assert services.alasan_belum_dievaluasi(penugasan) == services.PESAN_TANPA_RESUME
    with pytest.raises(ValidationError) as exc:
        services.penugasan_evaluasi(penugasan=penugasan, oleh=cast.budi, hasil="tercapai", catatan="Baik")
    assert "belum mengirim resume" in " ".join(exc.value.messages)
    penugasan.refresh_from_db()
    assert penugasan.status == PenugasanBelajar.Status.AKTIF


def test_a_resume_sent_back_for_revision_does_not_count_until_sent_again(cast, penugasan):
    resume = _resume(penugasan, cast.sari)
    services.resume_paraf(resume=resume, oleh=cast.budi, setuju=False, alasan="Terlalu singkat")
    assert services.alasan_belum_dievaluasi(penugasan) == services.PESAN_RESUME_REVISI
    with pytest.raises(ValidationError):
        services.penugasan_evaluasi(penugasan=penugasan, oleh=cast.budi, hasil="tercapai", catatan="Baik")
    services.resume_simpan(penugasan=penugasan, oleh=cast.sari, judul="Ringkasan", isi="Lebih lengkap", resume=resume)
    assert services.alasan_belum_dievaluasi(penugasan) == ""
    p = services.penugasan_evaluasi(penugasan=penugasan, oleh=cast.budi, hasil="tercapai", catatan="Baik")
    assert p.status == PenugasanBelajar.Status.SELESAI


def test_every_source_used_must_be_rated_and_the_ratings_are_kept(cast, penugasan, hari_ini):
    buku = _sumber(penugasan, cast.budi, "Buku ABK")
    modul = _sumber(penugasan, cast.sari, "Modul LMS", jenis="kursus_nasional")
    tak_dipakai = _sumber(penugasan, cast.budi, "Buku lain")
    services.log_catat(penugasan=penugasan, tanggal=hari_ini, jp_belajar=Decimal("1"), materi="Bab 1", sumber=buku)
    _resume(penugasan, cast.sari, sumber=modul)
    assert {s.pk for s in services.sumber_terpakai(penugasan)} == {buku.pk, modul.pk}
    with pytest.raises(ValidationError) as exc:
        services.penugasan_evaluasi(
            penugasan=penugasan, oleh=cast.budi, hasil="tercapai", catatan="Baik", penilaian={buku.pk: "cukup"},
        )
    assert f"sumber_{modul.pk}" in exc.value.message_dict
    assert "Modul LMS" in " ".join(exc.value.message_dict[f"sumber_{modul.pk}"])
    with pytest.raises(ValidationError) as exc:
        services.penugasan_evaluasi(
            penugasan=penugasan, oleh=cast.budi, hasil="tercapai", catatan="Baik",
            penilaian={buku.pk: "luar biasa", modul.pk: "cukup"},
        )
    assert f"sumber_{buku.pk}" in exc.value.message_dict
    services.penugasan_evaluasi(
        penugasan=penugasan, oleh=cast.budi, hasil="tercapai", catatan="Baik",
        penilaian={buku.pk: "paling_efektif", modul.pk: "kurang"},
    )
    nilai = dict(SumberBelajar.objects.values_list("judul", "penilaian"))
    assert nilai == {"Buku ABK": "paling_efektif", "Modul LMS": "kurang", tak_dipakai.judul: ""}


def test_a_source_of_another_assignment_cannot_be_rated(cast, penugasan, buat_penugasan):
    lain = buat_penugasan(topik="Lain")
    asing = _sumber(lain, cast.budi, "Asing")
    _resume(penugasan, cast.sari)
    with pytest.raises(ValidationError):
        services.penugasan_evaluasi(
            penugasan=penugasan, oleh=cast.budi, hasil="tercapai", catatan="Baik", penilaian={asing.pk: "cukup"},
        )
    asing.refresh_from_db()
    assert asing.penilaian == ""


def test_the_evaluation_button_is_disabled_and_explains_why(cast, masuk, penugasan):
    url = reverse("belajar_mandiri:detail", args=[penugasan.pk])
    html = masuk(cast.budi).get(url).content.decode()
    assert "disabled" in html and 'aria-describedby="alasan-evaluasi"' in html
    assert "belum mengirim resume" in html
    r = masuk(cast.budi).post(reverse("belajar_mandiri:evaluasi", args=[penugasan.pk]),
                              {"hasil": "tercapai", "catatan": "Baik"})
    assert r.status_code == 400
    assert "belum mengirim resume" in r.content.decode()
    _resume(penugasan, cast.sari)
    html = masuk(cast.budi).get(url).content.decode()
    assert 'aria-describedby="alasan-evaluasi"' not in html


def test_the_form_asks_a_rating_for_each_source_used_and_saves_it(cast, masuk, penugasan, hari_ini):
    buku = _sumber(penugasan, cast.budi, "Buku ABK")
    services.log_catat(penugasan=penugasan, tanggal=hari_ini, jp_belajar=Decimal("1"), materi="Bab 1", sumber=buku)
    _resume(penugasan, cast.sari)
    c = masuk(cast.budi)
    aksi = reverse("belajar_mandiri:evaluasi", args=[penugasan.pk])
    r = c.post(aksi, {"hasil": "tercapai", "catatan": "Baik"})
    assert r.status_code == 400
    assert "Nilai sumber &quot;Buku ABK&quot;" in r.content.decode()
    r = c.post(aksi, {"hasil": "tercapai", "catatan": "Baik", f"sumber_{buku.pk}": "paling_efektif"})
    assert r.status_code == 302
    buku.refresh_from_db()
    assert buku.penilaian == "paling_efektif"
    assert "Penilaian atasan: Paling efektif" in c.get(r.url).content.decode()


def test_bpsdm_sees_use_and_ratings_per_source_kind(cast, masuk, penugasan, buat_penugasan, hari_ini):
    buku = _sumber(penugasan, cast.budi, "Buku ABK")
    tautan = services.sumber_tambah(penugasan=penugasan, oleh=cast.budi, jenis="tautan", judul="Video",
                                    url="https://contoh.go.id/v")
    for hari in range(3):
        services.log_catat(penugasan=penugasan, tanggal=hari_ini - timedelta(days=hari),
                           jp_belajar=Decimal("1"), materi="Bab", sumber=buku)
    services.log_catat(penugasan=penugasan, tanggal=hari_ini, jp_belajar=Decimal("0.5"), materi="Video", sumber=tautan)
    _resume(penugasan, cast.sari)
    services.penugasan_evaluasi(
        penugasan=penugasan, oleh=cast.budi, hasil="tercapai", catatan="Baik",
        penilaian={buku.pk: "paling_efektif", tautan.pk: "kurang"},
    )
    rekap = {r.jenis: r for r in selectors.rekap_sumber_belajar(user=cast.dewi.user)}
    b = rekap["buku"]
    assert (b.jumlah, b.terpakai, b.jumlah_log, b.jp_dicatat, b.paling_efektif, b.persen_paling_efektif) == (
        1, 1, 3, Decimal("3"), 1, 100)
    t = rekap["tautan"]
    assert (t.jumlah_log, t.kurang, t.persen_paling_efektif) == (1, 1, 0)
    assert rekap["dokumen"].persen_paling_efektif is None
    html = masuk(cast.dewi).get(reverse("belajar_mandiri:sumber_rekap")).content.decode()
    assert "Rekap sumber belajar" in html and "Buku" in html
    assert reverse("belajar_mandiri:sumber_rekap") in masuk(cast.dewi).get(reverse("beranda")).content.decode()


def test_the_source_recap_is_for_bpsdm_only(cast, masuk):
    for orang in (cast.sari, cast.budi, cast.hasan):
        assert masuk(orang).get(reverse("belajar_mandiri:sumber_rekap")).status_code == 403
