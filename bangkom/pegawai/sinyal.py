"""Signals of `bangkom.pegawai` for the apps above it (which connect in their `AppConfig.ready()`,
so this layer imports none of them)."""
from __future__ import annotations

from django.dispatch import Signal

# An employee's direct supervisor changed (import, admin). Sent inside the transaction of the change,
# with keywords `pegawai`, `lama` (former supervisor or None), `baru` (new one or None) and `oleh`
# (the user who made the change, or None for a command). Receivers end or hand over what belonged to
# the old relationship (running coaching of the old pair, work waiting for the old supervisor).
atasan_berganti = Signal()

# What the province summaries above are keyed on (an employee's OPD, unit, position, ASN type, active flag):
# read once before an employee row is updated, so their receivers can tell what changed and which OPD
# the employee left (`atribut_sebelum(pegawai)`; None for a new row).
ATRIBUT_RINGKASAN = ("opd_id", "unit_id", "jabatan_id", "jenis_asn", "aktif")


def simpan_atribut_sebelum(sender, instance, **kwargs) -> None:
    """pre_save receiver (connected in `apps.py`): one query per update, none for a new row."""
    if not instance._state.adding and instance.pk:
        lama = type(instance).objects.filter(pk=instance.pk).values(*ATRIBUT_RINGKASAN).first()
        instance._atribut_sebelum = lama


def atribut_sebelum(pegawai) -> dict | None:
    return getattr(pegawai, "_atribut_sebelum", None)


def atribut_berubah(pegawai, atribut: tuple[str, ...]) -> set[int]:
    """The OPDs whose summaries a save of `pegawai` touched (empty when none of `atribut` changed)."""
    lama = atribut_sebelum(pegawai)
    if lama is not None and all(lama[a] == getattr(pegawai, a) for a in atribut):
        return set()
    return {pegawai.opd_id, *([lama["opd_id"]] if lama else [])}
