"""Background jobs of the documents app (Celery; eager when no broker is configured)."""
from celery import shared_task

from . import ekspor


@shared_task(name="dokumen.ekspor_lembar", acks_late=True)
def ekspor_lembar(proses_id: int) -> str:
    proses = ekspor.ekspor_jalankan(proses_id=proses_id)
    return proses.status
