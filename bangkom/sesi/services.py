"""Writes for sessions and evaluations. Each participant's credit goes through the JP ledger,
so coaching and mentoring share the guards, the paraf and the recompute of `jp_conversion`."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from bangkom.pegawai.models import Pegawai
from bangkom.sesi.likert import rekap
from jp_conversion import rules
from jp_conversion.services import (
    kegiatan_batal_paraf,
    kegiatan_catat,
    kegiatan_paraf,
    kegiatan_validasi,
    pratinjau_kredit,
)

from .kontrak import IsiSesi, kabari_paraf
from .models import Evaluasi, IndikatorEvaluasi, PesertaSesi, Sesi, SkorEvaluasi, tipe_induk


def _validasi_induk(induk, tanggal: date) -> None:
    if not induk.menerima_sesi:
        raise ValidationError({"tanggal": f"{induk} sudah ditutup atau belum berjalan; sesi baru tidak dapat dicatat."})
    periode = induk.periode_sesi()
    if periode is not None:
        mulai, selesai = periode
        if mulai and tanggal < mulai:
            raise ValidationError({"tanggal": f"Tanggal sebelum periode dimulai ({mulai:%d-%m-%Y})."})
        if selesai and tanggal > selesai:
            raise ValidationError({"tanggal": f"Tanggal setelah periode berakhir ({selesai:%d-%m-%Y})."})


@transaction.atomic
def sesi_catat(
    *,
    jenis: str,
    induk,
    pembimbing: Pegawai,
    peserta: list[Pegawai],
    isi: IsiSesi | None = None,
    **kolom: Any,
) -> Sesi:
    """Record a session (waiting for paraf) with a ledger row for each participant. Every guard of
    every participant is checked before anything is written; errors name the participant. The
    session's fields come as `isi` (built from the form) or as the same keyword fields."""
    isi = IsiSesi.dari(isi, kolom)
    tanggal, mulai, selesai, materi, lingkup = isi.tanggal, isi.mulai, isi.selesai, isi.materi, isi.lingkup
    if not peserta:
        raise ValidationError("Sesi memerlukan paling sedikit satu peserta.")
    _validasi_induk(induk, tanggal)
    galat: dict[str, list[str]] = {}
    for p in peserta:
        try:
            kegiatan_validasi(pegawai=p, jenis=jenis, tanggal=tanggal, mulai=mulai, selesai=selesai, materi=materi)
        except ValidationError as exc:
            for field, pesan in exc.message_dict.items():
                awalan = f"{p.nama}: " if len(peserta) > 1 else ""
                galat.setdefault(field, []).extend(f"{awalan}{m}" for m in pesan)
    if galat:
        raise ValidationError(galat)
    sesi = Sesi.objects.create(
        jenis=jenis, induk_tipe=tipe_induk(induk), induk_id=induk.pk, pembimbing=pembimbing,
        **(asdict(isi) | {"materi": materi.strip()}),
    )
    for p in peserta:
        kegiatan = kegiatan_catat(
            pegawai=p, jenis=jenis, tanggal=tanggal, materi=sesi.materi, pembimbing=pembimbing, lingkup=lingkup,
            mulai=mulai, selesai=selesai, sumber=sesi,
        )
        PesertaSesi.objects.create(sesi=sesi, pegawai=p, kegiatan=kegiatan)
    return sesi


def sesi_pratinjau(
    *, jenis: str, peserta: list[Pegawai], tanggal: date, lingkup: str
) -> list[tuple[Pegawai, rules.Credit]]:
    """What the session would give each participant if initialled now."""
    return [(p, pratinjau_kredit(pegawai=p, jenis=jenis, tanggal=tanggal, lingkup=lingkup)) for p in peserta]


