"""Writes of the mentoring workflow (RULES §4: request → shared understanding → sessions →
documentation → evaluation). Sessions and their JP go through `bangkom.sesi.services`."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bangkom.notifikasi.services import notifikasi_kirim, notifikasi_selesai
from bangkom.pegawai.models import Mentor, Pegawai
from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.models import Sesi
from bangkom.sesi.services import sesi_catat

from .models import ALASAN_DIALIHKAN, PermintaanMentoring
from .saran import jenis_kelayakan

Status = PermintaanMentoring.Status

HARI_PENGINGAT = 7  # unanswered this long → remind the mentor
HARI_TAWARAN = 14  # unanswered this long → tell the employee and offer other mentors


def _tautan(permintaan: PermintaanMentoring) -> str:
    return reverse("mentoring:detail", args=[permintaan.pk])


def _kunci(permintaan: PermintaanMentoring) -> PermintaanMentoring:
    return PermintaanMentoring.objects.select_for_update().get(pk=permintaan.pk)


def _wajib_status(permintaan: PermintaanMentoring, *boleh: str, pesan: str) -> None:
    if permintaan.status not in boleh:
        raise ValidationError(pesan)


def _kunci_untuk_dijawab(permintaan: PermintaanMentoring, oleh: Pegawai) -> PermintaanMentoring:
    """The request, locked, if `oleh` is the mentor asked and it still waits for the answer."""
    permintaan = _kunci(permintaan)
    if permintaan.mentor_id != oleh.pk:
        raise PermissionDenied("Hanya mentor yang diminta yang dapat menjawab permintaan ini.")
    _wajib_status(permintaan, Status.DIAJUKAN, pesan="Permintaan ini sudah dijawab.")
    return permintaan


def _simpan_jawaban(permintaan: PermintaanMentoring, *, oleh: Pegawai, kata: str, pesan: str) -> PermintaanMentoring:
    """Save the mentor's answer and tell the employee ("{mentor} {kata} permintaan mentoring Anda")."""
    permintaan.save()
    notifikasi_selesai(penerima=oleh, tautan=_tautan(permintaan))
    notifikasi_kirim(
        penerima=permintaan.pemohon, judul=f"{oleh.nama} {kata} permintaan mentoring Anda", pesan=pesan,
        tautan=_tautan(permintaan),
    )
    return permintaan


@transaction.atomic
def permintaan_ajukan(
    *,
    pemohon: Pegawai,
    mentor: Pegawai | None,
    topik: str,
    kesenjangan: str = "",
    kompetensi=None,
    format: str = PermintaanMentoring.Format.SATU_SATU,
    hari_ini: date | None = None,
    dialihkan_dari: PermintaanMentoring | None = None,
) -> PermintaanMentoring:
    """The employee asks a mentor; the mentor must be eligible (RULES §1) and not already asked
    by this employee in an open request. The mentor is notified."""
    hari_ini = hari_ini or timezone.localdate()
    galat: dict[str, list[str]] = {}
    if not topik or not topik.strip():
        galat["topik"] = ["Topik mentoring wajib diisi."]
    if format not in PermintaanMentoring.Format.values:
        galat["format"] = ["Format mentoring tidak dikenal."]
    if mentor is None:
        galat["mentor"] = ["Pilih seorang mentor."]
    elif mentor.pk == pemohon.pk:
        galat["mentor"] = ["Anda tidak dapat menjadi mentor bagi diri sendiri."]
    elif not jenis_kelayakan(pemohon, mentor):
        galat["mentor"] = [
            f"{mentor.nama_lengkap} tidak memenuhi syarat sebagai mentor Anda. Mentor harus atasan langsung, "
            "atasan dari atasan langsung, pejabat setingkat atasan, rekan sejabatan yang lebih berpengalaman "
            "(rumpun jabatan sama), atau mentor terdaftar yang aktif."
        ]
    elif PermintaanMentoring.objects.filter(
        pemohon=pemohon, mentor=mentor, status__in=PermintaanMentoring.TERBUKA
    ).exists():
        galat["mentor"] = [f"Anda sudah memiliki permintaan mentoring yang masih berjalan kepada {mentor.nama}."]
    if galat or mentor is None:  # a missing mentor is always in galat
        raise ValidationError(galat)
    permintaan = PermintaanMentoring.objects.create(
        pemohon=pemohon, mentor=mentor, topik=topik.strip(), kesenjangan=kesenjangan.strip(), kompetensi=kompetensi,
        format=format,
        tanggal_pengajuan=hari_ini, dialihkan_dari=dialihkan_dari,
    )
    notifikasi_kirim(
        penerima=mentor, judul=f"Permintaan mentoring baru dari {pemohon.nama}",
        pesan=f"Topik: {permintaan.topik}. Mohon diterima atau ditolak dengan alasan.", tautan=_tautan(permintaan),
    )
    return permintaan


