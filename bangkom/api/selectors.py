"""Reads for the BPSDM pages of API clients."""
from __future__ import annotations

from django.db.models import Count, Max, QuerySet

from .models import KlienAPI


def klien_daftar() -> QuerySet[KlienAPI]:
    """Every client with its number of calls and the time of the last one (one query)."""
    return (
        KlienAPI.objects.select_related("opd", "dibuat_oleh")
        .annotate(jumlah_panggilan=Count("panggilan"), panggilan_terakhir=Max("panggilan__waktu"))
        .order_by("-dibuat_pada", "-pk")
    )


def jumlah_klien_aktif() -> int:
    return sum(1 for k in KlienAPI.objects.filter(dicabut_pada__isnull=True).only("kedaluwarsa", "dicabut_pada")
               if k.berlaku())
