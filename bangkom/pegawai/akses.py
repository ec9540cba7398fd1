"""Who is who: the access vocabulary (ARCHITECTURE "Access"). Each app decides about its own
objects in its own `akses.py`, built on this; this module imports nothing from a higher layer.

Views fetch objects through `…_atau_404` helpers (`objek_atau_404`) so that an id typed in a URL
never reaches another's data (404, not 403: an id's existence is not revealed). Roles (RULES §1):
- pegawai: every signed-in user linked to an employee record;
- atasan langsung: derived from having active subordinates;
- mentor: a registered mentor profile, or the mentor of a mentoring request;
- kepala OPD: derived from being the head of an OPD;
- pengelola BPSDM: members of the group GRUP_BPSDM (or superusers).
Guiding relationships kept by higher apps come from the registry in `pembimbingan.py`: access
follows today's relationship, never a past one."""
from __future__ import annotations

import operator
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from functools import cached_property, reduce
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from django.contrib.auth.models import AnonymousUser, Group, User
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, Model, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from .models import Mentor, Pegawai, PerangkatDaerah
from .pembimbingan import PEMBIMBINGAN

M = TypeVar("M", bound=Model)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

GRUP_BPSDM = "Pengelola BPSDM"


class PeranAnotasi(TypedDict):
    """The role flags `Peran.pegawai` annotates on the employee record."""

    _peran_bpsdm: bool
    _peran_opd_id: int | None
    _peran_atasan: bool
    _peran_mentor: bool


# Per-request figures that higher layers fold into the role query (one query per request for the
# roles and, e.g., the unread-notice badge of the navigation): name → expression over Pegawai,
# registered in their AppConfig.ready() so this layer imports none of them.
ANOTASI_PERAN: dict[str, Callable[[], Any]] = {}


def daftarkan_anotasi_peran(nama: str, buat: Callable[[], Any]) -> None:
    ANOTASI_PERAN[nama] = buat


@dataclass
class Peran:
    """The roles of one user, computed once per request (cached on the user object)."""

    user: User | AnonymousUser

    @cached_property
    def pegawai(self) -> WithAnnotations[Pegawai, PeranAnotasi] | None:
        """The employee record, with every role flag folded into the same query (one query per
        request for all roles instead of one per role: every page's navigation asks for them)."""
        u = self.user
        if not getattr(u, "is_authenticated", False) or isinstance(u, AnonymousUser):
            return None
        mentor = [Exists(Mentor.objects.filter(pegawai=OuterRef("pk")))] + [
            Exists(r.model._default_manager.filter(**{r.pembimbing: OuterRef("pk")}))
            for r in PEMBIMBINGAN if r.peran_mentor
        ]
        try:
            return (
                Pegawai.objects.select_related("opd", "unit", "jabatan", "atasan")
                .annotate(
                    _peran_bpsdm=Exists(Group.objects.filter(name=GRUP_BPSDM, user=OuterRef("user_id"))),
                    _peran_opd_id=Subquery(
                        PerangkatDaerah.objects.filter(kepala=OuterRef("pk")).order_by("nama", "pk").values("pk")[:1]
                    ),
                    _peran_atasan=Exists(Pegawai.objects.filter(atasan=OuterRef("pk"), aktif=True)),
                    _peran_mentor=reduce(operator.or_, mentor),
                )
                .annotate(**{nama: buat() for nama, buat in ANOTASI_PERAN.items()})
                .get(user=u, aktif=True)
            )
        except Pegawai.DoesNotExist:
            return None

    @cached_property
    def bpsdm(self) -> bool:
        u = self.user
        if not getattr(u, "is_authenticated", False):
            return False
        if u.is_superuser:
            return True
        if self.pegawai is not None:
            return self.pegawai._peran_bpsdm
        return u.groups.filter(name=GRUP_BPSDM).exists()

    @cached_property
    def opd_dipimpin(self) -> PerangkatDaerah | None:
        if self.pegawai is None or self.pegawai._peran_opd_id is None:
            return None
        if self.pegawai.opd_id == self.pegawai._peran_opd_id:  # a kepala heads their own OPD: no query
            return self.pegawai.opd
        return PerangkatDaerah.objects.filter(pk=self.pegawai._peran_opd_id).first()

    @property
    def kepala(self) -> bool:
        return self.pegawai is not None and self.pegawai._peran_opd_id is not None

    @cached_property
    def atasan(self) -> bool:
        return self.pegawai is not None and self.pegawai._peran_atasan

    @cached_property
    def mentor(self) -> bool:
        return self.pegawai is not None and self.pegawai._peran_mentor

    @property
    def nama_peran(self) -> list[str]:
        punya = [(self.pegawai is not None, "Pegawai"), (self.atasan, "Atasan Langsung"), (self.mentor, "Mentor"),
                 (self.kepala, "Kepala OPD"), (self.bpsdm, "Pengelola BPSDM")]
        return [nama for ada, nama in punya if ada]


def peran(user) -> Peran:
    cached = getattr(user, "_peran_bangkom", None)
    if cached is None:
        cached = Peran(user)
        with suppress(AttributeError):  # AnonymousUser instances are shared; nothing to cache on
            user._peran_bangkom = cached
    return cached