@transaction.atomic
def permintaan_terima(
    *,
    permintaan: PermintaanMentoring,
    oleh: Pegawai,
    aspek: str,
    rencana_pertemuan: str = "",
    tahap: str = "",
    tanggal_mulai: date | None = None,
    hari_ini: date | None = None,
) -> PermintaanMentoring:
    """The mentor accepts and records the shared understanding (aspects to discuss, schedule;
    for peer mentoring the phase, starting at perencanaan)."""
    hari_ini = hari_ini or timezone.localdate()
    permintaan = _kunci_untuk_dijawab(permintaan, oleh)
    tanggal_mulai = tanggal_mulai or hari_ini
    galat: dict[str, list[str]] = {}
    if not aspek or not aspek.strip():
        galat["aspek"] = ["Tuliskan aspek yang disepakati untuk dibahas selama mentoring."]
    if tanggal_mulai > hari_ini:
        galat["tanggal_mulai"] = ["Tanggal mulai tidak boleh di masa depan."]
    elif tanggal_mulai < permintaan.tanggal_pengajuan:
        galat["tanggal_mulai"] = [
            f"Tanggal mulai tidak boleh sebelum permintaan diajukan ({permintaan.tanggal_pengajuan:%d-%m-%Y})."
        ]
    if tahap and tahap not in PermintaanMentoring.Tahap.values:
        galat["tahap"] = ["Tahap tidak dikenal."]
    if galat:
        raise ValidationError(galat)
    permintaan.status = Status.DITERIMA
    permintaan.aspek = aspek.strip()
    permintaan.rencana_pertemuan = rencana_pertemuan.strip()
    permintaan.tahap = tahap or (PermintaanMentoring.Tahap.PERENCANAAN if permintaan.peer else "")
    permintaan.tanggal_mulai = tanggal_mulai
    permintaan.dijawab_pada = hari_ini
    return _simpan_jawaban(permintaan, oleh=oleh, kata="menerima", pesan=f"Aspek yang dibahas: {permintaan.aspek}")


@transaction.atomic
def permintaan_tolak(
    *, permintaan: PermintaanMentoring, oleh: Pegawai, alasan: str, hari_ini: date | None = None
) -> PermintaanMentoring:
    permintaan = _kunci_untuk_dijawab(permintaan, oleh)
    if not alasan or not alasan.strip():
        raise ValidationError({"alasan": ["Alasan penolakan wajib diisi."]})
    permintaan.status = Status.DITOLAK
    permintaan.alasan_tolak = alasan.strip()
    permintaan.dijawab_pada = hari_ini or timezone.localdate()
    return _simpan_jawaban(
        permintaan, oleh=oleh, kata="menolak",
        pesan=f"Alasan: {permintaan.alasan_tolak}. Anda dapat memilih mentor lain.",
    )


@transaction.atomic
def permintaan_ubah_tahap(*, permintaan: PermintaanMentoring, oleh: Pegawai, tahap: str) -> PermintaanMentoring:
    """Move a peer-mentoring relationship to another phase (kept in history)."""
    permintaan = _kunci(permintaan)
    if oleh.pk not in (permintaan.mentor_id, permintaan.pemohon_id):
        raise PermissionDenied("Hanya mentor dan mentee yang dapat mengubah tahap.")
    _wajib_status(permintaan, Status.DITERIMA, Status.DIJEDA, pesan="Tahap hanya diubah selama mentoring berjalan.")
    if tahap not in PermintaanMentoring.Tahap.values:
        raise ValidationError({"tahap": ["Tahap tidak dikenal."]})
    permintaan.tahap = tahap
    permintaan.save()
    return permintaan


