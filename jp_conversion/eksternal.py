"""External development activities (an e-learning certificate, a seminar): submitted by the employee
with a certificate, verified by the supervisor (or BPSDM) through the same ledger paraf as every other
activity; they move to the new supervisor when the old one leaves."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from bangkom.lib.model import alasan_riwayat
from bangkom.notifikasi.services import notifikasi_kirim
from bangkom.pegawai.models import Pegawai

from . import rules
from .models import JENIS_EKSTERNAL, Kegiatan, KegiatanEksternal, StatusKegiatan
from .penjaga import kunci_pegawai
from .services import kegiatan_catat, kegiatan_paraf


# --------------------------------------------------------------------------------------------------
def catatan_bukti(*, asal: str, materi: str, penyelenggara: str, nomor_sertifikat: str, url_bukti: str,
                  nama: str) -> ContentFile:
    """The evidence kept when another system sends a link to its certificate instead of the file (the
    API, the LMS import): a small text file the verifier opens like any certificate."""
    teks = (f"Bukti kegiatan {asal}\nMateri: {materi}\nPenyelenggara: {penyelenggara}\n"
            f"Nomor sertifikat: {nomor_sertifikat or '-'}\nURL bukti: {url_bukti or '-'}\n")
    return ContentFile(teks.encode(), name=nama)


@transaction.atomic
def kegiatan_eksternal_ajukan(
    *,
    pegawai: Pegawai,
    jenis: str,
    tanggal: date,
    materi: str,
    penyelenggara: str,
    sertifikat,
    lingkup: str = "nasional",
    jp_belajar: Decimal | None = None,
    nomor_sertifikat: str = "",
    keterangan: str = "",
    diajukan_oleh=None,
    beri_tahu: bool = True,
    tanggal_selesai: date | None = None,
) -> KegiatanEksternal:
    """Record an external activity (training, seminar, e-learning, ...) waiting for verification by
    the employee's supervisor. Forms with a fixed value per day/activity ignore the JP typed. A
    multi-day programme (pelatihan 40 JP over five days) is one activity from ``tanggal`` to
    ``tanggal_selesai`` with the programme's JP."""
    if jenis not in JENIS_EKSTERNAL:
        raise ValidationError(
            {"jenis": "Jenis ini dicatat melalui alurnya sendiri (coaching, mentoring, belajar mandiri)."}
        )
    if not penyelenggara.strip():
        raise ValidationError({"penyelenggara": "Penyelenggara wajib diisi."})
    if not sertifikat:
        raise ValidationError({"sertifikat": "Unggah sertifikat atau bukti kegiatan."})
    if rules.form(jenis).unit != rules.JP:
        jp_belajar = None
    kegiatan = kegiatan_catat(
        pegawai=pegawai, jenis=jenis, tanggal=tanggal, materi=materi, pembimbing=pegawai.atasan,
        lingkup=lingkup, jp_belajar=jp_belajar, keterangan=keterangan, tanggal_selesai=tanggal_selesai,
    )
    eksternal = KegiatanEksternal.objects.create(
        kegiatan=kegiatan, penyelenggara=penyelenggara.strip(), sertifikat=sertifikat,
        nomor_sertifikat=nomor_sertifikat.strip(), diajukan_oleh=diajukan_oleh,
    )
    Kegiatan.objects.filter(pk=kegiatan.pk).update(
        sumber_tipe=ContentType.objects.get_for_model(KegiatanEksternal), sumber_id=eksternal.pk
    )
    if beri_tahu and pegawai.atasan is not None:
        notifikasi_kirim(
            penerima=pegawai.atasan, judul=f"Verifikasi kegiatan: {kegiatan.materi}",
            pesan=f"{pegawai.nama} mengajukan {kegiatan.get_jenis_display().lower()} "
                  f"tanggal {tanggal:%d-%m-%Y} untuk diverifikasi.",
            tautan=reverse("jp:eksternal", args=[eksternal.pk]),
        )
    return eksternal