def pegawai_saya(user, pesan: str = "Akun ini tidak terhubung dengan data pegawai.") -> Pegawai:
    """The user's own employee record; 403 for an account without one."""
    saya = peran(user).pegawai
    if saya is None:
        raise PermissionDenied(pesan)
    return saya


def objek_atau_404(queryset: QuerySet, pk, pesan: str):
    """The object `pk` of an already scoped queryset, or 404 (also for a malformed id)."""
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404(pesan) from None


def baris_terlihat(user, model: type[M], kondisi: Callable[[Pegawai], Q], *, opd: str | None = None) -> QuerySet[M]:
    """The rows of `model` a user may read: all for BPSDM, none without an employee record, else those
    `kondisi(me)` names, plus, for a kepala, the rows whose `opd` path is the OPD they head."""
    p = peran(user)
    semua = model._default_manager
    if p.bpsdm:
        return semua.all()
    if p.pegawai is None:
        return semua.none()
    q = kondisi(p.pegawai)
    if opd is not None and p.opd_dipimpin is not None:
        q |= Q(**{opd: p.opd_dipimpin})
    return semua.filter(q)


def pegawai_terlihat(user, *, bimbingan: bool = True) -> QuerySet[Pegawai]:
    """Every employee whose data (profile, JP, gaps, activities, sheets) the user may read: self,
    today's direct subordinates, those they guide now (`daftarkan_pembimbing`, current rows only),
    the OPD of a kepala. `bimbingan=False` leaves the guiding relationships out: what a mentor must
    not reach through their mentee (coaching sessions, the coaching sheet)."""
    def kondisi(me: Pegawai) -> Q:
        q = Q(pk=me.pk) | Q(atasan=me)
        for r in PEMBIMBINGAN if bimbingan else ():
            q |= Q(pk__in=r.baris(me).values(r.peserta))
        return q

    return baris_terlihat(user, Pegawai, kondisi, opd="opd")




def opd_terlihat(user) -> QuerySet[PerangkatDaerah]:
    """OPDs whose aggregate reports the user may read (BPSDM: all; kepala: their own)."""
    p = peran(user)
    if p.bpsdm:
        return PerangkatDaerah.objects.all()
    if p.opd_dipimpin is not None:
        return PerangkatDaerah.objects.filter(pk=p.opd_dipimpin.pk)
    return PerangkatDaerah.objects.none()


def pegawai_atau_404(user, pk) -> Pegawai:
    qs = pegawai_terlihat(user).select_related("opd", "unit", "jabatan", "atasan")
    return objek_atau_404(qs, pk, "Data pegawai tidak ditemukan.")


def opd_laporan_atau_404(user, pk) -> PerangkatDaerah:
    """An OPD whose aggregate report the user may read (see opd_terlihat)."""
    return objek_atau_404(opd_terlihat(user), pk, "Perangkat daerah tidak ditemukan.")


def boleh_kelola_pegawai(user, pegawai: Pegawai) -> bool:
    """May assign work to / coach this employee: their direct supervisor (or BPSDM)."""
    p = peran(user)
    return p.bpsdm or (p.pegawai is not None and pegawai.atasan_id == p.pegawai.pk)


def wajib_bpsdm(user) -> None:
    if not peran(user).bpsdm:
        raise PermissionDenied("Halaman ini hanya untuk Pengelola BPSDM.")


def wajib_laporan(user) -> None:
    """Agency/province reports: kepala OPD (own OPD) and BPSDM."""
    p = peran(user)
    if not (p.bpsdm or p.kepala):
        raise PermissionDenied("Laporan ini hanya untuk Kepala OPD dan Pengelola BPSDM.")


def pegawai_laporan(user) -> QuerySet[Pegawai]:
    """Employees an agency/province report may list: the OPDs of `opd_terlihat` (kepala: own OPD
    only, even if they also guide someone elsewhere; BPSDM: all). Raises PermissionDenied otherwise."""
    wajib_laporan(user)
    return Pegawai.objects.filter(opd__in=opd_terlihat(user))










_PESAN_PERAN = {
    "pegawai": "Dasbor ini hanya untuk pengguna yang terdaftar sebagai pegawai.",
    "atasan": "Dasbor ini hanya untuk atasan langsung yang memiliki bawahan.",
    "mentor": "Dasbor ini hanya untuk mentor.",
    "kepala": "Dasbor ini hanya untuk Kepala OPD.",
    "bpsdm": "Dasbor ini hanya untuk Pengelola BPSDM.",
}


def punya_peran(user, nama: str) -> bool:
    """Whether the user holds one role by key: pegawai, atasan, mentor, kepala, bpsdm."""
    p = peran(user)
    if nama == "pegawai":
        return p.pegawai is not None
    return bool(getattr(p, nama))


def wajib_peran(user, nama: str) -> None:
    if nama not in _PESAN_PERAN:
        raise ValueError(f"Peran tidak dikenal: {nama}")
    if not punya_peran(user, nama):
        raise PermissionDenied(_PESAN_PERAN[nama])