@transaction.atomic
def sesi_paraf(*, sesi: Sesi, oleh: Pegawai, setuju: bool, alasan: str = "") -> Sesi:
    """Initial (or reject) the session for every participant. Only its pembimbing may."""
    if sesi.pembimbing_id != oleh.pk:
        raise PermissionDenied("Hanya pembimbing sesi ini yang dapat memberi paraf.")
    berubah = False
    for ps in sesi.peserta.select_related("kegiatan"):
        sebelum = ps.kegiatan.status
        berubah |= kegiatan_paraf(kegiatan=ps.kegiatan, oleh=oleh, setuju=setuju, alasan=alasan).status != sebelum
    # The workflow's registered hook tells its participants (only on a change, so a repeated
    # paraf sends nothing).
    if berubah:
        kabari_paraf(sesi.induk, sesi=sesi, setuju=setuju, oleh=oleh)
    return sesi


@transaction.atomic
def sesi_batal_paraf(*, sesi: Sesi, oleh: Pegawai, alasan: str) -> Sesi:
    """Withdraw the paraf (the only way to change an initialled session); the reason is kept."""
    if sesi.pembimbing_id != oleh.pk:
        raise PermissionDenied("Hanya pembimbing sesi ini yang dapat membatalkan paraf.")
    for ps in sesi.peserta.select_related("kegiatan"):
        kegiatan_batal_paraf(kegiatan=ps.kegiatan, oleh=oleh, alasan=alasan)
    return sesi


@transaction.atomic
def evaluasi_simpan(
    *,
    skala: str,
    induk,
    jenis: str,
    pembimbing: Pegawai,
    peserta: Pegawai,
    penilai: Pegawai,
    skor: dict[int, int],
    catatan: str = "",
    kondisi_sebelum: str | None = None,
    kondisi_sesudah: str | None = None,
    iku_opd: str | None = None,
) -> Evaluasi:
    """Store (or replace) one rater's scores for a relationship. `skor` maps indicator id → 1..5;
    every active indicator of the scale must be scored. `kondisi_sebelum` / `kondisi_sesudah` /
    `iku_opd`: the optional results of a mentoring evaluation (condition before and after, the
    OPD's key performance indicator it supports)."""
    if iku_opd is not None and len(iku_opd.strip()) > 300:
        raise ValidationError({"iku_opd": "IKU paling banyak 300 karakter."})
    indikator = list(IndikatorEvaluasi.objects.filter(skala=skala, aktif=True))
    kurang = [i.nama for i in indikator if i.pk not in skor]
    if kurang:
        raise ValidationError("Semua indikator wajib dinilai: " + ", ".join(kurang) + ".")
    for nilai in skor.values():
        if not isinstance(nilai, int) or isinstance(nilai, bool) or not 1 <= nilai <= 5:
            raise ValidationError("Skor harus bilangan bulat 1 sampai 5.")
    evaluasi, _ = Evaluasi.objects.update_or_create(
        skala=skala, induk_tipe=tipe_induk(induk), induk_id=induk.pk, penilai=penilai,
        defaults=dict(
            jenis=jenis, pembimbing=pembimbing, peserta=peserta, tanggal=timezone.localdate(), catatan=catatan,
            # Optional results of the mentoring evaluation; None leaves what was recorded unchanged.
            **{k: v.strip() for k, v in (("kondisi_sebelum", kondisi_sebelum), ("kondisi_sesudah", kondisi_sesudah),
                                         ("iku_opd", iku_opd)) if v is not None},
        ),
    )
    evaluasi.skor.all().delete()
    SkorEvaluasi.objects.bulk_create(
        [SkorEvaluasi(evaluasi=evaluasi, indikator=i, skor=skor[i.pk]) for i in indikator]
    )
    return evaluasi


def evaluasi_rekap(evaluasi_qs, *, skala: str):
    """Likert recap (bangkom.sesi.likert.rekap) over a set of evaluations of one scale, in two queries."""
    skor = SkorEvaluasi.objects.filter(evaluasi__in=evaluasi_qs.filter(skala=skala)).select_related("indikator")
    per_indikator: dict[str, list[int]] = {
        i.nama: [] for i in IndikatorEvaluasi.objects.filter(skala=skala, aktif=True)
    }
    for s in skor:
        per_indikator.setdefault(s.indikator.nama, []).append(s.skor)
    return rekap(per_indikator, skala="kontribusi" if skala == IndikatorEvaluasi.Skala.KONTRIBUSI else "baik")
