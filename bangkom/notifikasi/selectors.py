"""Reads of the notices."""
from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from bangkom.pegawai.models import Pegawai

from .models import Notifikasi


def belum_dibaca_subquery() -> Coalesce:
    """The unread notices of the employee row (OuterRef "pk"), as an annotation of the role query."""
    jumlah = (
        Notifikasi.objects.filter(penerima=OuterRef("pk"), dibaca=False).order_by()
        .values("penerima").annotate(n=Count("pk")).values("n")
    )
    return Coalesce(Subquery(jumlah, output_field=IntegerField()), 0)


def jumlah_belum_dibaca(pegawai: Pegawai) -> int:
    """The badge: from the role query's annotation when the row came from it, else one COUNT."""
    n = getattr(pegawai, "_notifikasi_belum", None)
    if n is None:
        n = Notifikasi.objects.filter(penerima=pegawai, dibaca=False).count()
    return n
