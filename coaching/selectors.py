"""Reads of the coaching workflow, scoped by the access module."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from bangkom.pegawai.akses import peran
from bangkom.pegawai.models import Mentor, Pegawai
from bangkom.pegawai.selectors import cari_pegawai
from bangkom.sesi.models import PesertaSesi, Sesi
from bangkom.sesi.selectors import sesi_dengan_peserta
from jp_conversion.models import StatusKegiatan

from .akses import kesepakatan_terlihat, penunjukan_dikelola
from .models import KesepakatanCoaching, PenunjukanCoach


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


def bawahan_untuk_coaching(atasan: Pegawai, *, tanggal: date | None = None) -> QuerySet[Pegawai]:
    """Whom this person may open a coaching agreement with today: their active direct subordinates
    and the active employees they are an appointed coach of, the appointment in force on `tanggal`."""
    tanggal = tanggal or timezone.localdate()
    ditunjuk = PenunjukanCoach.objects.filter(PenunjukanCoach.berlaku_q(tanggal), coach=atasan).values("pegawai")
    return (
        Pegawai.objects.filter(Q(atasan=atasan) | Q(pk__in=ditunjuk), aktif=True)
        .select_related("jabatan").order_by("nama")
    )


def penunjukan_saya(coach: Pegawai) -> QuerySet[PenunjukanCoach]:
    """The appointments of this coach ("Pegawai yang saya coach"), the ones still to come first."""
    return (
        PenunjukanCoach.objects.filter(coach=coach)
        .select_related("pegawai", "pegawai__jabatan", "pegawai__opd")
        .order_by("-selesai", "-pk")
    )


def penunjukan_daftar(*, user, q: str = "", status: str = "", tanggal: date | None = None) -> QuerySet[PenunjukanCoach]:
    """Appointments the kepala OPD / BPSDM manages, searched by employee or coach (name, NIP) and
    filtered by status on `tanggal`: "berlaku", "akan", "selesai", "diakhiri" (empty: all)."""
    tanggal = tanggal or timezone.localdate()
    qs = penunjukan_dikelola(user)
    if q:
        qs = qs.filter(
            Q(pegawai__nama__icontains=q) | Q(coach__nama__icontains=q) | Q(pegawai__nip__startswith=q.strip())
            | Q(coach__nip__startswith=q.strip())
        )
    if status == "berlaku":
        qs = qs.filter(PenunjukanCoach.berlaku_q(tanggal))
    elif status == "akan":
        qs = qs.filter(diakhiri_pada__isnull=True, mulai__gt=tanggal)
    elif status == "selesai":
        qs = qs.filter(diakhiri_pada__isnull=True, selesai__lt=tanggal)
    elif status == "diakhiri":
        qs = qs.filter(diakhiri_pada__isnull=False)
    return qs.select_related(
        "pegawai", "pegawai__opd", "coach", "coach__profil_mentor", "ditunjuk_oleh"
    ).order_by("-mulai", "-pk")


def coach_terdaftar() -> QuerySet[Mentor]:
    """The registered coaches one may appoint (active profiles of active employees), certified first."""
    return (
        Mentor.objects.filter(aktif=True, pegawai__aktif=True)
        .select_related("pegawai", "pegawai__opd")
        .order_by("-sertifikasi", "pegawai__nama")
    )
