"""Writes of the belajar mandiri workflow. Daily logs enter the JP ledger through
`jp_conversion.services` (guards, paraf and credits are that one mechanism); this module adds the
assignment rules (period, status, who assigns) and the notifications."""
from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from bangkom.notifikasi.services import notifikasi_kirim
from bangkom.pegawai.models import Pegawai
from jp_conversion.models import StatusKegiatan
from jp_conversion.penjaga import periode_galat
from jp_conversion.services import (
    kegiatan_batal_paraf,
    kegiatan_catat,
    kegiatan_hapus,
    kegiatan_paraf,
    kegiatan_paraf_banyak,
    kegiatan_validasi,
)

from .models import LogBelajar, PenugasanBelajar, Resume, SumberBelajar

JENIS = "belajar_mandiri"
_BLOK = re.compile(r"<(p|ul|ol|h3|h4|blockquote)\b", re.IGNORECASE)
TAG_RESUME = {"p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "h3", "h4", "blockquote", "a"}


def _kirim(beri_tahu: bool, **kwargs) -> None:
    """Demo and imported history pass beri_tahu=False: old events need no notice."""
    if beri_tahu:
        notifikasi_kirim(**kwargs)


def tautan_penugasan(penugasan: PenugasanBelajar) -> str:
    return reverse("belajar_mandiri:detail", args=[penugasan.pk])


def bersihkan_html(teks: str) -> str:
    """Resume text: basic formatting only; plain text keeps its paragraphs. Rendered with |safe
    only after this."""
    teks = (teks or "").replace("\r\n", "\n").strip()
    if not _BLOK.search(teks):
        paragraf = (p.strip().replace("\n", "<br>") for p in re.split(r"\n\s*\n", teks))
        teks = "".join(f"<p>{p}</p>" for p in paragraf if p)
    return nh3.clean(teks, tags=TAG_RESUME, attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"})


def _periksa_penugasan(*, mulai: date, selesai: date, jp_rencana: Decimal) -> None:
    galat: dict[str, str] = periode_galat(mulai=mulai, selesai=selesai)
    if jp_rencana is None or jp_rencana <= 0:
        galat["jp_rencana"] = "JP direncanakan harus lebih dari 0."
    if galat:
        raise ValidationError(galat)


@transaction.atomic
def penugasan_buat(
    *, atasan: Pegawai, pegawai: Pegawai, topik: str, kesenjangan: str, lingkup: str,
    mulai: date, selesai: date, jp_rencana: Decimal, kompetensi=None, beri_tahu: bool = True,
) -> PenugasanBelajar:
    """The direct supervisor instructs self-study (Panduan Langsa §I); it is active at once."""
    if pegawai.atasan_id != atasan.pk:
        raise PermissionDenied("Hanya atasan langsung yang dapat menugaskan belajar mandiri.")
    _periksa_penugasan(mulai=mulai, selesai=selesai, jp_rencana=jp_rencana)
    penugasan = PenugasanBelajar.objects.create(
        atasan=atasan, pegawai=pegawai, topik=topik.strip(), kompetensi=kompetensi, kesenjangan=kesenjangan.strip(),
        lingkup=lingkup,
        mulai=mulai, selesai=selesai, jp_rencana=jp_rencana, status=PenugasanBelajar.Status.AKTIF,
    )
    _kirim(
        beri_tahu,
        penerima=pegawai, judul=f"Penugasan belajar mandiri baru: {penugasan.topik}",
        pesan=f"{atasan.nama} menugaskan belajar mandiri {mulai:%d-%m-%Y} s.d. {selesai:%d-%m-%Y}.",
        tautan=tautan_penugasan(penugasan),
    )
    return penugasan


@transaction.atomic
def penugasan_usulkan(
    *, pegawai: Pegawai, topik: str, kesenjangan: str, lingkup: str, mulai: date, selesai: date,
    jp_rencana: Decimal, kompetensi=None, beri_tahu: bool = True,
) -> PenugasanBelajar:
    """The employee proposes a plan; it waits for the supervisor's approval."""
    if pegawai.atasan_id is None:
        raise ValidationError("Anda belum memiliki atasan langsung yang dapat menyetujui usulan ini.")
    _periksa_penugasan(mulai=mulai, selesai=selesai, jp_rencana=jp_rencana)
    penugasan = PenugasanBelajar.objects.create(
        atasan_id=pegawai.atasan_id, pegawai=pegawai, topik=topik.strip(), kompetensi=kompetensi,
        kesenjangan=kesenjangan.strip(),
        lingkup=lingkup, mulai=mulai, selesai=selesai, jp_rencana=jp_rencana,
        status=PenugasanBelajar.Status.USULAN, diusulkan_pegawai=True,
    )
    _kirim(
        beri_tahu,
        penerima=penugasan.atasan, judul=f"Usulan belajar mandiri dari {pegawai.nama}",
        pesan=f"Topik: {penugasan.topik}. Mohon setujui atau tolak.", tautan=tautan_penugasan(penugasan),
    )
    return penugasan


def _wajib_atasan(penugasan: PenugasanBelajar, oleh: Pegawai) -> None:
    if penugasan.atasan_id != oleh.pk:
        raise PermissionDenied("Hanya atasan yang memberi penugasan ini yang dapat melakukannya.")


def _kunci(penugasan: PenugasanBelajar) -> PenugasanBelajar:
    return PenugasanBelajar.objects.select_for_update().select_related("pegawai", "atasan").get(pk=penugasan.pk)


def _kunci_untuk_atasan(penugasan: PenugasanBelajar, oleh: Pegawai, status: str, pesan: str) -> PenugasanBelajar:
    """Lock the assignment for its supervisor's decision; it must still be in `status`."""
    penugasan = _kunci(penugasan)
    _wajib_atasan(penugasan, oleh)
    if penugasan.status != status:
        raise ValidationError(pesan)
    return penugasan


@transaction.atomic
def penugasan_putuskan_usulan(
    *, penugasan: PenugasanBelajar, oleh: Pegawai, setuju: bool, alasan: str = "", beri_tahu: bool = True
) -> PenugasanBelajar:
    penugasan = _kunci_untuk_atasan(penugasan, oleh, PenugasanBelajar.Status.USULAN, "Usulan ini sudah diputuskan.")
    if not setuju and not alasan.strip():
        raise ValidationError({"alasan": "Alasan penolakan wajib diisi."})
    penugasan.status = PenugasanBelajar.Status.AKTIF if setuju else PenugasanBelajar.Status.DITOLAK
    penugasan.alasan_tolak = "" if setuju else alasan.strip()
    penugasan.save(update_fields=["status", "alasan_tolak", "diubah"])
    _kirim(
        beri_tahu,
        penerima=penugasan.pegawai,
        judul=f"Usulan belajar mandiri {'disetujui' if setuju else 'ditolak'}: {penugasan.topik}",
        pesan=alasan.strip(), tautan=tautan_penugasan(penugasan),
    )
    return penugasan


PESAN_TANPA_RESUME = (
    "Penugasan belum dapat dievaluasi: pegawai belum mengirim resume hasil belajarnya. "
    "Minta pegawai menulis resume terlebih dahulu (Panduan Langsa §I: belajar → resume → evaluasi)."
)
PESAN_RESUME_REVISI = (
    "Penugasan belum dapat dievaluasi: resume pegawai masih perlu revisi. "
    "Tunggu pegawai mengirim ulang resumenya."
)


def alasan_belum_dievaluasi(penugasan: PenugasanBelajar) -> str:
    """Why the supervisor cannot evaluate yet ("" when they can). The mechanism ends with a resume
    before the evaluation (Panduan Langsa §I), so at least one resume must have been submitted;
    **(decision)** a resume sent back for revision does not count until it is sent again."""
    if penugasan.status != PenugasanBelajar.Status.AKTIF:
        return "Hanya penugasan yang aktif yang dapat dievaluasi."
    status_resume = set(penugasan.resume.values_list("status", flat=True))
    if status_resume & {Resume.Status.DIAJUKAN, Resume.Status.DIPARAF}:
        return ""
    return PESAN_RESUME_REVISI if status_resume else PESAN_TANPA_RESUME


def sumber_terpakai(penugasan: PenugasanBelajar) -> list[SumberBelajar]:
    """The sources the employee used: named by a study log or by a resume. Each must be rated at
    evaluation; an unused source may be rated but need not be."""
    return list(
        penugasan.sumber.filter(
            Exists(LogBelajar.objects.filter(sumber=OuterRef("pk")))
            | Exists(Resume.objects.filter(sumber=OuterRef("pk")))
        )
    )


@transaction.atomic
def penugasan_evaluasi(
    *, penugasan: PenugasanBelajar, oleh: Pegawai, hasil: str, catatan: str,
    penilaian: Mapping[int, str] | None = None, beri_tahu: bool = True,
) -> PenugasanBelajar:
    """The last step of the mechanism: the supervisor judges the result, which closes it, and rates
    each learning source used (`penilaian`: source id → "paling_efektif" / "cukup" / "kurang")."""
    penugasan = _kunci(penugasan)
    _wajib_atasan(penugasan, oleh)
    alasan = alasan_belum_dievaluasi(penugasan)
    if alasan:
        raise ValidationError(alasan)
    galat: dict[str, str] = {}
    if hasil not in PenugasanBelajar.Hasil.values:
        galat["hasil"] = "Pilih hasil evaluasi: tercapai, sebagian, atau tidak tercapai."
    if not catatan.strip():
        galat["catatan"] = "Catatan evaluasi wajib diisi."
    penilaian = {int(k): v for k, v in (penilaian or {}).items() if v}
    sumber = {s.pk: s for s in penugasan.sumber.all()}
    for pk, nilai in penilaian.items():
        if pk not in sumber:
            galat["__all__"] = "Sumber yang dinilai bukan milik penugasan ini."
        elif nilai not in SumberBelajar.Penilaian.values:
            galat[f"sumber_{pk}"] = "Pilih penilaian: paling efektif, cukup, atau kurang."
    for s in sumber_terpakai(penugasan):
        if s.pk not in penilaian:
            galat[f"sumber_{s.pk}"] = (
                f"Nilai sumber \"{s.judul}\" yang dipakai pegawai: paling efektif, cukup, atau kurang."
            )
    if galat:
        raise ValidationError(galat)
    for pk, nilai in penilaian.items():
        SumberBelajar.objects.filter(pk=pk).update(penilaian=nilai)
    penugasan.status = PenugasanBelajar.Status.SELESAI
    penugasan.hasil = hasil
    penugasan.catatan_evaluasi = catatan.strip()
    penugasan.dievaluasi_pada = timezone.now()
    penugasan.save(update_fields=["status", "hasil", "catatan_evaluasi", "dievaluasi_pada", "diubah"])
    _kirim(
        beri_tahu,
        penerima=penugasan.pegawai, judul=f"Belajar mandiri dievaluasi: {penugasan.get_hasil_display()}",
        pesan=penugasan.catatan_evaluasi, tautan=tautan_penugasan(penugasan),
    )
    return penugasan


@transaction.atomic
def sumber_tambah(
    *, penugasan: PenugasanBelajar, oleh: Pegawai, jenis: str, judul: str, url: str = "",
    keterangan: str = "", berkas=None,
) -> SumberBelajar:
    """The supervisor names sources (Panduan Langsa §I); the employee may add those they found."""
    if oleh.pk not in (penugasan.atasan_id, penugasan.pegawai_id):
        raise PermissionDenied("Anda tidak dapat menambah sumber belajar pada penugasan ini.")
    if penugasan.status in (PenugasanBelajar.Status.SELESAI, PenugasanBelajar.Status.DITOLAK):
        raise ValidationError("Penugasan ini sudah ditutup.")
    galat = {}
    if jenis == SumberBelajar.Jenis.TAUTAN and not url:
        galat["url"] = "Sumber berupa tautan wajib diisi alamatnya."
    if jenis == SumberBelajar.Jenis.DOKUMEN and not berkas:
        galat["berkas"] = "Sumber berupa dokumen wajib diunggah berkasnya."
    if galat:
        raise ValidationError(galat)
    sumber = SumberBelajar(
        penugasan=penugasan, jenis=jenis, judul=judul.strip(), url=url, keterangan=keterangan.strip(),
        ditambahkan_oleh=oleh,
    )
    if berkas:
        sumber.berkas.save(berkas.name, berkas, save=False)
    sumber.save()
    return sumber


def materi_ledger(materi: str, sumber: SumberBelajar | None) -> str:
    """What the activity sheet prints in "Materi Bimbingan": what was studied and from which source."""
    teks = materi.strip()
    if sumber is not None:
        teks = f"{teks} (sumber: {sumber.judul})"
    return teks[:300]


def log_validasi(
    *, penugasan: PenugasanBelajar, tanggal: date, jp_belajar: Decimal | None, materi: str,
    sumber: SumberBelajar | None = None,
) -> None:
    """Every guard of a daily log, the assignment's own and the ledger's, in one ValidationError
    keyed by form field (used by "Periksa" as well as by `log_catat`)."""
    galat: dict[str, list[str]] = {}
    if not penugasan.menerima_log:
        galat.setdefault("__all__", []).append(
            f"Penugasan ini berstatus \"{penugasan.get_status_display()}\"; log hanya dapat dicatat saat aktif."
        )
    if tanggal is not None and not (penugasan.mulai <= tanggal <= penugasan.selesai):
        galat.setdefault("tanggal", []).append(
            f"Tanggal di luar periode penugasan ({penugasan.mulai:%d-%m-%Y} s.d. {penugasan.selesai:%d-%m-%Y})."
        )
    if jp_belajar is None:
        galat.setdefault("jp_belajar", []).append("Isi JP atau menit belajar.")
    if sumber is not None and sumber.penugasan_id != penugasan.pk:
        galat.setdefault("sumber", []).append("Sumber ini bukan milik penugasan ini.")
    if tanggal is not None:
        try:
            kegiatan_validasi(
                pegawai=penugasan.pegawai, jenis=JENIS, tanggal=tanggal, jp_belajar=jp_belajar,
                materi=materi_ledger(materi, sumber),
            )
        except ValidationError as exc:
            for kunci, pesan in exc.message_dict.items():
                galat.setdefault(kunci, []).extend(pesan)
    if galat:
        raise ValidationError(galat)


@transaction.atomic
def log_catat(
    *, penugasan: PenugasanBelajar, tanggal: date, jp_belajar: Decimal, materi: str,
    sumber: SumberBelajar | None = None, menit: int | None = None, beri_tahu: bool = True,
    id_klien: uuid.UUID | None = None,
) -> LogBelajar:
    """Record one day's study as a ledger row waiting for the supervisor's paraf. Logs beyond the
    daily cap are kept: the ledger gives them 0 JP with the reason. `id_klien` (the id a phone gave
    a log kept offline) makes it idempotent: sent again, it answers the log already recorded."""
    penugasan = _kunci(penugasan)  # also serialises two replays of the same log
    if id_klien is not None and (sudah := LogBelajar.objects.filter(penugasan=penugasan, id_klien=id_klien).first()):
        return sudah
    log_validasi(penugasan=penugasan, tanggal=tanggal, jp_belajar=jp_belajar, materi=materi, sumber=sumber)
    kegiatan = kegiatan_catat(
        pegawai=penugasan.pegawai, jenis=JENIS, tanggal=tanggal, materi=materi_ledger(materi, sumber),
        pembimbing=penugasan.atasan, lingkup=penugasan.lingkup, jp_belajar=jp_belajar, sumber=penugasan,
    )
    log = LogBelajar.objects.create(
        penugasan=penugasan, sumber=sumber, kegiatan=kegiatan, menit=menit, id_klien=id_klien
    )
    # In-app only: a daily log is too frequent for email; the waiting list has the detail.
    _kirim(
        beri_tahu,
        penerima=penugasan.atasan, judul=f"Log belajar mandiri menunggu paraf: {penugasan.pegawai.nama}",
        pesan=f"{tanggal:%d-%m-%Y}, {jp_belajar} JP: {kegiatan.materi}",
        tautan=reverse("belajar_mandiri:paraf"), email=False,
    )
    return log


@transaction.atomic
def log_paraf(
    *, log: LogBelajar, oleh: Pegawai, setuju: bool, alasan: str = "", beri_tahu: bool = True
) -> LogBelajar:
    kegiatan = kegiatan_paraf(kegiatan=log.kegiatan, oleh=oleh, setuju=setuju, alasan=alasan)
    log.kegiatan = kegiatan
    _kirim(
        beri_tahu,
        penerima=kegiatan.pegawai,
        judul=f"Log belajar {kegiatan.tanggal:%d-%m-%Y} {'diparaf' if setuju else 'ditolak'}",
        pesan=(f"{kegiatan.jp} JP dihitung ({kegiatan.alasan})." if setuju else f"Alasan: {kegiatan.alasan_status}"),
        tautan=tautan_penugasan(log.penugasan), email=not setuju,
    )
    return log


@transaction.atomic
def log_paraf_banyak(*, log_ids, oleh: Pegawai) -> int:
    """Approve several waiting logs at once; one notice per employee."""
    logs = list(
        LogBelajar.objects.filter(
            pk__in=log_ids, penugasan__atasan=oleh, kegiatan__status=StatusKegiatan.DIAJUKAN
        ).select_related("kegiatan__pegawai")
    )
    jumlah = kegiatan_paraf_banyak(kegiatan_ids=[lg.kegiatan_id for lg in logs], oleh=oleh)
    per_pegawai = Counter(lg.kegiatan.pegawai for lg in logs)
    for pegawai, n in per_pegawai.items():
        notifikasi_kirim(
            penerima=pegawai, judul=f"{n} log belajar mandiri diparaf oleh {oleh.nama}",
            tautan=reverse("belajar_mandiri:kalender"), email=False,
        )
    return jumlah


@transaction.atomic
def log_batal_paraf(*, log: LogBelajar, oleh: Pegawai, alasan: str) -> LogBelajar:
    log.kegiatan = kegiatan_batal_paraf(kegiatan=log.kegiatan, oleh=oleh, alasan=alasan)
    return log


@transaction.atomic
def log_hapus(*, log: LogBelajar, oleh: Pegawai) -> None:
    """The employee removes a log typed by mistake, while it is not initialled."""
    if log.penugasan.pegawai_id != oleh.pk:
        raise PermissionDenied("Hanya pegawai yang mencatat log ini yang dapat menghapusnya.")
    kegiatan = log.kegiatan
    if kegiatan.status == StatusKegiatan.DISETUJUI:
        raise ValidationError("Log yang sudah diparaf tidak dapat dihapus.")
    log.delete()
    kegiatan_hapus(kegiatan=kegiatan)


@transaction.atomic
def resume_simpan(
    *, penugasan: PenugasanBelajar, oleh: Pegawai, judul: str, isi: str, sumber: SumberBelajar | None = None,
    lampiran=None, resume: Resume | None = None, beri_tahu: bool = True,
) -> Resume:
    """Write (or revise) a resume; a revised resume waits to be read again."""
    if penugasan.pegawai_id != oleh.pk:
        raise PermissionDenied("Hanya pegawai yang ditugaskan yang dapat menulis resume.")
    if penugasan.status in (PenugasanBelajar.Status.USULAN, PenugasanBelajar.Status.DITOLAK):
        raise ValidationError("Resume dapat ditulis setelah penugasan disetujui.")
    bersih = bersihkan_html(isi)
    if not nh3.clean(bersih, tags=set()).strip():
        raise ValidationError({"isi": "Isi resume wajib diisi."})
    if sumber is not None and sumber.penugasan_id != penugasan.pk:
        raise ValidationError({"sumber": "Sumber ini bukan milik penugasan ini."})
    if resume is None:
        resume = Resume(penugasan=penugasan)
    elif resume.status == Resume.Status.DIPARAF:
        raise ValidationError("Resume yang sudah diparaf tidak dapat diubah.")
    resume.judul, resume.isi, resume.sumber = judul.strip(), bersih, sumber
    resume.status = Resume.Status.DIAJUKAN
    if lampiran:
        resume.lampiran.save(lampiran.name, lampiran, save=False)
    resume.save()
    _kirim(
        beri_tahu,
        penerima=penugasan.atasan, judul=f"Resume belajar mandiri menunggu dibaca: {penugasan.pegawai.nama}",
        pesan=resume.judul, tautan=reverse("belajar_mandiri:resume", args=[resume.pk]),
    )
    return resume


@transaction.atomic
def resume_paraf(
    *, resume: Resume, oleh: Pegawai, setuju: bool, alasan: str = "", beri_tahu: bool = True
) -> Resume:
    """The supervisor initials the resume after reading it, or asks for a revision (with reason)."""
    resume = Resume.objects.select_for_update().select_related("penugasan__pegawai").get(pk=resume.pk)
    _wajib_atasan(resume.penugasan, oleh)
    tujuan = Resume.Status.DIPARAF if setuju else Resume.Status.REVISI
    if resume.status == tujuan:
        return resume
    if resume.status != Resume.Status.DIAJUKAN:
        raise ValidationError("Resume ini sudah diputuskan; tunggu revisi dari pegawai.")
    if not setuju and not alasan.strip():
        raise ValidationError({"alasan": "Alasan revisi wajib diisi."})
    resume.status = tujuan
    resume.diparaf_oleh = oleh if setuju else None
    resume.diparaf_pada = timezone.now() if setuju else None
    resume.alasan_revisi = "" if setuju else alasan.strip()
    resume.save(update_fields=["status", "diparaf_oleh", "diparaf_pada", "alasan_revisi", "diubah"])
    _kirim(
        beri_tahu,
        penerima=resume.penugasan.pegawai,
        judul=f"Resume {'diparaf' if setuju else 'perlu revisi'}: {resume.judul}",
        pesan=resume.alasan_revisi, tautan=reverse("belajar_mandiri:resume", args=[resume.pk]),
    )
    return resume
