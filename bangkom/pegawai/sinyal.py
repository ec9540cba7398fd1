"""Signals of `bangkom.pegawai` for the apps above it (which connect in their `AppConfig.ready()`,
so this layer imports none of them)."""
from __future__ import annotations

from django.dispatch import Signal

# An employee's direct supervisor changed (import, admin). Sent inside the transaction of the change,
# with keywords `pegawai`, `lama` (former supervisor or None), `baru` (new one or None) and `oleh`
# (the user who made the change, or None for a command). Receivers end or hand over what belonged to
# the old relationship (running coaching of the old pair, work waiting for the old supervisor).
atasan_berganti = Signal()