@transaction.atomic
def permintaan_jeda(*, permintaan: PermintaanMentoring, oleh: Pegawai, alasan: str = "") -> PermintaanMentoring:
    """Pause a running relationship: no new sessions until resumed."""
    permintaan = _kunci(permintaan)
    _wajib_status(permintaan, Status.DITERIMA, pesan="Hanya mentoring yang sedang berjalan yang dapat dijeda.")
    permintaan.status = Status.DIJEDA
    permintaan.alasan_akhir = alasan.strip()
    permintaan.save()
    _beri_tahu_pihak_lain(permintaan, oleh, f"Mentoring “{permintaan.topik}” dijeda oleh {oleh.nama}", alasan)
    return permintaan


@transaction.atomic
def permintaan_lanjutkan(*, permintaan: PermintaanMentoring, oleh: Pegawai) -> PermintaanMentoring:
    permintaan = _kunci(permintaan)
    _wajib_status(permintaan, Status.DIJEDA, pesan="Hanya mentoring yang dijeda yang dapat dilanjutkan.")
    permintaan.status = Status.DITERIMA
    permintaan.alasan_akhir = ""
    permintaan.save()
    _beri_tahu_pihak_lain(permintaan, oleh, f"Mentoring “{permintaan.topik}” dilanjutkan oleh {oleh.nama}", "")
    return permintaan


@transaction.atomic
def permintaan_akhiri(
    *,
    permintaan: PermintaanMentoring,
    oleh: Pegawai,
    alasan: str,
    tuntas: bool = False,
    hari_ini: date | None = None,
) -> PermintaanMentoring:
    """End a request or relationship with a reason (either side or BPSDM): `tuntas` marks it
    completed (selesai), otherwise it is ended early (diakhiri). Its sessions stay."""
    permintaan = _kunci(permintaan)
    _wajib_status(permintaan, *PermintaanMentoring.TERBUKA, pesan="Mentoring ini sudah ditutup.")
    if not alasan or not alasan.strip():
        raise ValidationError({"alasan": ["Alasan wajib diisi."]})
    hari_ini = hari_ini or timezone.localdate()
    if tuntas and permintaan.status == Status.DIAJUKAN:
        raise ValidationError("Permintaan yang belum diterima tidak dapat ditandai selesai; gunakan 'akhiri'.")
    permintaan.status = Status.SELESAI if tuntas else Status.DIAKHIRI
    permintaan.alasan_akhir = alasan.strip()
    permintaan.diakhiri_oleh = oleh
    if permintaan.tanggal_mulai is not None:
        permintaan.tanggal_berakhir = max(hari_ini, permintaan.tanggal_mulai)
    permintaan.save()
    kata = "selesai" if tuntas else "diakhiri"
    _beri_tahu_pihak_lain(permintaan, oleh, f"Mentoring “{permintaan.topik}” {kata} oleh {oleh.nama}", alasan)
    return permintaan


@transaction.atomic
def permintaan_alihkan(
    *,
    permintaan: PermintaanMentoring,
    oleh: Pegawai,
    mentor_baru: Pegawai | None,
    alasan: str = "",
    hari_ini: date | None = None,
) -> PermintaanMentoring:
    """Re-match to another mentor without losing history: an open request closes as diakhiri
    with reason "dialihkan" (its sessions stay with it); a new request to the new mentor, linked
    by `dialihkan_dari`, carries topic, gap and format. A declined request stays declined and is
    linked the same way. Returns the new request."""
    lama = _kunci(permintaan)
    if lama.status not in (*PermintaanMentoring.TERBUKA, Status.DITOLAK):
        raise ValidationError("Mentoring yang sudah selesai atau diakhiri tidak dapat dialihkan.")
    if mentor_baru is not None and mentor_baru.pk == lama.mentor_id:
        raise ValidationError({"mentor": ["Pilih mentor lain, bukan mentor yang sama."]})
    hari_ini = hari_ini or timezone.localdate()
    if lama.status in PermintaanMentoring.TERBUKA:
        lama.status = Status.DIAKHIRI
        lama.alasan_akhir = f"{ALASAN_DIALIHKAN}: {alasan.strip()}" if alasan.strip() else ALASAN_DIALIHKAN
        lama.diakhiri_oleh = oleh
        if lama.tanggal_mulai is not None:
            lama.tanggal_berakhir = max(hari_ini, lama.tanggal_mulai)
        lama.save()
        if oleh.pk != lama.mentor_id:
            notifikasi_kirim(
                penerima=lama.mentor, judul=f"Mentoring “{lama.topik}” dialihkan ke mentor lain",
                pesan=alasan.strip(), tautan=_tautan(lama),
            )
    return permintaan_ajukan(
        pemohon=lama.pemohon, mentor=mentor_baru, topik=lama.topik, kesenjangan=lama.kesenjangan,
        kompetensi=lama.kompetensi, format=lama.format, hari_ini=hari_ini, dialihkan_dari=lama,
    )


