"""Access follows the CURRENT relationship (issue 17, item 1), beside the access matrix and on its
world (`dunia`, peta_url.py): a former supervisor, a declined or ended mentor, and a mentor before
coaching sessions are denied the way an outsider is; the new supervisor gains what the old one lost."""
from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from bangkom.pegawai import impor
from tests.keamanan.peta_url import klien, minta

pytestmark = pytest.mark.django_db


def _url_sari(d) -> dict[str, str]:
    """Sari's pages that a supervisor reads (profile, JP, competencies, self-study, sheets, external)."""
    return {
        "pegawai:detail": reverse("pegawai:detail", args=[d.sari.pk]),
        "jp:pegawai": reverse("jp:pegawai", args=[d.sari.pk]),
        "kompetensi:pegawai": reverse("kompetensi:pegawai", args=[d.sari.pk]),
        "mentoring:pegawai": reverse("mentoring:pegawai", args=[d.sari.pk]),
        "belajar_mandiri:detail": reverse("belajar_mandiri:detail", args=[d.penugasan.pk]),
        "belajar_mandiri:resume": reverse("belajar_mandiri:resume", args=[d.resume.pk]),
        "jp:eksternal": reverse("jp:eksternal", args=[d.eksternal.pk]),
        "dokumen:lembar": reverse("dokumen:lembar", args=[d.sari.pk, "belajar_mandiri"]),
        "coaching:detail": reverse("coaching:detail", args=[d.kesepakatan.pk]),
    }


def _status(d, aktor: str, urls: dict[str, str]) -> dict[str, int]:
    c = klien(d, aktor)
    return {nama: minta(c, "get", url).status_code for nama, url in urls.items()}


def _xlsx_atasan_baru(pegawai, atasan) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append([judul for _, judul in impor.KOLOM])
    ws.append([
        pegawai.nip, pegawai.nama, "", "", pegawai.jenis_asn, pegawai.golongan, pegawai.pangkat,
        pegawai.jabatan.kode, pegawai.opd.kode, pegawai.unit.kode, atasan.nip, pegawai.email,
    ])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _ganti_atasan_lewat_impor(d) -> None:
    impor.pegawai_impor(isi=_xlsx_atasan_baru(d.sari, d.wati))
    d.sari.refresh_from_db()
    assert d.sari.atasan_id == d.wati.pk


def test_former_supervisor_loses_access_and_new_one_gains_it_after_import(dunia):
    d = dunia
    urls = _url_sari(d)
    assert set(_status(d, "budi", urls).values()) == {200}, "precondition: Budi reads Sari's pages"
    _ganti_atasan_lewat_impor(d)

    budi = _status(d, "budi", urls)
    assert {n: s for n, s in budi.items() if s not in (403, 404)} == {}, budi
    wati = _status(d, "wati", urls)
    assert {n: s for n, s in wati.items() if s != 200 and n != "coaching:detail"} == {}, wati


def test_verification_queue_moves_to_the_new_supervisor(dunia):
    d = dunia
    _ganti_atasan_lewat_impor(d)
    d.eksternal.kegiatan.refresh_from_db()
    assert d.eksternal.kegiatan.pembimbing_id == d.wati.pk
    halaman_budi = minta(klien(d, "budi"), "get", reverse("jp:verifikasi")).content.decode()
    halaman_wati = minta(klien(d, "wati"), "get", reverse("jp:verifikasi")).content.decode()
    assert d.eksternal.kegiatan.materi not in halaman_budi
    assert d.eksternal.kegiatan.materi in halaman_wati
    # the self-study assignment (and its log waiting for paraf) follows the supervisor too
    d.penugasan.refresh_from_db()
    d.log.kegiatan.refresh_from_db()
    assert d.penugasan.atasan_id == d.wati.pk
    assert d.log.kegiatan.pembimbing_id == d.wati.pk


