"""Reads of the coaching workflow, scoped by the access module."""
from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from bangkom.pegawai.akses import cari_pegawai, peran
from bangkom.pegawai.models import Pegawai
from bangkom.sesi.models import PesertaSesi, Sesi
from bangkom.sesi.selectors import sesi_dengan_peserta
from jp_conversion.models import StatusKegiatan

from .akses import kesepakatan_terlihat
from .models import KesepakatanCoaching


def kesepakatan_daftar(*, user, sebagai: str, q: str = "") -> QuerySet[KesepakatanCoaching]:
    """The user's agreements as coach (`sebagai="coach"`) or as coachee, with the number of sessions,
    of sessions waiting for paraf and the JP counted, in one query."""
    me = peran(user).pegawai
    qs = kesepakatan_terlihat(user)
    qs = qs.filter(atasan=me) if sebagai == "coach" else qs.filter(pegawai=me)
    if q:
        qs = qs.filter(
            Q(pegawai__nama__icontains=q) | Q(atasan__nama__icontains=q) | Q(tujuan__icontains=q)
            | Q(kegiatan__icontains=q) | cari_pegawai(user, q, awalan="pegawai__")
        )
    sesi = Sesi.objects.filter(kesepakatan_coaching=OuterRef("pk")).values("induk_id")
    peserta = PesertaSesi.objects.filter(sesi__kesepakatan_coaching=OuterRef("pk")).values("sesi__induk_id")
    return (
        qs.select_related("atasan", "pegawai", "pegawai__jabatan")
        .annotate(
            jumlah_sesi=Coalesce(
                Subquery(sesi.annotate(n=Count("pk")).values("n")),
                Value(0), output_field=IntegerField(),
            ),
            jumlah_menunggu=Coalesce(
                Subquery(
                    peserta.filter(kegiatan__status=StatusKegiatan.DIAJUKAN).annotate(n=Count("pk")).values("n")
                ),
                Value(0), output_field=IntegerField(),
            ),
            jp_dihitung=Coalesce(
                Subquery(peserta.annotate(t=Sum("kegiatan__jp")).values("t")),
                Value(Decimal("0")), output_field=DecimalField(max_digits=7, decimal_places=2),
            ),
        )
        .order_by("status", "-mulai", "-pk")
    )


def sesi_kesepakatan(kesepakatan: KesepakatanCoaching) -> QuerySet[Sesi]:
    return sesi_dengan_peserta(kesepakatan.sesi.all())


def bawahan_untuk_coaching(atasan: Pegawai) -> QuerySet[Pegawai]:
    """Whom this supervisor may coach: their active direct subordinates."""
    return Pegawai.objects.filter(atasan=atasan, aktif=True).select_related("jabatan").order_by("nama")
