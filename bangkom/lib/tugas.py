"""Background work that never hangs when the broker is down.

`jalankan_tugas(task, *args, **kwargs)` sends a Celery task to the broker; when the broker cannot
be reached (connection refused, DNS, timeout — kombu's OperationalError) it runs the task here,
in the request's process, and says so, so a view can tell the user "diproses langsung" instead of
promising a background job that will never run. Without CELERY_BROKER_URL (development, tests)
tasks always run in-process.

    hasil = jalankan_tugas(buat_lembar_massal, opd_id=3)
    if hasil.lokal:
        messages.info(request, "Antrean tugas tidak tersedia; berkas dibuat langsung.")
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from kombu.exceptions import OperationalError as BrokerTidakTersedia

log = logging.getLogger(__name__)

# How long to wait for the broker before falling back (seconds).
BATAS_WAKTU_BROKER = 3


class _HasilCelery(Protocol):
    """What we use of celery's AsyncResult / EagerResult (celery ships no type information)."""

    id: str


@dataclass
class HasilTugas:
    hasil: _HasilCelery  # celery AsyncResult (queued) or EagerResult (ran here)
    lokal: bool  # True: ran in this process (no broker configured, or the broker was down)

    @property
    def id(self) -> str:
        return self.hasil.id


def jalankan_tugas(task, *args, **kwargs) -> HasilTugas:
    conf = task.app.conf
    if conf.task_always_eager:
        return HasilTugas(task.apply(args=args, kwargs=kwargs), lokal=True)
    try:
        with task.app.connection_for_write() as conn:
            # One quick attempt instead of kombu's default retry loop, then publish on that connection.
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.5, timeout=BATAS_WAKTU_BROKER)
            hasil = task.apply_async(args=args, kwargs=kwargs, connection=conn, retry=False)
    except (BrokerTidakTersedia, OSError) as exc:  # OSError covers refused connections and timeouts
        log.warning("Broker tidak tersedia (%s); tugas %s dijalankan langsung.", exc.__class__.__name__, task.name)
        return HasilTugas(task.apply(args=args, kwargs=kwargs), lokal=True)
    return HasilTugas(hasil, lokal=False)
