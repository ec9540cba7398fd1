"""The guards every ledger write shares: the employee lock that orders concurrent writers, and the
checks an activity must pass before it is recorded (RULES §3 "Guards")."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, time
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from bangkom.pegawai.models import Pegawai

from . import rules
from .models import NOL, Kegiatan, StatusKegiatan


def _hari_ini() -> date:
    return timezone.localdate()


def kunci_pegawai(pegawai_id: int) -> None:
    """Every write to the ledger locks the employee row FIRST. One lock order for all writers means
    two approvals at once queue up instead of deadlocking (the second would otherwise hold its
    activity row while waiting for the employee, and the first would wait for that activity row
    when it rewrites the year's credits)."""
    list(Pegawai.objects.select_for_update().filter(pk=pegawai_id).values_list("pk"))


def kegiatan_validasi(
    *,
    pegawai: Pegawai,
    jenis: str,
    tanggal: date,
    jp_belajar: Decimal | None = None,
    mulai: time | None = None,
    selesai: time | None = None,
    materi: str = "",
    kecuali: Kegiatan | None = None,
    lingkup: str | None = None,
) -> None:
    """The guards every activity shares (RULES §3 "Guards"). Raises ValidationError
    with Indonesian messages keyed by form field, so forms show them beside the right input."""
    galat: dict[str, list[str]] = defaultdict(list)
    try:
        bentuk = rules.form(jenis)
    except ValueError:
        galat["jenis"].append("Jenis kegiatan tidak dikenal.")
    else:
        # The engine refuses an as-studied activity without JP; catching it here keeps the error on the
        # form instead of failing later, when the activity is initialled and the year recomputed.
        if bentuk.unit == rules.JP and jp_belajar is None:
            galat["jp_belajar"].append(f"JP wajib diisi untuk {bentuk.nama} (dihitung sesuai JP yang diikuti).")
    if lingkup is not None and lingkup not in rules.SCOPES:
        galat["lingkup"].append("Lingkup harus nasional atau internasional.")
    if tanggal > _hari_ini():
        galat["tanggal"].append("Tanggal tidak boleh di masa depan.")
    if tanggal.year < 2000:
        galat["tanggal"].append("Tanggal terlalu jauh di masa lalu.")
    if jp_belajar is not None:
        if jp_belajar <= 0:
            galat["jp_belajar"].append("JP harus lebih dari 0.")
        elif jp_belajar > rules.JP_MAKS_SEHARI:
            galat["jp_belajar"].append("JP dalam satu hari tidak mungkin lebih dari 24.")
    if (mulai is None) != (selesai is None):
        galat["selesai"].append("Isi jam mulai dan jam selesai sekaligus, atau kosongkan keduanya.")
    elif mulai is not None and selesai is not None and selesai <= mulai:
        galat["selesai"].append("Jam selesai harus setelah jam mulai.")

    lain = Kegiatan.objects.filter(pegawai=pegawai, tanggal=tanggal).exclude(status=StatusKegiatan.DITOLAK)
    if kecuali is not None:
        lain = lain.exclude(pk=kecuali.pk)
    if materi and lain.filter(jenis=jenis, materi__iexact=materi.strip()).exists():
        galat["materi"].append(
            "Kegiatan yang sama (jenis, tanggal dan materi) sudah tercatat untuk pegawai ini."
        )
    if mulai is not None and selesai is not None and selesai > mulai:
        bentrok = lain.filter(mulai__lt=selesai, selesai__gt=mulai).first()
        if bentrok is not None:
            galat["mulai"].append(
                f"Waktu bertumpuk dengan {bentrok.get_jenis_display().lower()} "
                f"{bentrok.mulai:%H:%M}–{bentrok.selesai:%H:%M} pada tanggal yang sama."
            )
    if jp_belajar is not None and 0 < jp_belajar <= rules.JP_MAKS_SEHARI:
        sudah = sum((k.jp_belajar or NOL) for k in lain.filter(jp_belajar__isnull=False))
        if sudah + jp_belajar > rules.JP_MAKS_SEHARI:
            galat["jp_belajar"].append(
                f"Total JP tercatat pada tanggal ini menjadi {sudah + jp_belajar}; "
                "lebih dari 24 JP sehari tidak mungkin."
            )
    if galat:
        raise ValidationError(dict(galat))
