from django.db.models import QuerySet

from .akses import cari_pegawai, pegawai_terlihat
from .models import Pegawai


def pegawai_daftar(*, user, q: str = "", opd_id=None) -> QuerySet[Pegawai]:
    qs = pegawai_terlihat(user).filter(aktif=True).select_related("opd", "unit", "jabatan", "atasan")
    if q:
        qs = qs.filter(cari_pegawai(user, q))
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    return qs.order_by("opd__nama", "nama")
