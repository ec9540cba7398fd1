"""Background jobs of the dashboards app (Celery; eager when no broker is configured)."""
from celery import shared_task

from bangkom.dokumen.ekspor import ekspor_antrekan
from bangkom.dokumen.models import ProsesEkspor

from . import ekspor


@shared_task(name="dasbor.ekspor_laporan_jp", acks_late=True)
def ekspor_laporan_jp(proses_id: int) -> str:
    proses = ekspor.laporan_jalankan(proses_id=proses_id)
    return proses.status


def laporan_antrekan(proses: ProsesEkspor) -> bool:
    """Start a recorded report export (`ekspor.laporan_mulai`) on its task."""
    return ekspor_antrekan(proses, ekspor_laporan_jp)
