"""Reads for competencies. Bulk functions take a queryset of employees already scoped by the
access module (`pegawai_terlihat`) and run a constant number of queries whatever its size."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet

from bangkom.pegawai.models import Jabatan, Pegawai, PerangkatDaerah, UnitKerja
from bangkom.pegawai.selectors import cari_pegawai
from jp_conversion.models import Kegiatan, RekapTahunan
from jp_conversion.target import target_untuk

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


def tim_daftar(*, user, qs_pegawai: QuerySet[Pegawai], q: str = "") -> QuerySet[Pegawai]:
    qs = qs_pegawai.filter(aktif=True).select_related("jabatan", "opd", "unit")
    if q:
        qs = qs.filter(cari_pegawai(user, q))
    return qs.order_by("opd__nama", "nama")


# --- mentor suggestions (used by mentoring) ---------------------------------------------------
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


def progres_rencana(pegawai: Pegawai, tahun: int) -> ProgresRencana:
    """Planned vs achieved: plan lines matched to the employee's counted activities of the same
    year and form in the JP ledger."""
    rencana = (
        RencanaPengembangan.objects.filter(pegawai=pegawai, tahun=tahun)
        .prefetch_related(
            Prefetch("baris", queryset=BarisRencana.objects.select_related("kompetensi", "dialog", "iku"))
        )
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
        target=target_untuk(tahun=tahun, jenis_asn=pegawai.jenis_asn), jp_tahun_ini=rekap or Decimal("0"),
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

    @property
    def persen_di_bawah(self) -> Decimal:
        return (Decimal(self.di_bawah) * 100 / self.dinilai).quantize(Decimal("0.1")) if self.dinilai else Decimal(0)

    def tambah(self, b: Butir) -> None:
        """Count one employee's comparison for this competency."""
        if b.saat_ini is None:
            self.belum_dinilai += 1
            return
        self.dinilai += 1
        if b.selisih > 0:
            self.di_bawah += 1
            self.jumlah_selisih += b.selisih


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
            sel[(b.kompetensi.pk, kp.pegawai.unit_id)].tambah(b)
    return PetaKesenjangan(
        opd=opd,
        unit=sorted(unit.values(), key=lambda u: u.nama),
        kompetensi=sorted(kompetensi.values(), key=lambda k: (k.jenis, k.urutan, k.nama)),
        sel=dict(sel),
        jumlah_pegawai=len(data),
    )


def ringkasan_kesenjangan(
    qs_pegawai: QuerySet[Pegawai], *, per_tanggal: date | None = None
) -> list[tuple[Kompetensi, SelPeta]]:
    """The gap map folded to one cell per competency over many employees, the competency with most
    employees below standard first. The same comparison as `peta_kesenjangan` (the tests hold them
    equal), computed in the database by `kesenjangan_per_opd`. Two queries whatever the number of
    employees."""
    return ringkasan_dari_baris(kesenjangan_per_opd(qs_pegawai, per_tanggal=per_tanggal))


def ringkasan_dari_baris(baris: Iterable[tuple[int, int, int, int, int, int]]) -> list[tuple[Kompetensi, SelPeta]]:
    """Fold (opd_id, kompetensi_id, required, assessed, below, gap sum) rows — live or from the
    province summary — into one cell per competency, sorted as the dashboard lists them (one query)."""
    jumlah: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for _opd, kompetensi_id, *angka in baris:
        for i, n in enumerate(angka):
            jumlah[kompetensi_id][i] += int(n)
    sel = {
        k: SelPeta(dinilai=dinilai, di_bawah=di_bawah, jumlah_selisih=selisih, belum_dinilai=wajib - dinilai)
        for k, (wajib, dinilai, di_bawah, selisih) in jumlah.items()
    }
    kompetensi = Kompetensi.objects.in_bulk(list(sel))
    return sorted(
        ((kompetensi[k], s) for k, s in sel.items()),
        key=lambda ks: (-ks[1].di_bawah, ks[0].jenis, ks[0].urutan, ks[0].nama),
    )


def kesenjangan_per_opd(
    qs_pegawai: QuerySet[Pegawai], *, per_tanggal: date | None = None
) -> list[tuple[int, int, int, int, int, int]]:
    """(opd_id, kompetensi_id, employees required to hold it, assessed, below standard, sum of the
    gaps) over the active employees, in one query: the latest assessment by a window function, the
    comparison with the position standard by one GROUP BY (building an object per employee and
    competency takes ~0.4 s for 20,000 employees)."""
    pegawai_sql, pegawai_param = (
        qs_pegawai.filter(aktif=True).order_by().values("pk", "jabatan_id", "opd_id").query.sql_with_params()
    )
    batas_tanggal, batas_param = ("AND tanggal <= %s", [per_tanggal]) if per_tanggal is not None else ("", [])
    penilaian = PenilaianKompetensi._meta.db_table
    standar = StandarKompetensi._meta.db_table
    kamus = Kompetensi._meta.db_table
    # Employees required to hold each competency are counted per position first (a handful of rows);
    # only assessed pairs are then compared with the standard.
    sql = f"""
        WITH pg(id, jabatan_id, opd_id) AS ({pegawai_sql}),
        terkini AS (
            SELECT pegawai_id, kompetensi_id, level,
                   ROW_NUMBER() OVER (PARTITION BY pegawai_id, kompetensi_id ORDER BY tanggal DESC, id DESC) AS urutan
            FROM {penilaian} WHERE pegawai_id IN (SELECT id FROM pg) {batas_tanggal}
        ),
        wajib AS (
            SELECT j.opd_id, s.kompetensi_id, SUM(j.n) AS n
            FROM (SELECT opd_id, jabatan_id, COUNT(*) AS n FROM pg GROUP BY opd_id, jabatan_id) j
            JOIN {standar} s ON s.jabatan_id = j.jabatan_id
            JOIN {kamus} k ON k.id = s.kompetensi_id AND k.aktif
            GROUP BY j.opd_id, s.kompetensi_id
        ),
        dinilai AS (
            SELECT pg.opd_id, s.kompetensi_id, COUNT(*) AS n,
                   SUM(CASE WHEN t.level < s.level_standar THEN 1 ELSE 0 END) AS di_bawah,
                   SUM(CASE WHEN t.level < s.level_standar THEN s.level_standar - t.level ELSE 0 END) AS selisih
            FROM terkini t
            JOIN pg ON pg.id = t.pegawai_id
            JOIN {standar} s ON s.jabatan_id = pg.jabatan_id AND s.kompetensi_id = t.kompetensi_id
            WHERE t.urutan = 1
            GROUP BY pg.opd_id, s.kompetensi_id
        )
        SELECT w.opd_id, w.kompetensi_id, w.n, COALESCE(d.n, 0), COALESCE(d.di_bawah, 0), COALESCE(d.selisih, 0)
        FROM wajib w LEFT JOIN dinilai d ON d.opd_id = w.opd_id AND d.kompetensi_id = w.kompetensi_id
    """
    with connection.cursor() as c:
        c.execute(sql, [*pegawai_param, *batas_param])
        return [tuple(int(x) for x in b) for b in c.fetchall()]  # type: ignore[misc]
