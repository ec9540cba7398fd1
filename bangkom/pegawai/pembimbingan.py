"""Guiding relationships kept by higher apps (a ledger activity's pembimbing, a mentoring request's
mentor), registered with `daftarkan_pembimbing` in their `AppConfig.ready()` so that the access
vocabulary (`akses.py`) sees them without importing up. Each carries the condition that makes it
CURRENT (`saat_ini`): a declined or ended request, an initialled activity grant nothing."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet


@dataclass(frozen=True)
class Pembimbingan:
    """Rows of `model` where field `pembimbing` guides `peserta`; `peran_mentor`: it makes a mentor;
    `saat_ini`: the condition on a row for the relationship to be current (None: every row)."""

    model: type[Model]
    pembimbing: str
    peserta: str
    peran_mentor: bool = False
    saat_ini: Q | None = None

    def baris(self, pembimbing) -> QuerySet:
        """Rows where `pembimbing` (a Pegawai or an OuterRef) guides someone today."""
        qs = self.model._default_manager.filter(**{self.pembimbing: pembimbing})
        return qs if self.saat_ini is None else qs.filter(self.saat_ini)


PEMBIMBINGAN: list[Pembimbingan] = []


def daftarkan_pembimbing(
    model, *, pembimbing: str, peserta: str, peran_mentor: bool = False, saat_ini: Q | None = None
) -> None:
    """Register a guiding relationship (from a higher app's `AppConfig.ready()`); `saat_ini` filters
    the rows that are a current relationship (e.g. an open request, an activity awaiting paraf)."""
    entri = Pembimbingan(model, pembimbing, peserta, peran_mentor, saat_ini)
    if entri not in PEMBIMBINGAN:
        PEMBIMBINGAN.append(entri)
