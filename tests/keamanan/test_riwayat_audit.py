"""The audit trail: who changed what, when, before → after; BPSDM and the kepala
of the employee's OPD may browse it, nobody else."""
from bangkom.pegawai.riwayat import riwayat_dari, riwayat_pegawai
from jp_conversion.models import Kegiatan
from tests.keamanan.peta_url import klien


def test_a_rejected_session_shows_who_rejected_it_the_status_change_and_the_reason(dunia):
    resp = klien(dunia, "rina").post(
        f"/sesi/{dunia.sesi.pk}/paraf/", {"aksi": "tolak", "alasan": "Notulen belum dilampirkan"}
    )
    assert resp.status_code == 302
    html = klien(dunia, "dewi").get(f"/pegawai/{dunia.sari.pk}/riwayat/").content.decode()
    assert "Riwayat perubahan: Sari Wulandari" in html
    assert "Rina Marlina" in html  # who (recorded by HistoryRequestMiddleware)
    assert "Menunggu paraf" in html or "Diajukan" in html  # before
    assert "Ditolak" in html and "Notulen belum dilampirkan" in html  # after, and why
    assert "Menyusun rencana pengembangan" in html  # which activity


def test_profile_changes_are_listed_with_before_and_after(dunia):
    sari = dunia.sari
    sari.golongan, sari.atasan = "III/b", dunia.wati
    sari.save()
    entri = [e for e in riwayat_pegawai(sari) if e.objek == "Profil pegawai" and e.jenis == "~"]
    assert entri
    perubahan = {c.label: (c.sebelum, c.sesudah) for c in entri[0].perubahan}
    assert perubahan["golongan"] == ("—", "III/b")
    assert perubahan["atasan langsung"][0].startswith("Budi Santoso")
    assert perubahan["atasan langsung"][1].startswith("Wati Lestari")


def test_the_generic_helper_works_on_any_history_queryset(dunia):
    entri = riwayat_dari(Kegiatan.history.filter(id__in=[dunia.kegiatan.pk, dunia.kegiatan_sesi.pk]))
    assert {e.jenis for e in entri} == {"+"} and len(entri) == 2


def test_history_pages_paginate(dunia):
    for i in range(30):
        dunia.sari.pangkat = f"Penata {i}"
        dunia.sari.save()
    c = klien(dunia, "dewi")
    assert "Halaman 1 dari 2" in c.get(f"/pegawai/{dunia.sari.pk}/riwayat/").content.decode()
    assert c.get(f"/pegawai/{dunia.sari.pk}/riwayat/?page=2").status_code == 200


def test_only_bpsdm_and_the_kepala_of_the_opd_see_it(dunia):
    url = f"/pegawai/{dunia.sari.pk}/riwayat/"
    for aktor, status in [("dewi", 200), ("hasan", 200), ("sari", 403), ("budi", 403), ("rina", 403),
                          ("bambang", 404), ("joko", 404)]:
        assert klien(dunia, aktor).get(url).status_code == status, aktor
    assert "Riwayat perubahan" in klien(dunia, "dewi").get(f"/pegawai/{dunia.sari.pk}/").content.decode()
    assert "/riwayat/" not in klien(dunia, "budi").get(f"/pegawai/{dunia.sari.pk}/").content.decode()
