"""Background jobs of the dashboards app (Celery; eager when no broker is configured)."""
from celery import shared_task

from . import ekspor


@shared_task(name="dasbor.ekspor_laporan_jp", acks_late=True)
def ekspor_laporan_jp(proses_id: int) -> str:
    proses = ekspor.laporan_jalankan(proses_id=proses_id)
    return proses.status
