"""Who may see and do what: the one place access is decided (ARCHITECTURE "Access").

Selectors scope their querysets with `pegawai_terlihat(user)`; views fetch objects through
helpers here so that an id typed in a URL never reaches another's data (404, not 403, so the
existence of an id is not revealed). Roles follow RULES §1:
- pegawai: every signed-in user linked to an employee record;
- atasan langsung: derived from having active subordinates;
- mentor: a registered mentor profile, or anyone who guides someone's activity (pembimbing);
- kepala OPD: derived from being the head of an OPD;
- pengelola BPSDM: members of the group GRUP_BPSDM (or superusers).
"""
from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Pegawai, PerangkatDaerah

GRUP_BPSDM = "Pengelola BPSDM"


@dataclass
class Peran:
    """The roles of one user, computed once per request (cached on the user object)."""

    user: object

    @cached_property
    def pegawai(self) -> Pegawai | None:
        """The employee record, with every role flag folded into the same query (one query per
        request for all roles instead of one per role: every page's navigation asks for them)."""
        if not getattr(self.user, "is_authenticated", False):
            return None
        from django.contrib.auth.models import Group
        from django.db.models import Exists, OuterRef, Subquery

        from mentoring.models import PermintaanMentoring  # imported late: mentoring imports pegawai

        from .models import Mentor

        try:
            return (
                Pegawai.objects.select_related("opd", "unit", "jabatan", "atasan")
                .annotate(
                    _peran_bpsdm=Exists(Group.objects.filter(name=GRUP_BPSDM, user=OuterRef("user_id"))),
                    _peran_opd_id=Subquery(
                        PerangkatDaerah.objects.filter(kepala=OuterRef("pk")).order_by("nama", "pk").values("pk")[:1]
                    ),
                    _peran_atasan=Exists(Pegawai.objects.filter(atasan=OuterRef("pk"), aktif=True)),
                    _peran_mentor=Exists(Mentor.objects.filter(pegawai=OuterRef("pk")))
                    | Exists(PermintaanMentoring.objects.filter(mentor=OuterRef("pk"))),
                )
                .get(user=self.user, aktif=True)
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
        nama = []
        if self.pegawai is not None:
            nama.append("Pegawai")
        if self.atasan:
            nama.append("Atasan Langsung")
        if self.mentor:
            nama.append("Mentor")
        if self.kepala:
            nama.append("Kepala OPD")
        if self.bpsdm:
            nama.append("Pengelola BPSDM")
        return nama


def peran(user) -> Peran:
    cached = getattr(user, "_peran_bangkom", None)
    if cached is None:
        cached = Peran(user)
        with suppress(AttributeError):  # AnonymousUser instances are shared; nothing to cache on
            user._peran_bangkom = cached
    return cached


def _id_mentee(pegawai: Pegawai) -> QuerySet:
    """Employees this person guides: as pembimbing of a recorded activity, or as the mentor of a
    mentoring request they were asked for."""
    from jp_conversion.models import Kegiatan
    from mentoring.models import PermintaanMentoring

    return Pegawai.objects.filter(
        Q(pk__in=Kegiatan.objects.filter(pembimbing=pegawai).values("pegawai_id"))
        | Q(pk__in=PermintaanMentoring.objects.filter(mentor=pegawai).values("pemohon_id"))
    ).values("pk")


def pegawai_terlihat(user) -> QuerySet[Pegawai]:
    """Every employee whose data (profile, JP, gaps, activities, sheets) the user may read."""
    p = peran(user)
    if p.bpsdm:
        return Pegawai.objects.all()
    if p.pegawai is None:
        return Pegawai.objects.none()
    me = p.pegawai
    kondisi = Q(pk=me.pk) | Q(atasan=me) | Q(pk__in=_id_mentee(me))
    if p.opd_dipimpin is not None:
        kondisi |= Q(opd=p.opd_dipimpin)
    return Pegawai.objects.filter(kondisi)


def opd_terlihat(user) -> QuerySet[PerangkatDaerah]:
    """OPDs whose aggregate reports the user may read (BPSDM: all; kepala: their own)."""
    p = peran(user)
    if p.bpsdm:
        return PerangkatDaerah.objects.all()
    if p.opd_dipimpin is not None:
        return PerangkatDaerah.objects.filter(pk=p.opd_dipimpin.pk)
    return PerangkatDaerah.objects.none()


def pegawai_atau_404(user, pk) -> Pegawai:
    try:
        return pegawai_terlihat(user).select_related("opd", "unit", "jabatan", "atasan").get(pk=pk)
    except (Pegawai.DoesNotExist, ValueError, TypeError):
        raise Http404("Data pegawai tidak ditemukan.") from None


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


def boleh_paraf(user, kegiatan) -> bool:
    """Only the activity's pembimbing (coach, mentor or supervisor for self-study) initials it."""
    p = peran(user)
    return p.pegawai is not None and kegiatan.pembimbing_id == p.pegawai.pk


def sesi_terlihat(user) -> QuerySet:
    """Coaching/mentoring sessions the user may read: those they lead, and those of any
    participant they may see."""
    from bangkom.sesi.models import Sesi

    p = peran(user)
    if p.bpsdm:
        return Sesi.objects.all()
    if p.pegawai is None:
        return Sesi.objects.none()
    return Sesi.objects.filter(
        Q(pembimbing=p.pegawai) | Q(peserta__pegawai__in=pegawai_terlihat(user))
    ).distinct()


def sesi_atau_404(user, pk):
    from bangkom.sesi.models import Sesi

    try:
        return sesi_terlihat(user).select_related("pembimbing").get(pk=pk)
    except (Sesi.DoesNotExist, ValueError, TypeError):
        raise Http404("Sesi tidak ditemukan.") from None


def boleh_paraf_sesi(user, sesi) -> bool:
    p = peran(user)
    return p.pegawai is not None and sesi.pembimbing_id == p.pegawai.pk


# --- Belajar mandiri (issue D) -------------------------------------------------------------------
def penugasan_belajar_terlihat(user) -> QuerySet:
    """Self-study assignments the user may read: those they gave, and those of any employee they
    may see (self, subordinates, the OPD for kepala, all for BPSDM)."""
    from belajar_mandiri.models import PenugasanBelajar

    p = peran(user)
    if p.bpsdm:
        return PenugasanBelajar.objects.all()
    if p.pegawai is None:
        return PenugasanBelajar.objects.none()
    return PenugasanBelajar.objects.filter(
        Q(atasan=p.pegawai) | Q(pegawai_id__in=pegawai_terlihat(user).values("pk"))
    )


def penugasan_belajar_atau_404(user, pk):
    from belajar_mandiri.models import PenugasanBelajar

    try:
        return penugasan_belajar_terlihat(user).select_related("pegawai", "atasan", "kompetensi").get(pk=pk)
    except (PenugasanBelajar.DoesNotExist, ValueError, TypeError):
        raise Http404("Penugasan belajar mandiri tidak ditemukan.") from None


def boleh_kelola_penugasan_belajar(user, penugasan) -> bool:
    """The assigning supervisor approves proposals, names sources, initials logs and resumes,
    and evaluates; nobody else (not even BPSDM) initials on their behalf."""
    p = peran(user)
    return p.pegawai is not None and penugasan.atasan_id == p.pegawai.pk


def boleh_isi_penugasan_belajar(user, penugasan) -> bool:
    """Only the assigned employee logs study and writes resumes."""
    p = peran(user)
    return p.pegawai is not None and penugasan.pegawai_id == p.pegawai.pk


def _objek_belajar_atau_404(user, model, pk, pesan: str):
    try:
        return model.objects.select_related("penugasan__pegawai", "penugasan__atasan").get(
            pk=pk, penugasan__in=penugasan_belajar_terlihat(user)
        )
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404(pesan) from None


def log_belajar_atau_404(user, pk):
    from belajar_mandiri.models import LogBelajar

    return _objek_belajar_atau_404(user, LogBelajar, pk, "Log belajar tidak ditemukan.")


def sumber_belajar_atau_404(user, pk):
    from belajar_mandiri.models import SumberBelajar

    return _objek_belajar_atau_404(user, SumberBelajar, pk, "Sumber belajar tidak ditemukan.")


def resume_belajar_atau_404(user, pk):
    from belajar_mandiri.models import Resume

    return _objek_belajar_atau_404(user, Resume, pk, "Resume tidak ditemukan.")


def boleh_lihat_riwayat(user, pegawai: Pegawai) -> bool:
    """The audit trail of an employee (who changed what): BPSDM, and the kepala of their OPD."""
    p = peran(user)
    return p.bpsdm or (p.opd_dipimpin is not None and pegawai.opd_id == p.opd_dipimpin.pk)


def pegawai_riwayat_atau_403(user, pk) -> Pegawai:
    """The employee whose audit trail is asked for: 404 if the user may not see them at all,
    403 if they may see them but not their history."""
    pegawai = pegawai_atau_404(user, pk)
    if not boleh_lihat_riwayat(user, pegawai):
        raise PermissionDenied("Riwayat perubahan hanya untuk Pengelola BPSDM dan Kepala OPD pegawai ini.")
    return pegawai


# --- Competencies (issue E) -------------------------------------------------------------------
def boleh_kelola_pengembangan(user, pegawai: Pegawai) -> bool:
    """May hold the gap dialog and edit the development plan of this employee: the employee
    themselves and their direct supervisor (the two parties of Panduan Langsa's dialog)."""
    p = peran(user)
    return p.pegawai is not None and p.pegawai.pk in (pegawai.pk, pegawai.atasan_id)


def sumber_penilaian_boleh(user, pegawai: Pegawai) -> list[str]:
    """Assessment sources the user may record for this employee: the employee rates themselves
    (penilaian diri); the direct supervisor records asesmen and penilaian atasan; BPSDM records
    asesmen/uji kompetensi results."""
    p = peran(user)
    sumber = []
    if p.pegawai is not None and p.pegawai.pk == pegawai.pk:
        sumber.append("penilaian_diri")
    if p.bpsdm or (p.pegawai is not None and pegawai.atasan_id == p.pegawai.pk):
        sumber.append("asesmen")
    if p.pegawai is not None and pegawai.atasan_id == p.pegawai.pk:
        sumber.append("penilaian_atasan")
    return sumber


def opd_laporan_atau_404(user, pk) -> PerangkatDaerah:
    """An OPD whose aggregate report the user may read (see opd_terlihat)."""
    try:
        return opd_terlihat(user).get(pk=pk)
    except (PerangkatDaerah.DoesNotExist, ValueError, TypeError):
        raise Http404("Perangkat daerah tidak ditemukan.") from None


def kegiatan_eksternal_atau_404(user, pk):
    """An external activity (and its certificate) is visible to whoever may read its employee."""
    from jp_conversion.models import KegiatanEksternal

    try:
        return KegiatanEksternal.objects.select_related(
            "kegiatan", "kegiatan__pegawai", "kegiatan__pembimbing", "kegiatan__diparaf_oleh"
        ).get(pk=pk, kegiatan__pegawai__in=pegawai_terlihat(user))
    except (KegiatanEksternal.DoesNotExist, ValueError, TypeError):
        raise Http404("Kegiatan tidak ditemukan.") from None


def boleh_verifikasi_eksternal(user, eksternal) -> bool:
    """The supervisor it was submitted to (its pembimbing), or BPSDM for someone else's activity."""
    p = peran(user)
    if p.pegawai is None:
        return False
    kegiatan = eksternal.kegiatan
    return kegiatan.pembimbing_id == p.pegawai.pk or (p.bpsdm and kegiatan.pegawai_id != p.pegawai.pk)


# --- Coaching (issue C) ---

def kesepakatan_terlihat(user) -> QuerySet:
    """Coaching agreements the user may read: as coach or coachee, as the coachee's current
    supervisor, as kepala of the coachee's OPD, or as BPSDM. Mentors do not see coaching."""
    from coaching.models import KesepakatanCoaching

    p = peran(user)
    if p.bpsdm:
        return KesepakatanCoaching.objects.all()
    if p.pegawai is None:
        return KesepakatanCoaching.objects.none()
    me = p.pegawai
    kondisi = Q(atasan=me) | Q(pegawai=me) | Q(pegawai__atasan=me)
    if p.opd_dipimpin is not None:
        kondisi |= Q(pegawai__opd=p.opd_dipimpin)
    return KesepakatanCoaching.objects.filter(kondisi)


def kesepakatan_atau_404(user, pk):
    from coaching.models import KesepakatanCoaching

    try:
        return kesepakatan_terlihat(user).select_related(
            "atasan", "pegawai", "pegawai__jabatan", "pegawai__opd"
        ).get(pk=pk)
    except (KesepakatanCoaching.DoesNotExist, ValueError, TypeError):
        raise Http404("Kesepakatan coaching tidak ditemukan.") from None


def boleh_kelola_kesepakatan(user, kesepakatan) -> bool:
    """Log sessions in, close: the coach of the agreement only."""
    p = peran(user)
    return p.pegawai is not None and kesepakatan.atasan_id == p.pegawai.pk


def boleh_akui_kesepakatan(user, kesepakatan) -> bool:
    p = peran(user)
    return p.pegawai is not None and kesepakatan.pegawai_id == p.pegawai.pk


# --- Evaluations of a coaching/mentoring relationship (RULES §5), generic over the `induk` ---

def penilaian_evaluasi(user, induk, skala: str):
    """(peserta, pembimbing, jenis) the user may rate on this scale for this relationship, or None.
    `manfaat`: a participant of an initialled session of the relationship rates it themselves;
    `kontribusi`: the direct supervisor of such a participant rates its contribution to work.
    The pembimbing is the one who led the participant's latest initialled session (a re-matched
    mentoring relationship is rated for its latest mentor)."""
    from django.contrib.contenttypes.models import ContentType

    from bangkom.sesi.models import PesertaSesi
    from jp_conversion.models import StatusKegiatan

    p = peran(user)
    if p.pegawai is None or induk is None:
        return None
    ikut = PesertaSesi.objects.filter(
        sesi__induk_tipe=ContentType.objects.get_for_model(induk), sesi__induk_id=induk.pk,
        kegiatan__status=StatusKegiatan.DISETUJUI,
    ).select_related("pegawai", "sesi__pembimbing").order_by("-sesi__tanggal", "-sesi__mulai")
    if skala == "manfaat":
        ikut = ikut.filter(pegawai=p.pegawai)
    elif skala == "kontribusi":
        ikut = ikut.filter(pegawai__atasan=p.pegawai)
    else:
        return None
    ps = ikut.first()
    return None if ps is None else (ps.pegawai, ps.sesi.pembimbing, ps.sesi.jenis)


def evaluasi_terlihat(user) -> QuerySet:
    """Evaluations whose recap the user may read: a pembimbing their own; a kepala those of their
    OPD's participants; BPSDM all."""
    from bangkom.sesi.models import Evaluasi

    p = peran(user)
    if p.bpsdm:
        return Evaluasi.objects.all()
    if p.pegawai is None:
        return Evaluasi.objects.none()
    kondisi = Q(pembimbing=p.pegawai)
    if p.opd_dipimpin is not None:
        kondisi |= Q(peserta__opd=p.opd_dipimpin)
    return Evaluasi.objects.filter(kondisi)


def wajib_rekap_evaluasi(user) -> None:
    """The recap is for those who guide (coaches, mentors), kepala OPD and BPSDM."""
    p = peran(user)
    if not (p.bpsdm or p.kepala or p.atasan or p.mentor):
        raise PermissionDenied("Rekap evaluasi hanya untuk pembimbing, Kepala OPD dan Pengelola BPSDM.")


def boleh_ekspor_opd(user, opd) -> bool:
    """Bulk export of activity sheets: BPSDM for any OPD, a kepala OPD for their own."""
    return opd_terlihat(user).filter(pk=opd.pk).exists()


def wajib_ekspor_opd(user, opd) -> None:
    if not boleh_ekspor_opd(user, opd):
        raise PermissionDenied("Anda tidak berhak mengekspor lembar kegiatan perangkat daerah ini.")


def lembar_boleh_disahkan(user) -> QuerySet:
    """Issued sheets the user may countersign ("Mengetahui", RULES §4): those issued needing it,
    of employees of the OPD the user heads. Not BPSDM: the signature block is the kepala's."""
    from bangkom.dokumen.models import LembarTerbit

    opd = peran(user).opd_dipimpin
    if opd is None:
        return LembarTerbit.objects.none()
    return LembarTerbit.objects.filter(perlu_pengesahan=True, pegawai__opd=opd)


def proses_ekspor_atau_404(user, pk):
    """An export job (progress, result file; sheets or report): only whoever requested it, or BPSDM."""
    from bangkom.dokumen.models import ProsesEkspor

    qs = ProsesEkspor.objects.select_related("opd", "unit", "diminta_oleh")
    if not peran(user).bpsdm:
        qs = qs.filter(diminta_oleh_id=getattr(user, "pk", None))
    try:
        return qs.get(pk=pk)
    except (ProsesEkspor.DoesNotExist, ValueError, TypeError):
        raise Http404("Proses ekspor tidak ditemukan.") from None


# --- Dashboards and compliance reports (issue G) ---------------------------------------------------

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


def pegawai_laporan(user) -> QuerySet[Pegawai]:
    """Employees an agency/province report may list: the OPDs of `opd_terlihat` (kepala: own OPD
    only, even if they also guide someone elsewhere; BPSDM: all). Raises PermissionDenied otherwise."""
    wajib_laporan(user)
    return Pegawai.objects.filter(opd__in=opd_terlihat(user))


# -- mentoring (issue C, mentoring half) ------------------------------------------------------
def permintaan_mentoring_terlihat(user) -> QuerySet:
    """Mentoring requests/relationships the user may read: their own (as employee or as mentor),
    their direct subordinates' (the atasan follows the development of their staff), their OPD's
    for the kepala, all for BPSDM. A mentor never sees another mentor's mentees through this."""
    from mentoring.models import PermintaanMentoring

    p = peran(user)
    if p.bpsdm:
        return PermintaanMentoring.objects.all()
    if p.pegawai is None:
        return PermintaanMentoring.objects.none()
    me = p.pegawai
    kondisi = Q(pemohon=me) | Q(mentor=me) | Q(pemohon__atasan=me)
    if p.opd_dipimpin is not None:
        kondisi |= Q(pemohon__opd=p.opd_dipimpin)
    return PermintaanMentoring.objects.filter(kondisi)


def permintaan_mentoring_atau_404(user, pk):
    from mentoring.models import PermintaanMentoring

    try:
        return (
            permintaan_mentoring_terlihat(user)
            .select_related("pemohon__jabatan", "pemohon__opd", "pemohon__atasan", "mentor__jabatan",
                            "mentor__opd", "dialihkan_dari__mentor", "diakhiri_oleh", "kompetensi")
            .get(pk=pk)
        )
    except (PermintaanMentoring.DoesNotExist, ValueError, TypeError):
        raise Http404("Permintaan mentoring tidak ditemukan.") from None


def boleh_jawab_mentoring(user, permintaan) -> bool:
    """Accept/decline a request, log its sessions, move the peer-mentoring phase: its mentor."""
    p = peran(user)
    return p.pegawai is not None and permintaan.mentor_id == p.pegawai.pk


def boleh_akhiri_mentoring(user, permintaan) -> bool:
    """Pause, resume or end a relationship: either side, or BPSDM. The change is recorded as made
    by an employee, so an account without an employee record (a bare superuser) cannot act."""
    p = peran(user)
    if p.pegawai is None:
        return False
    return p.bpsdm or p.pegawai.pk in (permintaan.pemohon_id, permintaan.mentor_id)


def boleh_alihkan_mentoring(user, permintaan) -> bool:
    """Re-match to another mentor: the employee (e.g. after an unanswered or declined request) or BPSDM
    (with an employee record, like boleh_akhiri_mentoring)."""
    p = peran(user)
    if p.pegawai is None:
        return False
    return p.bpsdm or permintaan.pemohon_id == p.pegawai.pk
