"""`{% lembar_tersimpan p as daftar %}`: an employee's issued sheets whose PDF is kept (those that wait
for or carry the kepala's countersignature), newest first, for the links on the employee's page. A tag
rather than view context because the employee page belongs to `bangkom.pegawai`, below this app."""
from __future__ import annotations

from django import template

from ..models import JenisLembar, LembarTerbit

register = template.Library()
JUMLAH = 5


@register.simple_tag
def lembar_tersimpan(pegawai) -> list[LembarTerbit]:
    return list(
        LembarTerbit.objects.filter(pegawai=pegawai, versi__berkas__gt="")
        .distinct().order_by("-diterbitkan_pada", "-pk")[:JUMLAH]
    )


@register.simple_tag
def jenis_lembar_tampil() -> list[tuple[str, str]]:
    """The three sheet kinds with their labels, for the issue buttons on the employee's page."""
    return list(JenisLembar.choices)
