"""Who may mentor whom (RULES §1) and which mentors to suggest first, with the reasons shown.

Eligible mentors of a mentee (each a `Jenis` below, a candidate may be several):
- the direct supervisor (atasan langsung);
- the supervisor's supervisor;
- an official at the same level: **(decision)** a structural position with the same
  `Jabatan.tingkat` as the mentee's direct supervisor ("pejabat yang setingkat" of Panduan Langsa);
  without a supervisor, the same tingkat as the mentee's own structural position;
- a more experienced peer in the same kind of position (mentoring sesama jabatan): same
  non-empty `Jabatan.rumpun` and `tingkat` ≥ the mentee's;
- a registered, active mentor (`pegawai.Mentor`), which also covers reverse mentoring by a
  junior expert registered by BPSDM.
Only active employees, never the mentee themself.

The ranking (`saran_mentor`) is **(decision)** a documented point score, highest first, ties by
name: assessed level at or above the level the mentee's position requires (competency module,
`calon_mentor`: the requested competency, or any competency of the mentee's gaps) 40,
certified mentor/coach 25 (registered but not certified 10), same rumpun 20, direct supervisor 15,
mentor's field matching the request's words 15, peer 10, same OPD 5, supervisor's supervisor 5,
same-level official 5, and up to 10 for free capacity (load = accepted requests vs kapasitas;
a mentor at capacity loses 30). A fixed number of queries whatever the number of candidates.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Set
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from bangkom.kompetensi.selectors import calon_mentor
from bangkom.pegawai.models import Jabatan, Mentor, Pegawai

from .models import PermintaanMentoring

KAPASITAS_BAWAAN = 5  # mentors without a registered profile (supervisors, peers): Mentor.kapasitas default


class Jenis:
    ATASAN = "atasan langsung"
    ATASAN_ATASAN = "atasan dari atasan langsung"
    SETINGKAT = "pejabat setingkat atasan"
    SESAMA = "rekan sejabatan lebih berpengalaman"
    TERDAFTAR = "mentor terdaftar"


BOBOT = {
    "kompetensi": 40, "sertifikasi": 25, "terdaftar": 10, "rumpun": 20, Jenis.ATASAN: 15, "bidang": 15,
    Jenis.SESAMA: 10, "opd": 5, Jenis.ATASAN_ATASAN: 5, Jenis.SETINGKAT: 5, "kapasitas": 10, "penuh": -30,
}


@dataclass
class SaranMentor:
    pegawai: Pegawai
    skor: int
    alasan: list[str] = field(default_factory=list)
    jenis: list[str] = field(default_factory=list)
    beban: int = 0
    kapasitas: int = KAPASITAS_BAWAAN

    @property
    def penuh(self) -> bool:
        return self.beban >= self.kapasitas


def _tingkat_setingkat(mentee: Pegawai) -> int | None:
    atasan = mentee.atasan  # None without a query when atasan_id is None
    if atasan is not None:
        return atasan.jabatan.tingkat
    if mentee.jabatan.jenis == Jabatan.Jenis.STRUKTURAL:
        return mentee.jabatan.tingkat
    return None


def _kondisi_layak(mentee: Pegawai) -> Q:
    kondisi = Q(profil_mentor__aktif=True)
    atasan = mentee.atasan  # None without a query when atasan_id is None
    if atasan is not None:
        kondisi |= Q(pk=mentee.atasan_id)
        if atasan.atasan_id is not None:
            kondisi |= Q(pk=atasan.atasan_id)
    tingkat = _tingkat_setingkat(mentee)
    if tingkat is not None:
        kondisi |= Q(jabatan__jenis=Jabatan.Jenis.STRUKTURAL, jabatan__tingkat=tingkat)
    if mentee.jabatan.rumpun:
        kondisi |= Q(jabatan__rumpun=mentee.jabatan.rumpun, jabatan__tingkat__gte=mentee.jabatan.tingkat)
    return kondisi


def mentor_layak(mentee: Pegawai) -> QuerySet[Pegawai]:
    """Every employee who may mentor `mentee` (RULES §1), with what the ranking reads."""
    return (
        Pegawai.objects.filter(_kondisi_layak(mentee), aktif=True)
        .exclude(pk=mentee.pk)
        .select_related("jabatan", "opd", "unit", "profil_mentor")
        .order_by("nama", "pk")
    )


def jenis_kelayakan(mentee: Pegawai, kandidat: Pegawai) -> list[str]:
    """Why `kandidat` may mentor `mentee` (empty: not eligible). Reads loaded relations only."""
    if kandidat.pk == mentee.pk or not kandidat.aktif:
        return []
    jenis = []
    if kandidat.pk == mentee.atasan_id:
        jenis.append(Jenis.ATASAN)
    atasan = mentee.atasan  # None without a query when atasan_id is None
    if atasan is not None and kandidat.pk == atasan.atasan_id:
        jenis.append(Jenis.ATASAN_ATASAN)
    tingkat = _tingkat_setingkat(mentee)
    if (
        tingkat is not None and kandidat.jabatan.jenis == Jabatan.Jenis.STRUKTURAL
        and kandidat.jabatan.tingkat == tingkat and kandidat.pk not in (mentee.atasan_id,)
    ):
        jenis.append(Jenis.SETINGKAT)
    if (
        mentee.jabatan.rumpun and kandidat.jabatan.rumpun == mentee.jabatan.rumpun
        and kandidat.jabatan.tingkat >= mentee.jabatan.tingkat
    ):
        jenis.append(Jenis.SESAMA)
    profil = _profil(kandidat)
    if profil is not None and profil.aktif:
        jenis.append(Jenis.TERDAFTAR)
    return jenis


def _profil(p: Pegawai) -> Mentor | None:
    try:
        return p.profil_mentor
    except Mentor.DoesNotExist:
        return None


def beban_mentor(ids: Iterable[int]) -> dict[int, int]:
    """Accepted (running) requests per mentor: one query."""
    baris = (
        PermintaanMentoring.objects.filter(mentor_id__in=list(ids), status=PermintaanMentoring.Status.DITERIMA)
        .values("mentor_id").annotate(n=Count("pk"))
    )
    return {b["mentor_id"]: b["n"] for b in baris}


_KATA = re.compile(r"[a-z]{4,}")


def _kata(teks: str) -> set[str]:
    return set(_KATA.findall(teks.lower()))


def nilai_kandidat(
    mentee: Pegawai, kandidat: Pegawai, *, beban: int, kata_permintaan: Set[str] = frozenset(),
    kompetensi_memadai: str = "",
) -> SaranMentor | None:
    """Score one candidate (pure: reads loaded objects only). None when not eligible."""
    jenis = jenis_kelayakan(mentee, kandidat)
    if not jenis:
        return None
    skor, alasan = 0, []
    if kompetensi_memadai:
        skor += BOBOT["kompetensi"]
        alasan.append(kompetensi_memadai)
    profil = _profil(kandidat)
    if profil is not None and profil.aktif:
        if profil.bersertifikat:
            skor += BOBOT["sertifikasi"]
            alasan.append(f"{profil.get_sertifikasi_display().lower()}")
        else:
            skor += BOBOT["terdaftar"]
            alasan.append("mentor terdaftar")
        if kata_permintaan & _kata(profil.bidang):
            skor += BOBOT["bidang"]
            alasan.append(f"bidang keahlian sesuai: {profil.bidang}")
    for j in (Jenis.ATASAN, Jenis.ATASAN_ATASAN, Jenis.SETINGKAT):
        if j in jenis:
            skor += BOBOT[j]
            alasan.append(j)
    if mentee.jabatan.rumpun and kandidat.jabatan.rumpun == mentee.jabatan.rumpun:
        skor += BOBOT["rumpun"]
        alasan.append("rumpun jabatan sama")
        if Jenis.SESAMA in jenis and Jenis.ATASAN not in jenis:
            skor += BOBOT[Jenis.SESAMA]
            alasan.append(Jenis.SESAMA)
    if kandidat.opd_id == mentee.opd_id:
        skor += BOBOT["opd"]
        alasan.append("satu perangkat daerah")
    kapasitas = profil.kapasitas if profil is not None else KAPASITAS_BAWAAN
    if beban >= kapasitas:
        skor += BOBOT["penuh"]
        alasan.append(f"kapasitas penuh: {beban} dari {kapasitas} mentee")
    else:
        skor += round(BOBOT["kapasitas"] * (kapasitas - beban) / max(kapasitas, 1))
        alasan.append(f"beban: {beban} dari {kapasitas} mentee")
    return SaranMentor(pegawai=kandidat, skor=skor, alasan=alasan, jenis=jenis, beban=beban, kapasitas=kapasitas)


def nilai_daftar(mentee: Pegawai, kandidat: Iterable[Pegawai], *, teks: str = "",
                 kompetensi=None, memadai: dict[int, str] | None = None) -> list[SaranMentor]:
    """Score a list of already-loaded candidates (e.g. one page of search results) in a fixed
    number of queries (the load, and the competency levels)."""
    kandidat = list(kandidat)
    beban = beban_mentor(p.pk for p in kandidat)
    if memadai is None:
        memadai = kompetensi_memadai(mentee, kompetensi) if kandidat else {}
    kata = _kata(teks)
    hasil = []
    for p in kandidat:
        s = nilai_kandidat(mentee, p, beban=beban.get(p.pk, 0), kata_permintaan=kata,
                           kompetensi_memadai=memadai.get(p.pk, ""))
        if s is not None:
            hasil.append(s)
    return hasil


def saran_mentor(mentee: Pegawai, *, teks: str = "", kecuali: Iterable[int] = (), batas: int | None = None,
                 kompetensi=None, memadai: dict[int, str] | None = None) -> list[SaranMentor]:
    """Eligible mentors of `mentee` ranked by fit, each with the reasons shown to the employee.
    `teks` (topic + gap) is matched against registered mentors' fields; `kecuali` drops ids
    (e.g. the mentor who did not answer); `memadai` reuses a `kompetensi_memadai` result.
    Constant query count."""
    kandidat = mentor_layak(mentee).exclude(pk__in=list(kecuali))
    hasil = nilai_daftar(mentee, kandidat, teks=teks, kompetensi=kompetensi, memadai=memadai)
    hasil.sort(key=lambda s: (-s.skor, s.pegawai.nama, s.pegawai.pk))
    return hasil[:batas] if batas else hasil


def kompetensi_memadai(mentee: Pegawai, kompetensi=None) -> dict[int, str]:
    """{employee id: reason} of those whose latest assessed level meets the level the mentee's
    position requires (`bangkom.kompetensi.selectors.calon_mentor`): in `kompetensi` when given,
    otherwise in any competency where the mentee has a gap."""
    hasil: dict[int, str] = {}
    for c in calon_mentor(mentee=mentee, kompetensi=kompetensi):
        hasil.setdefault(c.pegawai.pk, f"level {c.kompetensi.nama} {c.level} (dibutuhkan {c.level_dibutuhkan})")
    return hasil