def test_running_coaching_of_the_old_pair_ends_with_an_audited_reason(dunia):
    d = dunia
    _ganti_atasan_lewat_impor(d)
    d.kesepakatan.refresh_from_db()
    assert d.kesepakatan.status == "dibatalkan"
    assert d.kesepakatan.ditutup_pada is not None
    assert "atasan" in d.kesepakatan.catatan_evaluasi.lower()
    versi = d.kesepakatan.history.order_by("-history_id").first()
    assert versi.status == "dibatalkan"
    assert "atasan" in (versi.history_change_reason or "").lower()
    # the coachee is told
    assert d.sari.notifikasi.filter(judul__icontains="coaching").exists()


def test_supervisor_change_in_the_admin_ends_access_and_coaching(dunia):
    d = dunia
    c = klien(d, "admin")
    s = d.sari
    data = {
        "nip": s.nip, "jenis_asn": s.jenis_asn, "nama": s.nama, "gelar_depan": s.gelar_depan,
        "gelar_belakang": s.gelar_belakang, "golongan": s.golongan, "pangkat": s.pangkat,
        "jabatan": s.jabatan_id, "opd": s.opd_id, "unit": s.unit_id, "atasan": d.wati.pk, "email": s.email,
        "aktif": "on", "user": s.user_id, "_save": "Simpan",
    }
    resp = c.post(reverse("admin:pegawai_pegawai_change", args=[s.pk]), data)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    s.refresh_from_db()
    assert s.atasan_id == d.wati.pk
    d.kesepakatan.refresh_from_db()
    assert d.kesepakatan.status == "dibatalkan"
    assert minta(klien(d, "budi"), "get", reverse("pegawai:detail", args=[s.pk])).status_code == 404
    assert minta(klien(d, "wati"), "get", reverse("pegawai:detail", args=[s.pk])).status_code == 200


def test_declined_mentor_loses_access_to_the_requester(dunia):
    from mentoring.models import PermintaanMentoring
    from mentoring.services import permintaan_tolak

    d = dunia
    permintaan = PermintaanMentoring.objects.create(pemohon=d.sari, mentor=d.maya, topik="Analisis data")
    url = reverse("pegawai:detail", args=[d.sari.pk])
    assert minta(klien(d, "maya"), "get", url).status_code == 200, "an open request shows the requester"
    permintaan_tolak(permintaan=permintaan, oleh=d.maya, alasan="Kapasitas penuh")
    assert minta(klien(d, "maya"), "get", url).status_code == 404


def test_ended_mentor_loses_access_to_the_requester(dunia):
    from bangkom.sesi.services import sesi_konfirmasi, sesi_paraf
    from mentoring.services import permintaan_akhiri

    d = dunia
    sesi_paraf(sesi=d.sesi, oleh=d.rina, setuju=True)  # nothing left awaiting Rina's paraf
    sesi_konfirmasi(sesi=d.sesi, oleh=d.sari, setuju=True)  # nor Sari's confirmation
    urls = _url_sari(d)
    del urls["coaching:detail"]  # never hers
    assert set(_status(d, "rina", urls).values()) == {200}, "precondition: a running mentor reads Sari"
    permintaan_akhiri(permintaan=d.permintaan, oleh=d.sari, alasan="Tidak cocok")
    rina = _status(d, "rina", urls)
    assert {n: s for n, s in rina.items() if s not in (403, 404)} == {}, rina


def test_mentor_never_sees_coaching_sessions_or_the_coaching_sheet(dunia):
    d = dunia
    sesi_coaching = reverse("sesi:detail", args=[d.sesi_coaching.pk])
    lembar_coaching = reverse("dokumen:lembar", args=[d.sari.pk, "coaching"])
    rina = klien(d, "rina")
    assert minta(rina, "get", sesi_coaching).status_code == 404
    assert minta(rina, "get", lembar_coaching).status_code == 404
    # her own mentoring session and the mentoring sheet stay hers
    assert minta(rina, "get", reverse("sesi:detail", args=[d.sesi.pk])).status_code == 200
    assert minta(rina, "get", reverse("dokumen:lembar", args=[d.sari.pk, "mentoring"])).status_code == 200
    # the coach (her supervisor) reads both
    budi = klien(d, "budi")
    assert minta(budi, "get", sesi_coaching).status_code == 200
    assert minta(budi, "get", lembar_coaching).status_code == 200
