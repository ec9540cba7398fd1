"""The JP conversion table (CONVERSION.md) and its row types: pure data, standard library only.
`jp_conversion.rules` (the engine) reads it and re-exports every public name, so callers keep
importing from `rules`. Edit a cell here, never in the engine."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType

NASIONAL = "nasional"
INTERNASIONAL = "internasional"
SCOPES = (NASIONAL, INTERNASIONAL)

KLASIKAL = "klasikal"
NONKLASIKAL = "nonklasikal"
KELOMPOK = {KLASIKAL: "Klasikal", NONKLASIKAL: "Non-klasikal"}

# The 10:20:70 learning model (Panduan Langsa; RULES §2): the class of each form.
KELAS_10 = "10"  # structured learning: classroom, courses (also online and at a distance)
KELAS_20 = "20"  # learning with colleagues: coaching, mentoring, guidance, communities of practice
KELAS_70 = "70"  # learning from experience: self-study, internship, secondment, on-the-job forms
KELAS = {
    KELAS_10: "10% klasikal/terstruktur",
    KELAS_20: "20% bersama kolega",
    KELAS_70: "70% belajar sambil bekerja",
}

# Units of a form.
SESI = "sesi"  # one session, fixed value, usually with a monthly cap
JP = "jp"  # as the programme's / studied JP (Activity.jp), optionally with a daily cap
HARI = "hari"  # one day, fixed value
KEGIATAN = "kegiatan"  # one activity, fixed value
SEMESTER = "semester"  # one semester, fixed value
UNITS = (SESI, JP, HARI, KEGIATAN, SEMESTER)


@dataclass(frozen=True)
class Form:
    """One row of the conversion table (CONVERSION.md).

    - ``nasional``: JP per unit; ``None`` = as the programme's / studied JP (``Activity.jp``).
    - ``internasional``: fixed JP per unit for an international activity, or ``None``.
    - ``bonus_internasional``: percentage added for an international activity (e.g. 20), or ``None``.
      Both ``None`` = no separate international value: counted at the national value (decision 6).
    - ``sesi_per_bulan``: at most this many sessions counted per calendar month (unit ``sesi``).
    - ``jp_per_hari``: at most this many JP counted per calendar day, before the bonus (unit ``jp``).
    - ``kelas``: the 10:20:70 class (``KELAS_10``, ``KELAS_20``, ``KELAS_70``); required.
    - ``kali_per_tahun``: at most this many activities counted per calendar year (magang: once).
    """

    kind: str
    label: str
    kelompok: str
    unit: str
    nasional: Decimal | None
    internasional: Decimal | None = None
    bonus_internasional: Decimal | None = None
    sesi_per_bulan: int | None = None
    jp_per_hari: Decimal | None = None
    keyakinan: str = ""
    sumber: str = ""
    kelas: str = ""
    kali_per_tahun: int | None = None

    def __post_init__(self) -> None:
        if self.kelompok not in KELOMPOK:
            raise ValueError(f"{self.kind}: kelompok tidak dikenal: {self.kelompok!r}")
        if self.kelas not in KELAS:
            raise ValueError(f"{self.kind}: kelas 10:20:70 tidak dikenal: {self.kelas!r}")
        if self.kali_per_tahun is not None and (self.unit not in (HARI, KEGIATAN) or self.kali_per_tahun < 1):
            raise ValueError(f"{self.kind}: batas per tahun hanya untuk satuan 'hari' atau 'kegiatan', minimal 1")
        if self.unit not in UNITS:
            raise ValueError(f"{self.kind}: satuan tidak dikenal: {self.unit!r}")
        if (self.unit == JP) != (self.nasional is None):
            raise ValueError(f"{self.kind}: hanya satuan 'jp' yang dihitung sesuai JP program")
        if self.internasional is not None and self.bonus_internasional is not None:
            raise ValueError(f"{self.kind}: pilih nilai internasional tetap ATAU persentase tambahan")
        if self.internasional is not None and self.nasional is None:
            raise ValueError(f"{self.kind}: nilai internasional tetap butuh nilai nasional tetap")
        if self.sesi_per_bulan is not None and self.unit != SESI:
            raise ValueError(f"{self.kind}: batas per bulan hanya untuk satuan 'sesi'")
        if self.jp_per_hari is not None and self.unit != JP:
            raise ValueError(f"{self.kind}: batas JP per hari hanya untuk satuan 'jp'")

    @property
    def nama(self) -> str:
        """The label as used inside a sentence ("Belajar mandiri" -> "belajar mandiri")."""
        return self.label[:1].lower() + self.label[1:]


@dataclass(frozen=True)
class RuleSet:
    """A version of the conversion table, in force from ``berlaku_mulai`` (inclusive)."""

    version: str
    berlaku_mulai: date
    forms: Mapping[str, Form] = field(repr=False)


# --------------------------------------------------------------------------------------------------
# The table (CONVERSION.md). Edit a cell here, never in the code below.
# --------------------------------------------------------------------------------------------------
def _d(value: str) -> Decimal:
    return Decimal(value)


_SUMBER_TIGA = "Lampiran Perlan 10/2018 via tiga salinan sekunder (CONVERSION.md)"

_SUMBER_PASAL = "Perlan 10/2018 pasal 28 ayat 2 dan pasal 29 ayat 2, dikutip studi BPSDM Malut"

# Every row: form, label, kelompok (klasikal / non-klasikal, Perlan 10/2018 pasal 28-29), unit, values,
# confidence, source, and ``kelas`` (the 10:20:70 class, decision: RULES §3). A BPSDM that reads the
# official appendix differently corrects the cell here (one row = one form) and runs `recompute_jp`.
_PERLAN_10_2018 = (
    # --- non-klasikal -----------------------------------------------------------------------------
    Form("coaching", "Coaching", NONKLASIKAL, SESI, _d("2"), internasional=_d("4"), sesi_per_bulan=2,
         keyakinan="✓", sumber=f"{_SUMBER_TIGA}; Panduan Langsa", kelas=KELAS_20),
    Form("mentoring", "Mentoring", NONKLASIKAL, SESI, _d("2"), internasional=_d("4"), sesi_per_bulan=2,
         keyakinan="✓", sumber=f"{_SUMBER_TIGA}; Panduan Langsa", kelas=KELAS_20),
    Form("belajar_mandiri", "Belajar mandiri", NONKLASIKAL, JP, None, bonus_internasional=_d("20"),
         jp_per_hari=_d("2"), keyakinan="✓", sumber=f"{_SUMBER_TIGA}; Panduan Langsa", kelas=KELAS_70),
    Form("bimbingan_di_tempat_kerja", "Bimbingan di tempat kerja", NONKLASIKAL, SESI, _d("2"),
         bonus_internasional=_d("20"), sesi_per_bulan=2, keyakinan="satu sumber",
         sumber="Satu salinan: 1 sesi = 2 JP, maks. 2 sesi/bulan; internasional +20% (decision: dari nilai"
                " sesi, 2,40 JP)", kelas=KELAS_20),
    Form("e_learning", "E-learning", NONKLASIKAL, JP, None, jp_per_hari=_d("3"),
         keyakinan="sumber berbeda",
         sumber="Sesuai JP yang diakses, maks. 3 JP/hari; internasional: dua sumber 3 JP/hari, satu sumber"
                " 4 JP/hari (decision: 3 JP/hari, tanpa tambahan)", kelas=KELAS_10),
    Form("pelatihan_jarak_jauh", "Pelatihan jarak jauh", NONKLASIKAL, JP, None,
         bonus_internasional=_d("20"), keyakinan="✓", sumber=_SUMBER_TIGA, kelas=KELAS_10),
    Form("detasering", "Detasering", NONKLASIKAL, KEGIATAN, _d("20"), internasional=_d("24"),
         keyakinan="sumber berbeda",
         sumber="1 kegiatan = 20 JP; internasional: '+20% JP program' atau 24 JP (decision: 24 JP = 20 JP"
                " + 20%)", kelas=KELAS_70),
    Form("outbound", "Pembelajaran alam terbuka (outbound)", NONKLASIKAL, JP, None,
         bonus_internasional=_d("20"), keyakinan="✓", sumber=_SUMBER_TIGA, kelas=KELAS_70),
    Form("benchmarking", "Patok banding (benchmarking)", NONKLASIKAL, KEGIATAN, _d("10"),
         internasional=_d("20"), keyakinan="satu sumber", sumber="Satu salinan lampiran", kelas=KELAS_70),
    Form("pertukaran_pns", "Pertukaran PNS dengan swasta/BUMN/BUMD", NONKLASIKAL, KEGIATAN, _d("20"),
         internasional=_d("24"), keyakinan="✓", sumber=_SUMBER_TIGA, kelas=KELAS_70),
    Form("komunitas_belajar", "Komunitas belajar", NONKLASIKAL, JP, None, bonus_internasional=_d("20"),
         jp_per_hari=_d("2"), keyakinan="✓", sumber=_SUMBER_TIGA, kelas=KELAS_20),
    Form("magang", "Magang / praktik kerja", NONKLASIKAL, KEGIATAN, _d("20"), internasional=_d("24"),
         keyakinan="✓", sumber=f"{_SUMBER_TIGA}; sekali setahun: studi BPSDM Malut ('satu kali dalam satu"
                               " tahun')", kelas=KELAS_70, kali_per_tahun=1),
    Form("tugas_belajar", "Tugas belajar / izin belajar", NONKLASIKAL, SEMESTER, _d("20"),
         keyakinan="satu sumber", sumber="Satu salinan: 1 semester = 20 JP; tanpa nilai internasional",
         kelas=KELAS_10),
    Form("nonklasikal_lainnya", "Pelatihan nonklasikal lainnya", NONKLASIKAL, JP, None,
         bonus_internasional=_d("20"), keyakinan="tanpa nilai di sumber",
         sumber=f"{_SUMBER_PASAL} ('jalur lain' nonklasikal); nilai tidak ada di salinan lampiran (decision:"
                " sesuai JP program, internasional +20% seperti pelatihan jarak jauh)", kelas=KELAS_70),
    # --- klasikal ---------------------------------------------------------------------------------
    Form("pelatihan_struktural", "Pelatihan struktural kepemimpinan", KLASIKAL, JP, None,
         keyakinan="✓", sumber=f"{_SUMBER_TIGA}; tanpa nilai internasional", kelas=KELAS_10),
    Form("pelatihan", "Pelatihan manajerial/teknis/fungsional/sosial kultural", KLASIKAL, JP, None,
         bonus_internasional=_d("20"), keyakinan="✓", sumber=_SUMBER_TIGA, kelas=KELAS_10),
    Form("seminar", "Seminar/konferensi/sarasehan", KLASIKAL, HARI, _d("4"), internasional=_d("6"),
         keyakinan="✓", sumber=_SUMBER_TIGA, kelas=KELAS_10),
    Form("workshop", "Workshop/lokakarya", KLASIKAL, HARI, _d("5"), internasional=_d("7"),
         keyakinan="✓", sumber=_SUMBER_TIGA, kelas=KELAS_10),
    Form("kursus", "Kursus/penataran/bimbingan teknis", KLASIKAL, JP, None, bonus_internasional=_d("20"),
         keyakinan="satu sumber", sumber="Satu salinan: sesuai JP yang diikuti; internasional +20%",
         kelas=KELAS_10),
    Form("sosialisasi", "Sosialisasi", KLASIKAL, HARI, _d("4"), internasional=_d("6"),
         keyakinan="satu sumber", sumber="Satu salinan lampiran", kelas=KELAS_10),
    Form("pelatihan_kantor_sendiri", "Pelatihan Kantor Sendiri (PKS)", KLASIKAL, JP, None,
         keyakinan="tanpa nilai di sumber",
         sumber=f"{_SUMBER_PASAL}; nilai tidak ada di salinan lampiran (decision: sesuai JP program; tanpa"
                " nilai internasional, pelatihan di kantor sendiri)", kelas=KELAS_10),
    Form("klasikal_lainnya", "Pelatihan klasikal lainnya", KLASIKAL, JP, None, bonus_internasional=_d("20"),
         keyakinan="tanpa nilai di sumber",
         sumber=f"{_SUMBER_PASAL} ('jalur lain' klasikal); nilai tidak ada di salinan lampiran (decision:"
                " sesuai JP program, internasional +20% seperti pelatihan)", kelas=KELAS_10),
)

RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet(
        version="perlan-10-2018",
        berlaku_mulai=date(2018, 1, 1),
        forms=MappingProxyType({f.kind: f for f in _PERLAN_10_2018}),
    ),
)

#: The forms of the newest rule set, in table order (for UI lists).
FORMS: Mapping[str, Form] = RULE_SETS[-1].forms

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)


def _as_day(day: object) -> date:
    if isinstance(day, datetime):
        return day.date()
    if isinstance(day, date):
        return day
    raise ValueError(f"Tanggal kegiatan tidak valid: {day!r}.")


# --- look-ups in the table ---------------------------------------------------------------------
def _sorted_rule_sets(rule_sets: Sequence[RuleSet]) -> list[RuleSet]:
    if not rule_sets:
        raise ValueError("Tidak ada aturan konversi JP yang dimuat.")
    ordered = sorted(rule_sets, key=lambda rs: rs.berlaku_mulai)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.berlaku_mulai == b.berlaku_mulai:
            raise ValueError(f"Dua versi aturan berlaku mulai tanggal yang sama: {a.version}, {b.version}")
    return ordered


def _pick(ordered: list[RuleSet], day: date) -> RuleSet:
    starts = [rs.berlaku_mulai for rs in ordered]
    i = bisect.bisect_right(starts, day)
    if i == 0:
        raise ValueError(
            f"Tidak ada aturan konversi JP yang berlaku pada {_tanggal(day)} "
            f"(aturan paling awal berlaku mulai {_tanggal(ordered[0].berlaku_mulai)})."
        )
    return ordered[i - 1]


def rule_set(day: date, rule_sets: Sequence[RuleSet] = RULE_SETS) -> RuleSet:
    """The rule set in force on ``day``: the latest with ``berlaku_mulai <= day``."""
    return _pick(_sorted_rule_sets(rule_sets), _as_day(day))


def versi_aturan(day: date, rule_sets: Sequence[RuleSet] = RULE_SETS) -> str:
    """The version name of the rule set in force on ``day`` (stored by the ledger)."""
    return rule_set(day, rule_sets).version


def form(kind: str, day: date | None = None) -> Form:
    """The row of ``kind`` in the rule set in force on ``day`` (default: the newest rule set)."""
    forms = FORMS if day is None else rule_set(day).forms
    try:
        return forms[kind]
    except KeyError:
        raise ValueError(f"Bentuk pengembangan kompetensi tidak dikenal: {kind!r}.") from None


def label(kind: str) -> str:
    """The Indonesian label of ``kind`` (newest rule set)."""
    return form(kind).label


def kelompok_dan_kelas(kind: str, day: date | None = None) -> tuple[str, str]:
    """(klasikal/non-klasikal, 10:20:70 class) of ``kind`` in the rule set in force on ``day``; an
    unknown kind or a day before the first rule set falls back to the newest rule set, then to
    ("nonklasikal", "70") so a legacy ledger row never breaks a report."""
    try:
        f = form(kind, day)
    except ValueError:
        f = FORMS.get(kind)  # type: ignore[assignment]
    if f is None:
        return NONKLASIKAL, KELAS_70
    return f.kelompok, f.kelas


def semua_jenis(kelompok: str | None = None) -> tuple[str, ...]:
    """Every kind of the newest rule set, in table order; optionally only one ``kelompok``."""
    return tuple(k for k, f in FORMS.items() if kelompok is None or f.kelompok == kelompok)


def nama_bulan(month: int) -> str:
    """Indonesian month name, 1 -> "Januari"."""
    return BULAN[month - 1]


def _tanggal(day: date) -> str:
    return f"{day.day} {nama_bulan(day.month)} {day.year}"
