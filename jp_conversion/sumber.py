"""Sources whose approval is more than the pembimbing's paraf (sessions: the paraf AND the
participant's confirmation). The source's app registers itself in `AppConfig.ready()`
(`daftarkan_paraf_sumber`), so the ledger never imports the apps above it:

- every paraf or withdrawal of such an activity, whatever page it comes from (e.g. the supervisor's
  bulk paraf), goes through the source (`paraf_lewat_sumber`), which calls the ledger back with
  `lewat_sumber=True`;
- the paraf queues (`antrean_paraf`) leave out the source's rows that still wait in the ledger but
  not for the pembimbing (a session initialled and waiting only for its participant, a disputed one
  back with its author), so a queue lists only what its viewer has to do."""
from __future__ import annotations

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from bangkom.pegawai.models import Pegawai

from .models import Kegiatan, StatusKegiatan

ParafSumber = Callable[..., Kegiatan]
_paraf_sumber: dict[str, tuple[ParafSumber, ParafSumber]] = {}
_bukan_giliran: dict[str, Q] = {}


def daftarkan_paraf_sumber(
    model: str, *, paraf: ParafSumber, batal: ParafSumber, bukan_giliran_pembimbing: Q | None = None
) -> None:
    """`paraf(kegiatan=, oleh=, setuju=, alasan=)` and `batal(kegiatan=, oleh=, alasan=)` for
    activities whose source is a `model` ("app_label.Model"). `bukan_giliran_pembimbing`: a filter
    on `Kegiatan` matching the source's rows that wait (status diajukan) for someone else than the
    pembimbing; it must match no row of any other source."""
    _paraf_sumber[model.lower()] = (paraf, batal)
    if bukan_giliran_pembimbing is not None:
        _bukan_giliran[model.lower()] = bukan_giliran_pembimbing


def paraf_lewat_sumber(kegiatan: Kegiatan) -> tuple[ParafSumber, ParafSumber] | None:
    """The registered (paraf, batal) of the activity's source, or None (the ledger initials it)."""
    if kegiatan.sumber_tipe_id is None or not _paraf_sumber:
        return None
    ct = ContentType.objects.get_for_id(kegiatan.sumber_tipe_id)
    return _paraf_sumber.get(f"{ct.app_label}.{ct.model}")


def antrean_paraf(pembimbing: Pegawai | None = None) -> Q:
    """The filter of the activities waiting for their pembimbing's paraf (of `pembimbing` when
    given): not yet approved or rejected, and not waiting for the other party of a source."""
    q = Q(status=StatusKegiatan.DIAJUKAN)
    if pembimbing is not None:
        q &= Q(pembimbing=pembimbing)
    for bukan in _bukan_giliran.values():
        q &= ~bukan
    return q
