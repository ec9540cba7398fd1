"""Writes of the coaching workflow. Sessions, paraf and credits are the shared mechanism
(`bangkom.sesi.services`); this module adds the agreement (konsensus) and its notices."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bangkom.notifikasi.services import notifikasi_kirim
from bangkom.pegawai.models import Pegawai
from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.models import Sesi
from bangkom.sesi.services import sesi_catat

from .models import KesepakatanCoaching

HARI_PENGINGAT = 7


def _tautan(k: KesepakatanCoaching) -> str:
    return reverse("coaching:detail", args=[k.pk])


@transaction.atomic
def kesepakatan_buat(
    *,
    atasan: Pegawai,
    pegawai: Pegawai,
    kegiatan: str,
    tujuan: str,
    target: str,
    mulai: date,
    selesai: date,
    kesenjangan: str = "",
) -> KesepakatanCoaching:
    """The coach opens an agreement with a direct subordinate (Panduan Langsa §G: coaching is
    initiated by the atasan langsung); the employee is notified to read and acknowledge it."""
    galat: dict[str, list[str]] = {}
    if pegawai.atasan_id != atasan.pk:
        galat["pegawai"] = [
            f"{pegawai.nama} bukan bawahan langsung {atasan.nama}; coaching dilakukan oleh atasan langsung."
        ]
    elif not pegawai.aktif:
        galat["pegawai"] = [f"{pegawai.nama} tidak aktif."]
    if selesai < mulai:
        galat["selesai"] = ["Periode selesai harus sama dengan atau setelah periode mulai."]
    for field, nilai, label in (("kegiatan", kegiatan, "Kegiatan/masalah kinerja"), ("tujuan", tujuan, "Tujuan"),
                                ("target", target, "Target")):
        if not nilai.strip():
            galat[field] = [f"{label} wajib diisi."]
    if not galat and KesepakatanCoaching.objects.filter(
        atasan=atasan, pegawai=pegawai, tujuan__iexact=tujuan.strip(), status=KesepakatanCoaching.Status.BERJALAN
    ).exists():
        galat["tujuan"] = ["Kesepakatan dengan tujuan yang sama untuk pegawai ini masih berjalan."]
    if galat:
        raise ValidationError(galat)
    k = KesepakatanCoaching.objects.create(
        atasan=atasan, pegawai=pegawai, kegiatan=kegiatan.strip(), kesenjangan=kesenjangan.strip(),
        tujuan=tujuan.strip(), target=target.strip(), mulai=mulai, selesai=selesai,
    )
    notifikasi_kirim(
        penerima=pegawai,
        judul=f"Kesepakatan coaching baru dari {atasan.nama}",
        pesan=(
            f"Tujuan: {k.tujuan}. Periode {mulai:%d-%m-%Y} s.d. {selesai:%d-%m-%Y}. "
            "Mohon baca dan akui kesepakatan ini."
        ),
        tautan=_tautan(k),
    )
    return k


@transaction.atomic
def kesepakatan_akui(*, kesepakatan: KesepakatanCoaching, oleh: Pegawai) -> KesepakatanCoaching:
    """The coachee acknowledges the agreement (the konsensus). Acknowledging twice is once."""
    k = KesepakatanCoaching.objects.select_for_update().get(pk=kesepakatan.pk)
    if k.pegawai_id != oleh.pk:
        raise PermissionDenied("Hanya pegawai yang di-coaching yang dapat mengakui kesepakatan ini.")
    if k.diakui_pada is not None:
        return k
    if k.status != KesepakatanCoaching.Status.BERJALAN:
        raise ValidationError("Kesepakatan ini sudah ditutup.")
    k.diakui_pada = timezone.now()
    k.save(update_fields=["diakui_pada", "diubah"])
    notifikasi_kirim(
        penerima=k.atasan, judul=f"{oleh.nama} mengakui kesepakatan coaching", pesan=k.tujuan, tautan=_tautan(k),
        email=False,
    )
    return k


@transaction.atomic
def kesepakatan_tutup(
    *, kesepakatan: KesepakatanCoaching, oleh: Pegawai, status: str, catatan_evaluasi: str
) -> KesepakatanCoaching:
    """The coach ends the agreement as finished (with the closing evaluation of goal and targets)
    or cancelled (with the reason). A closed agreement takes no new sessions."""
    k = KesepakatanCoaching.objects.select_for_update().get(pk=kesepakatan.pk)
    if k.atasan_id != oleh.pk:
        raise PermissionDenied("Hanya coach kesepakatan ini yang dapat menutupnya.")
    if k.status != KesepakatanCoaching.Status.BERJALAN:
        raise ValidationError("Kesepakatan ini sudah ditutup.")
    if status not in (KesepakatanCoaching.Status.SELESAI, KesepakatanCoaching.Status.DIBATALKAN):
        raise ValidationError({"status": "Pilih selesai atau dibatalkan."})
    if not catatan_evaluasi.strip():
        pesan = "Catatan evaluasi wajib diisi." if status == "selesai" else "Alasan pembatalan wajib diisi."
        raise ValidationError({"catatan_evaluasi": pesan})
    k.status = status
    k.catatan_evaluasi = catatan_evaluasi.strip()
    k.ditutup_pada = timezone.now()
    k.save(update_fields=["status", "catatan_evaluasi", "ditutup_pada", "diubah"])
    notifikasi_kirim(
        penerima=k.pegawai, judul=f"Kesepakatan coaching {k.get_status_display().lower()}",
        pesan=f"{k.tujuan}\n{k.catatan_evaluasi}", tautan=_tautan(k),
    )
    return k


def coaching_sesi_catat(
    *, kesepakatan: KesepakatanCoaching, oleh: Pegawai, isi: IsiSesi | None = None, **kolom: Any
) -> Sesi:
    """The coach or the coachee logs a session of the agreement (`isi`, or its fields as keywords);
    it counts once the coach initialled it and the coachee confirmed it (logging it is the
    coachee's confirmation). All guards (acknowledged agreement, period, closed agreement, future,
    duplicate, overlap) are the shared ones of `sesi_catat`."""
    if oleh.pk not in (kesepakatan.atasan_id, kesepakatan.pegawai_id):
        raise PermissionDenied("Hanya coach dan pegawai kesepakatan ini yang dapat mencatat sesi.")
    return sesi_catat(
        jenis=Sesi.Jenis.COACHING, induk=kesepakatan, pembimbing=kesepakatan.atasan, peserta=[kesepakatan.pegawai],
        isi=isi, dicatat_oleh=oleh, **kolom,
    )


def kabari_paraf(kesepakatan: KesepakatanCoaching, *, sesi: Sesi, setuju: bool, oleh: Pegawai) -> None:
    """The paraf hook (registered in `apps.py`): the coach initials their own entry, so the coachee
    is told that the session was initialled (with the JP and why) or rejected."""
    for ps in sesi.peserta.select_related("pegawai", "kegiatan"):
        kg = ps.kegiatan
        if setuju:
            judul = f"Sesi coaching {sesi.tanggal:%d-%m-%Y} diparaf"
            pesan = f"{sesi.materi}: {kg.alasan}"
        else:
            judul = f"Sesi coaching {sesi.tanggal:%d-%m-%Y} ditolak"
            pesan = f"{sesi.materi}. Alasan: {kg.alasan_status}"
        notifikasi_kirim(penerima=ps.pegawai, judul=judul, pesan=pesan, tautan=_tautan(kesepakatan))


@transaction.atomic
def kesepakatan_ingatkan_berakhir(*, hari_ini: date | None = None) -> int:
    """Remind coach and coachee of every running agreement that ends within 7 days, once per
    agreement (cron: `manage.py pengingat_coaching`). Returns how many agreements were reminded."""
    hari_ini = hari_ini or timezone.localdate()
    batas = hari_ini + timedelta(days=HARI_PENGINGAT)
    akan_berakhir = KesepakatanCoaching.objects.select_for_update().filter(
        status=KesepakatanCoaching.Status.BERJALAN, selesai__gte=hari_ini, selesai__lte=batas,
        pengingat_dikirim__isnull=True,
    ).select_related("atasan", "pegawai")
    jumlah = 0
    for k in akan_berakhir:
        sisa = (k.selesai - hari_ini).days
        kapan = "hari ini" if sisa == 0 else f"{sisa} hari lagi"
        for penerima in (k.atasan, k.pegawai):
            notifikasi_kirim(
                penerima=penerima,
                judul=f"Kesepakatan coaching berakhir {kapan} ({k.selesai:%d-%m-%Y})",
                pesan=f"{k}. Lengkapi sesi dan evaluasinya sebelum periode berakhir.",
                tautan=_tautan(k),
            )
        k.pengingat_dikirim = hari_ini
        k.save(update_fields=["pengingat_dikirim"])
        jumlah += 1
    return jumlah