def _beri_tahu_pihak_lain(permintaan: PermintaanMentoring, oleh: Pegawai, judul: str, alasan: str) -> None:
    for pihak in (permintaan.pemohon, permintaan.mentor):
        if pihak.pk != oleh.pk:
            notifikasi_kirim(penerima=pihak, judul=judul, pesan=alasan.strip(), tautan=_tautan(permintaan))


def kabari_paraf(permintaan: PermintaanMentoring, *, sesi: Sesi, setuju: bool, oleh: Pegawai) -> None:
    """The paraf hook (registered in `apps.py`): tell each participant (group sessions too) that the
    mentor initialled (or rejected) their session."""
    kata = "diparaf" if setuju else "ditolak"
    for ps in sesi.peserta.select_related("pegawai", "kegiatan"):
        pesan = f"Materi: {sesi.materi}."
        if not setuju and ps.kegiatan.alasan_status:
            pesan += f" Alasan: {ps.kegiatan.alasan_status}"
        notifikasi_kirim(
            penerima=ps.pegawai, judul=f"Sesi mentoring {sesi.tanggal:%d-%m-%Y} {kata} oleh {oleh.nama}",
            pesan=pesan, tautan=reverse("sesi:detail", args=[sesi.pk]),
        )


def mentee_kelompok(permintaan: PermintaanMentoring) -> list[Pegawai]:
    """Other mentees who may join a group session of this relationship: those with a running
    (accepted) request to the same mentor."""
    return [
        p.pemohon for p in PermintaanMentoring.objects.filter(mentor_id=permintaan.mentor_id, status=Status.DITERIMA)
        .exclude(pemohon_id=permintaan.pemohon_id).select_related("pemohon").order_by("pemohon__nama")
        if p.pemohon.aktif
    ]


@transaction.atomic
def mentoring_sesi_catat(
    *,
    permintaan: PermintaanMentoring,
    oleh: Pegawai,
    isi: IsiSesi,
    peserta_lain: Sequence[Pegawai] = (),
    id_klien: uuid.UUID | None = None,
) -> Sesi:
    """The mentor (or the mentee, for their own one-to-one session) records a session of this
    relationship (`isi`, from `SesiForm.isi()`), waiting for the other party. Group
    mentoring: `peserta_lain` are other mentees with their own accepted request to this mentor
    whose period covers the date; each participant is credited on their own ledger row."""
    if permintaan.mentor_id != oleh.pk and (permintaan.pemohon_id != oleh.pk or peserta_lain):
        raise PermissionDenied("Hanya mentor (atau pemohon, untuk sesinya sendiri) yang dapat mencatat sesi ini.")
    tanggal = isi.tanggal
    peserta = [permintaan.pemohon]
    if peserta_lain:
        sah = {
            p.pemohon_id: p for p in PermintaanMentoring.objects.filter(
                mentor_id=oleh.pk, status=Status.DITERIMA, pemohon__in=list(peserta_lain)
            )
        }
        for p in peserta_lain:
            if p.pk == permintaan.pemohon_id:
                continue
            lain = sah.get(p.pk)
            if lain is None:
                raise ValidationError({"peserta_lain": [
                    f"{p.nama} tidak memiliki permintaan mentoring yang diterima oleh Anda."
                ]})
            if lain.tanggal_mulai and tanggal < lain.tanggal_mulai:
                raise ValidationError({"tanggal": [
                    f"{p.nama}: tanggal sebelum mentoringnya dimulai ({lain.tanggal_mulai:%d-%m-%Y})."
                ]})
            peserta.append(p)
    return sesi_catat(
        jenis=Sesi.Jenis.MENTORING, induk=permintaan, pembimbing=permintaan.mentor, peserta=peserta, isi=isi,
        dicatat_oleh=oleh, id_klien=id_klien,
    )


