"""Background work that never hangs when the broker is down.

`jalankan_tugas(task, *args, **kwargs)` sends a Celery task to the broker; when the broker cannot
be reached (connection refused, DNS, timeout — kombu's OperationalError) it runs the task here,
in the request's process, and says so, so a view can tell the user "diproses langsung" instead of
promising a background job that will never run. Without CELERY_BROKER_URL (the embedded default)
tasks run in-process too, but in a background thread started once the caller's transaction
commits, so the request returns at once (TUGAS_LOKAL_DI_LATAR, on by default; the tests turn it
off so a task runs inside the call and its result can be asserted right after).

    hasil = jalankan_tugas(buat_lembar_massal, opd_id=3)
    if hasil.lokal:
        messages.info(request, "Antrean tugas tidak tersedia; berkas dibuat langsung.")
"""
from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.db import connections, transaction
from kombu.exceptions import OperationalError as BrokerTidakTersedia

log = logging.getLogger(__name__)

# How long to wait for the broker before falling back (seconds).
BATAS_WAKTU_BROKER = 3


class _HasilCelery(Protocol):
    """What we use of celery's AsyncResult / EagerResult (celery ships no type information)."""

    id: str


@dataclass
class _HasilLatar:
    """The handle of a task run in a background thread of this process (no result is kept)."""

    id: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass
class HasilTugas:
    hasil: _HasilCelery  # AsyncResult (queued), EagerResult (ran in the call) or _HasilLatar (thread)
    lokal: bool  # True: runs in this process (no broker configured, or the broker was down)

    @property
    def id(self) -> str:
        return self.hasil.id


def jalankan_tugas(task, *args, **kwargs) -> HasilTugas:
    conf = task.app.conf
    if conf.task_always_eager:
        return _lokal(task, args, kwargs)
    try:
        with task.app.connection_for_write() as conn:
            # One quick attempt instead of kombu's default retry loop, then publish on that connection.
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.5, timeout=BATAS_WAKTU_BROKER)
            hasil = task.apply_async(args=args, kwargs=kwargs, connection=conn, retry=False)
    except (BrokerTidakTersedia, OSError) as exc:  # OSError covers refused connections and timeouts
        log.warning("Broker tidak tersedia (%s); tugas %s dijalankan langsung.", exc.__class__.__name__, task.name)
        return _lokal(task, args, kwargs)
    return HasilTugas(hasil, lokal=False)


def _lokal(task, args, kwargs) -> HasilTugas:
    if not getattr(settings, "TUGAS_LOKAL_DI_LATAR", True):
        return HasilTugas(task.apply(args=args, kwargs=kwargs), lokal=True)
    hasil = _HasilLatar()

    def mulai() -> None:
        # Not a daemon: a graceful shutdown (runserver reload, gunicorn's graceful timeout) lets the job finish.
        threading.Thread(target=_jalankan_di_latar, args=(task, args, kwargs, hasil.id),
                         name=f"tugas-{task.name}-{hasil.id[:8]}").start()

    # After commit: the thread has its own database connection and must see the rows the caller wrote.
    transaction.on_commit(mulai)
    return HasilTugas(hasil, lokal=True)


def _jalankan_di_latar(task, args, kwargs, tugas_id: str) -> None:
    try:
        task.apply(args=args, kwargs=kwargs, task_id=tugas_id)
    except Exception:  # nobody waits on this thread: log instead of losing the traceback
        log.exception("Tugas %s (%s) gagal di latar belakang.", task.name, tugas_id)
    finally:
        connections.close_all()  # this thread's connections only
