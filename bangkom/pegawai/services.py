"""Writes about employees that other apps must hear of."""
from __future__ import annotations

from django.db import transaction

from .models import Pegawai
from .sinyal import atasan_berganti


@transaction.atomic
def atasan_berganti_kabarkan(*, pegawai: Pegawai, lama: Pegawai | None, oleh=None) -> None:
    """Tell the apps that `pegawai`'s supervisor is now `pegawai.atasan` (already saved) instead of
    `lama`, in the same transaction: access follows the current relationship (ARCHITECTURE "Access")."""
    baru = pegawai.atasan
    if (lama.pk if lama else None) == (baru.pk if baru else None):
        return
    atasan_berganti.send(sender=Pegawai, pegawai=pegawai, lama=lama, baru=baru, oleh=oleh)


@transaction.atomic
def pegawai_ganti_atasan(*, pegawai: Pegawai, atasan: Pegawai | None, oleh=None) -> Pegawai:
    """Make `atasan` the employee's direct supervisor (None: none) and tell the apps (see above)."""
    lama = pegawai.atasan if pegawai.atasan_id else None
    if pegawai.atasan_id == (atasan.pk if atasan else None):
        return pegawai
    pegawai.atasan = atasan
    pegawai.save(update_fields=["atasan"])
    atasan_berganti_kabarkan(pegawai=pegawai, lama=lama, oleh=oleh)
    return pegawai