@transaction.atomic
def pengingat_kirim(*, hari_ini: date | None = None) -> dict[str, int]:
    """Daily reminders (run by `manage.py pengingat_mentoring`): a request unanswered for 7 days →
    remind the mentor; for 14 days → tell the employee and offer other mentors (the request page
    lists them). Each reminder is sent once per request."""
    hari_ini = hari_ini or timezone.localdate()
    menunggu = PermintaanMentoring.objects.filter(status=Status.DIAJUKAN).select_related("pemohon", "mentor")
    hasil = {"mentor": 0, "pegawai": 0}
    for p in menunggu.filter(
        tanggal_pengajuan__lte=hari_ini - timedelta(days=HARI_PENGINGAT), diingatkan_pada__isnull=True
    ):
        hari = (hari_ini - p.tanggal_pengajuan).days
        notifikasi_kirim(
            penerima=p.mentor, judul=f"Pengingat: permintaan mentoring {p.pemohon.nama} menunggu jawaban",
            pesan=f"Diajukan {hari} hari yang lalu (topik: {p.topik}). Mohon diterima atau ditolak dengan alasan.",
            tautan=_tautan(p),
        )
        p.diingatkan_pada = hari_ini
        p.save(update_fields=["diingatkan_pada", "diubah"])
        hasil["mentor"] += 1
    for p in menunggu.filter(
        tanggal_pengajuan__lte=hari_ini - timedelta(days=HARI_TAWARAN), ditawari_lain_pada__isnull=True
    ):
        notifikasi_kirim(
            penerima=p.pemohon, judul=f"{p.mentor.nama} belum menjawab permintaan mentoring Anda",
            pesan="Sudah 14 hari tanpa jawaban. Anda dapat mengalihkan permintaan ke mentor lain yang disarankan.",
            tautan=_tautan(p),
        )
        p.ditawari_lain_pada = hari_ini
        p.save(update_fields=["ditawari_lain_pada", "diubah"])
        hasil["pegawai"] += 1
    return hasil


@transaction.atomic
def mentor_simpan(
    *,
    pegawai: Pegawai,
    bidang: str,
    sertifikasi: str = "",
    tanggal_sertifikasi: date | None = None,
    kapasitas: int = 5,
    aktif: bool = True,
    nomor_sertifikat: str = "",
    penerbit_sertifikat: str = "",
    sertifikat_berlaku_sampai: date | None = None,
):
    """BPSDM registers or edits a mentor profile (kept in history: it affects who may mentor)."""
    if sertifikasi and tanggal_sertifikasi is None:
        raise ValidationError({"tanggal_sertifikasi": ["Isi tanggal sertifikasi untuk mentor/coach bersertifikat."]})
    if tanggal_sertifikasi and sertifikat_berlaku_sampai and sertifikat_berlaku_sampai < tanggal_sertifikasi:
        raise ValidationError(
            {"sertifikat_berlaku_sampai": ["Masa berlaku sertifikat tidak boleh sebelum tanggal sertifikasi."]}
        )
    profil, _ = Mentor.objects.update_or_create(
        pegawai=pegawai,
        defaults=dict(bidang=bidang.strip(), sertifikasi=sertifikasi, tanggal_sertifikasi=tanggal_sertifikasi,
                      kapasitas=kapasitas, aktif=aktif, nomor_sertifikat=nomor_sertifikat.strip(),
                      penerbit_sertifikat=penerbit_sertifikat.strip(),
                      sertifikat_berlaku_sampai=sertifikat_berlaku_sampai),
    )
    return profil
