import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from bangkom.pegawai.models import Pegawai

from .models import Notifikasi

log = logging.getLogger(__name__)


def notifikasi_kirim(
    *, penerima: Pegawai, judul: str, pesan: str = "", tautan: str = "", email: bool = True
) -> Notifikasi:
    """Record an in-app notice and, after the surrounding transaction commits, email it.
    A mail failure never undoes the action that caused the notice."""
    n = Notifikasi.objects.create(penerima=penerima, judul=judul[:200], pesan=pesan, tautan=tautan)
    if email and penerima.email:
        alamat = f"{settings.SITUS_URL.rstrip('/')}{tautan}" if tautan else settings.SITUS_URL

        def _kirim():
            try:
                send_mail(f"[Bangkom] {judul}", f"{pesan}\n\n{alamat}".strip(), None, [penerima.email])
            except Exception:  # mail outages must not break the workflow; the in-app notice remains
                log.warning("Email notifikasi gagal dikirim (notifikasi %s)", n.pk)

        transaction.on_commit(_kirim)
    return n


def notifikasi_tandai_dibaca(*, penerima: Pegawai, ids=None) -> int:
    qs = Notifikasi.objects.filter(penerima=penerima, dibaca=False)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return _kurangi_lencana(penerima, qs.update(dibaca=True))


def _kurangi_lencana(penerima: Pegawai, n: int) -> int:
    """Keep the badge count the role query read at the start of the request (on this same object)
    true for the page rendered after the change."""
    belum = getattr(penerima, "_notifikasi_belum", None)
    if belum is not None:
        setattr(penerima, "_notifikasi_belum", max(0, belum - n))  # noqa: B010 an annotation, not a field
    return n


def notifikasi_selesai(*, penerima: Pegawai, tautan: str) -> int:
    """The task a notice pointed to is done (the session initialled, the request answered): the
    recipient's unread notices about that page are cleared, so "Menunggu saya" lists only what still
    waits. Called by the service that completes the task."""
    if not tautan:
        return 0
    return _kurangi_lencana(
        penerima, Notifikasi.objects.filter(penerima=penerima, dibaca=False, tautan=tautan).update(dibaca=True)
    )
