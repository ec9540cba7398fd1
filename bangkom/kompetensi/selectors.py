"""Reads for competencies. Bulk functions take a queryset of employees already scoped by the
access module (`pegawai_terlihat`) and run a constant number of queries whatever its size."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from bangkom.pegawai.models import Jabatan, Pegawai, PerangkatDaerah, UnitKerja
from jp_conversion.models import Kegiatan, RekapTahunan, TargetJP

from .kesenjangan import Butir, bandingkan
from .models import (
    BarisRencana,
    DialogKesenjangan,
    Kompetensi,
    LevelKompetensi,
    PenilaianKompetensi,
    RencanaPengembangan,
    StandarKompetensi,
)

TARGET_BAWAAN = Decimal("20")


# --- dictionary and standards -------------------------------------------------------------------
def kompetensi_daftar(*, q: str = "", jenis: str = "") -> QuerySet[Kompetensi]:
    qs = Kompetensi.objects.annotate(jumlah_standar=Count("standar"))
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(kode__icontains=q) | Q(rumpun__icontains=q))
    if jenis:
        qs = qs.filter(jenis=jenis)
    return qs.order_by("jenis", "urutan", "nama")


def kompetensi_dengan_level() -> QuerySet[Kompetensi]:
    return Kompetensi.objects.prefetch_related(Prefetch("level", queryset=LevelKompetensi.objects.order_by("level")))


def jabatan_daftar(*, q: str = "") -> QuerySet[Jabatan]:
    qs = Jabatan.objects.annotate(jumlah_standar=Count("standar_kompetensi"))
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(kode__icontains=q) | Q(rumpun__icontains=q))
    return qs.order_by("nama")


def standar_per_jabatan(jabatan_ids: Iterable[int]) -> dict[int, dict[Kompetensi, int]]:
    """{jabatan_id: {Kompetensi: required level}} in dictionary order, one query."""
    hasil: dict[int, dict[Kompetensi, int]] = defaultdict(dict)
    qs = (
        StandarKompetensi.objects.filter(jabatan_id__in=set(jabatan_ids), kompetensi__aktif=True)
        .select_related("kompetensi")
        .order_by("kompetensi__jenis", "kompetensi__urutan", "kompetensi__nama")
    )
    for s in qs:
        hasil[s.jabatan_id][s.kompetensi] = s.level_standar
    return hasil


# --- assessments and gaps -----------------------------------------------------------------------
def penilaian_terkini(
    pegawai_ids: Iterable[int], *, kompetensi_ids: Iterable[int] | None = None, per_tanggal: date | None = None
) -> dict[tuple[int, int], PenilaianKompetensi]:
    """{(pegawai_id, kompetensi_id): the latest assessment} — latest by date, then by entry order.
    `per_tanggal` ignores assessments after that day (the state at the end of a year)."""
    qs = PenilaianKompetensi.objects.filter(pegawai_id__in=set(pegawai_ids))
    if kompetensi_ids is not None:
        qs = qs.filter(kompetensi_id__in=set(kompetensi_ids))
    if per_tanggal is not None:
        qs = qs.filter(tanggal__lte=per_tanggal)
    terkini = {}
    for p in qs.select_related("penilai").order_by("tanggal", "pk"):
        terkini[(p.pegawai_id, p.kompetensi_id)] = p  # later rows overwrite earlier ones
    return terkini


@dataclass
class KesenjanganPegawai:
    pegawai: Pegawai
    butir: list[Butir]  # every competency of the standard
    penilaian: dict[int, PenilaianKompetensi] = field(default_factory=dict)  # by kompetensi_id

    @property
    def kesenjangan(self) -> list[Butir]:
        return [b for b in self.butir if b.selisih > 0]

    @property
    def belum_dinilai(self) -> list[Butir]:
        return [b for b in self.butir if b.saat_ini is None]

    @property
    def total_selisih(self) -> int:
        return sum(b.selisih for b in self.butir)


def kesenjangan_untuk(qs_pegawai: QuerySet[Pegawai], *, per_tanggal: date | None = None) -> list[KesenjanganPegawai]:
    """The standard-vs-current comparison for every employee of the queryset (3 queries)."""
    daftar = list(qs_pegawai.select_related("jabatan", "opd", "unit"))
    standar = standar_per_jabatan(p.jabatan_id for p in daftar)
    per_pegawai: dict[int, dict[int, PenilaianKompetensi]] = defaultdict(dict)
    for (pid, kid), pen in penilaian_terkini((p.pk for p in daftar), per_tanggal=per_tanggal).items():
        per_pegawai[pid][kid] = pen
    hasil = []
    for p in daftar:
        std = standar.get(p.jabatan_id, {})
        milik = per_pegawai.get(p.pk, {})
        saat_ini = {k: milik[k.pk].level for k in std if k.pk in milik}
        hasil.append(KesenjanganPegawai(pegawai=p, butir=bandingkan(std, saat_ini), penilaian=milik))
    return hasil


def kesenjangan_pegawai(pegawai: Pegawai, *, per_tanggal: date | None = None) -> KesenjanganPegawai:
    return kesenjangan_untuk(Pegawai.objects.filter(pk=pegawai.pk), per_tanggal=per_tanggal)[0]


def riwayat_penilaian(pegawai: Pegawai) -> QuerySet[PenilaianKompetensi]:
    return pegawai.penilaian_kompetensi.select_related("kompetensi", "penilai").order_by("-tanggal", "-pk")


def dialog_pegawai(pegawai: Pegawai, tahun: int) -> dict[int, DialogKesenjangan]:
    """{kompetensi_id: dialog} of one employee-year."""
    qs = DialogKesenjangan.objects.filter(pegawai=pegawai, tahun=tahun).select_related("dikonfirmasi_atasan")
    return {d.kompetensi_id: d for d in qs}


def tim_daftar(*, qs_pegawai: QuerySet[Pegawai], q: str = "") -> QuerySet[Pegawai]:
    qs = qs_pegawai.filter(aktif=True).select_related("jabatan", "opd", "unit")
    if q:
        qs = qs.filter(Q(nama__icontains=q) | Q(nip__startswith=q.strip()))
    return qs.order_by("opd__nama", "nama")


# --- mentor suggestions (used by mentoring, issue C) ------------------------------------------
@dataclass(frozen=True)
class CalonMentor:
    pegawai: Pegawai
    kompetensi: Kompetensi
    level: int  # the candidate's latest assessed level
    level_dibutuhkan: int  # the level the mentee's position requires
    terdaftar: bool  # has an active registered mentor profile


def calon_mentor(*, mentee: Pegawai, kompetensi: Kompetensi | None = None) -> list[CalonMentor]:
    """Employees who could mentor `mentee` in a competency: active employees (not the mentee)
    whose latest assessed level in it is at or above the level the mentee's position standard
    requires.

    - `kompetensi` given: only that competency; a competency outside the mentee's standard
      gives [] (no required level to measure against).
    - `kompetensi` None: every competency in which the mentee currently has a gap.
    Sorted by competency, then registered mentors first, higher level first, then name. Not
    scoped by the caller's access: a mentor may come from any OPD (RULES §4); show only the
    name, position and level to the mentee. Four queries whatever the number of candidates.
    """
    std = standar_per_jabatan([mentee.jabatan_id]).get(mentee.jabatan_id, {})
    if kompetensi is not None:
        dibutuhkan = {k: lv for k, lv in std.items() if k.pk == kompetensi.pk}
    else:
        kini = penilaian_terkini([mentee.pk], kompetensi_ids=[k.pk for k in std])
        saat_ini = {k: kini[(mentee.pk, k.pk)].level for k in std if (mentee.pk, k.pk) in kini}
        dibutuhkan = {b.kompetensi: b.standar for b in bandingkan(std, saat_ini) if b.selisih > 0}
    if not dibutuhkan:
        return []
    per_id = {k.pk: (k, lv) for k, lv in dibutuhkan.items()}
    level_terkini: dict[tuple[int, int], int] = {}
    baris = (
        PenilaianKompetensi.objects.filter(kompetensi_id__in=per_id, pegawai__aktif=True)
        .exclude(pegawai_id=mentee.pk)
        .order_by("tanggal", "pk")
        .values_list("pegawai_id", "kompetensi_id", "level")
    )
    for pid, kid, level in baris:
        level_terkini[(pid, kid)] = level
    cocok = {key: lv for key, lv in level_terkini.items() if lv >= per_id[key[1]][1]}
    orang = {
        p.pk: p
        for p in Pegawai.objects.filter(pk__in={pid for pid, _ in cocok}).select_related(
            "jabatan", "opd", "unit", "profil_mentor"
        )
    }
    hasil = []
    for (pid, kid), level in cocok.items():
        p = orang[pid]
        profil = getattr(p, "profil_mentor", None)
        k, butuh = per_id[kid]
        hasil.append(CalonMentor(pegawai=p, kompetensi=k, level=level, level_dibutuhkan=butuh,
                                 terdaftar=bool(profil and profil.aktif)))
    hasil.sort(key=lambda c: (c.kompetensi.urutan, c.kompetensi.nama, not c.terdaftar, -c.level, c.pegawai.nama))
    return hasil


# --- the development plan ----------------------------------------------------------------------
@dataclass
class CapaianBaris:
    baris: BarisRencana
    jp_tercapai: Decimal


@dataclass
class ProgresRencana:
    rencana: RencanaPengembangan | None
    baris: list[CapaianBaris]
    kegiatan: list[Kegiatan]  # counted activities of the plan's forms, that year
    target: Decimal
    jp_tahun_ini: Decimal  # every counted JP of the year (the ledger's yearly recap)

    @property
    def jp_direncanakan(self) -> Decimal:
        return sum((c.baris.jp_direncanakan for c in self.baris), Decimal("0"))

    @property
    def jp_tercapai(self) -> Decimal:
        return sum((c.jp_tercapai for c in self.baris), Decimal("0"))

    @property
    def rencana_memenuhi_target(self) -> bool:
        return self.jp_direncanakan >= self.target

    @property
    def kurang_rencana(self) -> Decimal:
        return max(self.target - self.jp_direncanakan, Decimal("0"))

    @property
    def persen_tercapai(self) -> int:
        if not self.jp_direncanakan:
            return 0
        return min(int(self.jp_tercapai * 100 / self.jp_direncanakan), 100)


def alokasi_capaian(baris: list[BarisRencana], capaian_per_bentuk: dict[str, Decimal]) -> list[CapaianBaris]:
    """Share the counted JP of each form among the plan lines of that form, earliest month first,
    each up to its planned JP; what is left goes to the last line of the form, so no achieved JP
    is hidden."""
    sisa = dict(capaian_per_bentuk)
    terakhir = {b.bentuk: b.pk for b in baris}
    hasil = []
    for b in baris:
        tersedia = sisa.get(b.bentuk, Decimal("0"))
        ambil = tersedia if terakhir[b.bentuk] == b.pk else min(tersedia, b.jp_direncanakan)
        sisa[b.bentuk] = tersedia - ambil
        hasil.append(CapaianBaris(baris=b, jp_tercapai=ambil))
    return hasil


def target_jp(pegawai: Pegawai, tahun: int) -> Decimal:
    t = TargetJP.objects.filter(tahun=tahun, jenis_asn=pegawai.jenis_asn).values_list("target", flat=True).first()
    return t if t is not None else TARGET_BAWAAN


def progres_rencana(pegawai: Pegawai, tahun: int) -> ProgresRencana:
    """Planned vs achieved: plan lines matched to the employee's counted activities of the same
    year and form in the JP ledger."""
    rencana = (
        RencanaPengembangan.objects.filter(pegawai=pegawai, tahun=tahun)
        .prefetch_related(Prefetch("baris", queryset=BarisRencana.objects.select_related("kompetensi", "dialog")))
        .first()
    )
    baris = list(rencana.baris.all()) if rencana else []
    bentuk = {b.bentuk for b in baris}
    kegiatan = list(
        Kegiatan.objects.filter(pegawai=pegawai, tahun=tahun, dihitung=True, jenis__in=bentuk).order_by("tanggal")
    )
    capaian: dict[str, Decimal] = defaultdict(Decimal)
    for k in kegiatan:
        capaian[k.jenis] += k.jp
    rekap = RekapTahunan.objects.filter(pegawai=pegawai, tahun=tahun).values_list("total", flat=True).first()
    return ProgresRencana(
        rencana=rencana, baris=alokasi_capaian(baris, capaian), kegiatan=kegiatan,
        target=target_jp(pegawai, tahun), jp_tahun_ini=rekap or Decimal("0"),
    )


# --- the gap map per OPD -----------------------------------------------------------------------
@dataclass
class SelPeta:
    dinilai: int = 0  # employees with a standard for this competency and an assessment
    di_bawah: int = 0  # of which below the standard
    jumlah_selisih: int = 0
    belum_dinilai: int = 0

    @property
    def rerata(self) -> Decimal | None:
        if not self.di_bawah:
            return None
        return (Decimal(self.jumlah_selisih) / self.di_bawah).quantize(Decimal("0.1"))

    @property
    def proporsi(self) -> float:
        return self.di_bawah / self.dinilai if self.dinilai else 0.0

    @property
    def tingkat(self) -> int:
        """0..4 for the colour scale (0 = no gap)."""
        if not self.di_bawah:
            return 0
        return min(4, 1 + int(self.proporsi * 4))


@dataclass
class PetaKesenjangan:
    opd: PerangkatDaerah
    unit: list[UnitKerja]
    kompetensi: list[Kompetensi]
    sel: dict[tuple[int, int], SelPeta]  # (kompetensi_id, unit_id)
    jumlah_pegawai: int

    def baris(self):
        for k in self.kompetensi:
            yield k, [self.sel.get((k.pk, u.pk), SelPeta()) for u in self.unit]


def peta_kesenjangan(*, opd: PerangkatDaerah, per_tanggal: date | None = None) -> PetaKesenjangan:
    """Competencies × units of one OPD: how many employees are below standard and the mean gap."""
    qs = Pegawai.objects.filter(opd=opd, aktif=True)
    data = kesenjangan_untuk(qs, per_tanggal=per_tanggal)
    sel: dict[tuple[int, int], SelPeta] = defaultdict(SelPeta)
    kompetensi: dict[int, Kompetensi] = {}
    unit: dict[int, UnitKerja] = {}
    for kp in data:
        unit[kp.pegawai.unit_id] = kp.pegawai.unit
        for b in kp.butir:
            kompetensi[b.kompetensi.pk] = b.kompetensi
            s = sel[(b.kompetensi.pk, kp.pegawai.unit_id)]
            if b.saat_ini is None:
                s.belum_dinilai += 1
                continue
            s.dinilai += 1
            if b.selisih > 0:
                s.di_bawah += 1
                s.jumlah_selisih += b.selisih
    return PetaKesenjangan(
        opd=opd,
        unit=sorted(unit.values(), key=lambda u: u.nama),
        kompetensi=sorted(kompetensi.values(), key=lambda k: (k.jenis, k.urutan, k.nama)),
        sel=dict(sel),
        jumlah_pegawai=len(data),
    )