@transaction.atomic
def kegiatan_eksternal_verifikasi(
    *,
    eksternal: KegiatanEksternal,
    oleh: Pegawai,
    setuju: bool,
    alasan: str = "",
    sebagai_bpsdm: bool = False,
    beri_tahu: bool = True,
) -> Kegiatan:
    """Verify (initial) or reject an external activity. The supervisor is its pembimbing; a BPSDM
    officer (`sebagai_bpsdm`, decided by `jp_conversion.akses.boleh_verifikasi_eksternal`) takes the verification
    over by becoming the pembimbing, so one paraf rule still holds and the history shows who did."""
    kunci_pegawai(eksternal.kegiatan.pegawai_id)
    kegiatan = Kegiatan.objects.select_for_update().get(pk=eksternal.kegiatan_id)
    if kegiatan.pembimbing_id != oleh.pk:
        if not sebagai_bpsdm or kegiatan.pegawai_id == oleh.pk:
            raise PermissionDenied("Anda tidak berhak memverifikasi kegiatan ini.")
        if kegiatan.status != StatusKegiatan.DIAJUKAN:
            raise ValidationError("Kegiatan ini sudah diverifikasi oleh pembimbingnya.")
        kegiatan.pembimbing = oleh
        kegiatan.save(update_fields=["pembimbing", "diubah"])
    sebelum = kegiatan.status
    kegiatan = kegiatan_paraf(kegiatan=kegiatan, oleh=oleh, setuju=setuju, alasan=alasan)
    if beri_tahu and kegiatan.status != sebelum:
        notifikasi_kirim(
            penerima=kegiatan.pegawai,
            judul=f"Kegiatan {'diverifikasi' if setuju else 'ditolak'}: {kegiatan.materi}",
            pesan=kegiatan.alasan if setuju else f"Alasan: {kegiatan.alasan_status}",
            tautan=reverse("jp:eksternal", args=[eksternal.pk]),
        )
    return kegiatan


ALASAN_ATASAN_BERGANTI = "Atasan langsung berganti"


@transaction.atomic
def eksternal_alihkan_atasan_berganti(
    *, pegawai: Pegawai, lama: Pegawai | None, baru: Pegawai | None, oleh=None
) -> int:
    """The employee's supervisor changed: external activities still waiting for the former
    supervisor's verification move to the new one's queue (verification is the current supervisor's
    task; with no new supervisor they stay, and BPSDM may verify them). Recorded in each activity's
    history with the reason. Sessions keep the pembimbing who led them. Returns how many moved."""
    if lama is None or baru is None:
        return 0
    menunggu = Kegiatan.objects.select_for_update().filter(
        pegawai=pegawai, pembimbing=lama, status=StatusKegiatan.DIAJUKAN, jenis__in=JENIS_EKSTERNAL
    )
    n = 0
    for k in menunggu:
        k.pembimbing = baru
        alasan_riwayat(k, alasan=ALASAN_ATASAN_BERGANTI, oleh=oleh)
        k.save(update_fields=["pembimbing", "diubah"])
        n += 1
    if n:
        notifikasi_kirim(
            penerima=baru, judul=f"{n} kegiatan eksternal {pegawai.nama_lengkap} menunggu verifikasi Anda",
            pesan="Dialihkan dari atasan langsung sebelumnya.", tautan=reverse("jp:verifikasi"),
        )
    return n


def atasan_berganti_diterima(sender, *, pegawai: Pegawai, lama: Pegawai | None, baru: Pegawai | None,
                             oleh=None, **_) -> None:
    """Receiver of `bangkom.pegawai.sinyal.atasan_berganti` (connected in `apps.py`)."""
    eksternal_alihkan_atasan_berganti(pegawai=pegawai, lama=lama, baru=baru, oleh=oleh)
