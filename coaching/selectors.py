"""Reads of the coaching workflow, scoped by the access module."""
from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, DecimalField, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from bangkom.pegawai.akses import peran
from bangkom.pegawai.models import Pegawai
from bangkom.sesi.models import PesertaSesi, Sesi
from jp_conversion.models import StatusKegiatan

from .akses import kesepakatan_terlihat
from .models import KesepakatanCoaching


def _sesi_dari(ct: ContentType):
    return Sesi.objects.filter(induk_tipe=ct, induk_id=OuterRef("pk"))


def kesepakatan_daftar(*, user, sebagai: str, q: str = "") -> QuerySet[KesepakatanCoaching]:
    """The user's agreements as coach (`sebagai="coach"`) or as coachee, with the number of sessions,
    of sessions waiting for paraf and the JP counted, in one query."""
    me = peran(user).pegawai
    qs = kesepakatan_terlihat(user)
    qs = qs.filter(atasan=me) if sebagai == "coach" else qs.filter(pegawai=me)
    if q:
        qs = qs.filter(
            Q(pegawai__nama__icontains=q) | Q(atasan__nama__icontains=q) | Q(tujuan__icontains=q)
            | Q(kegiatan__icontains=q) | Q(pegawai__nip__startswith=q.strip())
        )
    ct = ContentType.objects.get_for_model(KesepakatanCoaching)
    peserta = PesertaSesi.objects.filter(sesi__induk_tipe=ct, sesi__induk_id=OuterRef("pk")).values("sesi__induk_id")
    return (
        qs.select_related("atasan", "pegawai", "pegawai__jabatan")
        .annotate(
            jumlah_sesi=Coalesce(
                Subquery(_sesi_dari(ct).values("induk_id").annotate(n=Count("pk")).values("n")),
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
    ct = ContentType.objects.get_for_model(KesepakatanCoaching)
    return (
        Sesi.objects.filter(induk_tipe=ct, induk_id=kesepakatan.pk)
        .prefetch_related("peserta__pegawai", "peserta__kegiatan")
        .order_by("-tanggal", "-mulai")
    )


def bawahan_untuk_coaching(atasan: Pegawai) -> QuerySet[Pegawai]:
    """Whom this supervisor may coach: their active direct subordinates."""
    return Pegawai.objects.filter(atasan=atasan, aktif=True).select_related("jabatan").order_by("nama")
