"""The JP conversion engine: pure Python (standard library only, no Django).

It turns the approved development activities of ONE employee into JP credits (1 JP = 45 minutes).

Sources
-------
- **Perlan 10/2018** (Peraturan LAN No. 10 Tahun 2018 tentang Pengembangan Kompetensi PNS), appendix
  "konversi JP", as quoted by three secondary copies and collected in ``shared/domain/CONVERSION.md``
  (the appendix itself could not be read; each row below carries its confidence and source note).
- **Panduan Langsa** ("Panduan Coaching, Mentoring, dan Belajar Mandiri di Lingkungan Pemerintah Kota
  Langsa"): coaching and mentoring 2 JP a session (4 JP international), at most 2 sessions a month;
  belajar mandiri as studied, at most 2 JP a day, +20% international.
- ``shared/domain/RULES.md`` §3: the readings marked **(decision)**.

Decisions (each one lives in exactly one place below, marked ``(decision)``)
---------------------------------------------------------------------------
1. Caps are per calendar month / calendar day and per form (kind): coaching and mentoring are capped
   separately (RULES §3).
2. When a month holds more sessions than the cap, the earliest count (by date, same-date ties by input
   order); the others get 0 JP, ``counted=False`` and a reason (RULES §3).
3. National and international sessions of one kind share the one monthly cap; counted ones keep their
   own value (RULES §3).
4. A per-day cap (belajar mandiri, komunitas belajar, e-learning) applies to the sum of all logs of that
   form on that day, allocated in input order; the international bonus is applied after the cap, on each
   log's capped amount (RULES §3: "after the daily cap, per day" -- the same thing, the bonus is linear).
5. Rounding: JP are exact decimals; each credit is quantized to 0.01 ROUND_HALF_UP. Inside one capped
   day the credits are rounded *cumulatively* (credit_i = q(S_i) - q(S_i-1), S_i the running exact sum)
   so the day's total is the per-day amount rounded once: it never exceeds the cap (2 JP, 2.40 JP with
   the bonus) however many small logs there are. A single log is simply q(amount).
6. A form without an international value ("–" in the table: pelatihan struktural, tugas belajar) or
   whose international value equals the national one (e-learning) counts an international activity at
   its national value.
7. Forms with a fixed value per unit (sesi, hari, kegiatan, semester) ignore ``Activity.jp``: one
   Activity is one session / one day / one activity / one semester.
8. Rules are versioned by effective date; each activity is converted by the rule set in force on its
   day, and caps count within one rule set (a version starting mid-month starts a fresh count).
9. Values where the sources disagree (CONVERSION.md): e-learning international keeps the 3 JP/day cap
   (one source says 4); detasering international is 24 JP (= 20 JP + 20%, which is also the other
   source's figure); bimbingan di tempat kerja international is the session value + 20% (2.40 JP).
10. One day, one full-day event (RULES §3: "per-day forms count once per employee per date"): the forms
    counted per day or per event (unit ``hari`` or ``kegiatan``: seminar, workshop, sosialisasi, magang,
    detasering, benchmarking, pertukaran PNS) of one employee on one date give ONE credit. The one that
    counts is chosen without looking at input order: the highest JP (the international value when
    international), then the earliest key (ledger keys are record ids, so the earlier record; ints
    before strings before other keys, compared by ``repr``), then the form and the scope. The others get
    0 JP, ``counted=False`` and "tidak dihitung: sudah ada kegiatan sehari penuh (<form>) pada tanggal
    ini". A multi-day programme is one activity (its start date) with the programme's JP; it is not a
    full-day form and is not touched by this rule.
11. At most N a year (``Form.kali_per_tahun``; magang once, BPSDM Malut study "satu kali dalam satu
    tahun"): per form and calendar year, the earliest activity counts (by date, then by key as in
    decision 10, so input order does not matter); the others get 0 JP, ``counted=False`` and "tidak
    dihitung: magang hanya dihitung sekali setahun", and take no part in decision 10 (they do not block
    another full-day event on their date). This runs BEFORE decision 10, so it only looks at the
    capped form: if the counted one then loses its date to another full-day event of higher JP (or an
    equal one with an earlier key), no magang counts that year. Consequence: adding an earlier magang
    moves the yearly count to it and may push a seminar of its date out, so the total can drop.

Consequence worth knowing: with decisions 2-4, adding an activity never lowers the total when all
activities of a kind share one scope, or when it is appended after the others; but an earlier NATIONAL
session (or log earlier in input order) can displace an international one from the cap, so the total
can drop (2 x 4 JP -> 2 + 4 JP). That follows RULES §3 ("earliest count") and is tested as such.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .tabel import (
    FORMS,
    HARI,
    INTERNASIONAL,
    JP,
    KEGIATAN,
    KELAS,
    KELAS_10,
    KELAS_20,
    KELAS_70,
    KELOMPOK,
    KLASIKAL,
    NASIONAL,
    NONKLASIKAL,
    RULE_SETS,
    SCOPES,
    SEMESTER,
    SESI,
    UNITS,
    Form,
    RuleSet,
    _as_day,
    _pick,
    _sorted_rule_sets,
    form,
    kelompok_dan_kelas,
    label,
    nama_bulan,
    rule_set,
    semua_jenis,
    versi_aturan,
)

__all__ = [
    "NASIONAL", "INTERNASIONAL", "SCOPES", "Activity", "Credit", "Form", "RuleSet", "RULE_SETS", "FORMS",
    "convert", "rule_set", "versi_aturan", "form", "label", "semua_jenis", "jp_maksimum_bulan", "nama_bulan",
    "angka", "KLASIKAL", "NONKLASIKAL", "SESI", "JP", "HARI", "KEGIATAN", "SEMESTER", "UNITS", "MENIT_PER_JP",
    "JP_MAKS_SEHARI", "SEHARI_PENUH", "jp_dari_menit", "menit_dari_jp", "KELOMPOK", "KELAS", "KELAS_10",
    "KELAS_20", "KELAS_70", "kelompok_dan_kelas",
]


CENT = Decimal("0.01")
ZERO = Decimal("0.00")


#: (decision 10) units counted per day or per event: one such credit per employee per date.
SEHARI_PENUH = (HARI, KEGIATAN)

MENIT_PER_JP = 45  # RULES §3: one JP (a session in the field studies) is 45 minutes
JP_MAKS_SEHARI = Decimal("24")  # more JP than this recorded on one day cannot be true (a guard, not a cap)


def jp_dari_menit(menit: int) -> Decimal:
    """Minutes studied as JP, 2 places: 90 -> 2.00, 60 -> 1.33."""
    return (Decimal(menit) / MENIT_PER_JP).quantize(CENT, rounding=ROUND_HALF_UP)


def menit_dari_jp(jp: Decimal) -> int:
    """JP as whole minutes: 1.5 -> 68."""
    return int((jp * MENIT_PER_JP).to_integral_value())


# --------------------------------------------------------------------------------------------------
# Public records
# --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Activity:
    """One approved development activity of one employee.

    ``jp``: the JP studied / the programme's JP for forms converted "as studied" (unit ``jp``);
    ``None`` (and ignored) for forms with a fixed value per session/day/activity/semester.
    """

    key: Hashable
    kind: str
    day: date
    scope: str = NASIONAL
    jp: Decimal | None = None


@dataclass(frozen=True)
class Credit:
    """The credit of one Activity: ``jp`` (Decimal, 2 places, never negative), ``counted`` (False when
    a cap left it at 0 JP) and an Indonesian ``reason`` shown to the user."""

    key: Hashable
    jp: Decimal
    counted: bool
    reason: str


# --------------------------------------------------------------------------------------------------
# Look-ups
# --------------------------------------------------------------------------------------------------


def jp_maksimum_bulan(kind: str, scope: str = NASIONAL, day: date | None = None) -> Decimal:
    """The most JP one calendar month of a session-capped form can give (e.g. coaching national:
    2 sessions x 2 JP = 4 JP; international 8 JP). ValueError for a form without a monthly cap."""
    f = form(kind, day)
    if f.sesi_per_bulan is None:
        raise ValueError(f"{f.label} tidak memiliki batas sesi per bulan.")
    value, _ = _fixed_value(f, _check_scope(scope))
    return _q(value * f.sesi_per_bulan)


# --------------------------------------------------------------------------------------------------
# Conversion
# --------------------------------------------------------------------------------------------------
def convert(activities: Iterable[Activity], *, rule_sets: Sequence[RuleSet] = RULE_SETS) -> list[Credit]:
    """One Credit per Activity, in input order.

    Pass only the approved activities of ONE employee. The result does not depend on input order,
    except that input order breaks ties between sessions / capped logs of the same form on the same
    day. Per-day / per-event forms (seminar, workshop, sosialisasi, magang, ...) count once per date
    (decision 10): the highest JP, then the earliest key, whatever the input order.
    Raises ValueError (Indonesian message) on an unknown kind or scope, a missing or non-positive JP
    for a form counted as studied, or a day before the first rule set.
    """
    acts = list(activities)
    ordered = _sorted_rule_sets(rule_sets)
    credits: list[Credit | None] = [None] * len(acts)

    monthly: dict[tuple, list[int]] = defaultdict(list)  # (version, kind, year, month) -> indices
    daily: dict[tuple, list[int]] = defaultdict(list)  # (version, kind, day) -> indices
    full_day: dict[date, list[int]] = defaultdict(list)  # day -> indices of per-day/per-event forms
    yearly: dict[tuple, list[int]] = defaultdict(list)  # (kind, year) -> indices of year-capped forms
    forms: list[Form] = []
    studied_jp: dict[int, Decimal] = {}  # index -> JP studied, for as-studied forms only (decision 7)

    for i, a in enumerate(acts):
        day = _as_day(a.day)
        scope = _check_scope(a.scope)
        rs = _pick(ordered, day)
        try:
            f = rs.forms[a.kind]
        except (KeyError, TypeError):
            raise ValueError(
                f"Bentuk pengembangan kompetensi tidak dikenal: {a.kind!r} (aturan {rs.version})."
            ) from None
        forms.append(f)
        if f.unit == JP:  # decision 7: fixed units ignore jp
            studied_jp[i] = _studied_jp(a, f)

        if f.sesi_per_bulan is not None:
            monthly[(rs.version, f.kind, day.year, day.month)].append(i)
        elif f.jp_per_hari is not None:
            daily[(rs.version, f.kind, day)].append(i)
        elif f.unit == JP:
            credits[i] = _credit_studied(a.key, f, scope, studied_jp[i])
        elif f.kali_per_tahun is not None:  # only full-day units carry a yearly cap (Form check)
            yearly[(f.kind, day.year)].append(i)
        elif f.unit in SEHARI_PENUH:
            full_day[day].append(i)
        else:
            value, note = _fixed_value(f, scope)
            credits[i] = Credit(a.key, _q(value), True, _reason_fixed(f, scope, value, note))

    # (decision 1, 2, 3) monthly session cap per kind: earliest by date count, ties by input order.
    for (_version, _kind, year, month), idx in monthly.items():
        f = forms[idx[0]]
        cap = f.sesi_per_bulan
        if cap is None:  # cannot happen: only forms with a monthly cap are grouped here
            raise RuntimeError(f"{f.kind}: dikelompokkan per bulan tanpa batas sesi per bulan")
        for rank, i in enumerate(sorted(idx, key=lambda j: (_as_day(acts[j].day), j))):
            a = acts[i]
            scope = a.scope
            if rank < cap:
                value, note = _fixed_value(f, scope)
                credits[i] = Credit(a.key, _q(value), True, _reason_session(f, scope, value, note))
            else:
                periode = f"{nama_bulan(month)} {year}"
                reason = f"tidak dihitung: melebihi batas {cap} sesi {f.nama} per bulan ({periode})"
                credits[i] = Credit(a.key, ZERO, False, reason)

    # (decision 1, 4, 5) daily JP cap per kind, allocated in input order, bonus after the cap,
    # cumulative rounding so the day's total is rounded once.
    for _key, idx in daily.items():
        f = forms[idx[0]]
        day_cap = f.jp_per_hari
        if day_cap is None:  # cannot happen: only forms with a daily cap are grouped here
            raise RuntimeError(f"{f.kind}: dikelompokkan per hari tanpa batas JP per hari")
        used = Decimal(0)
        exact_sum = Decimal(0)
        rounded_sum = ZERO
        for i in idx:
            a = acts[i]
            studied = studied_jp[i]
            allowed = max(Decimal(0), min(studied, day_cap - used))
            used += allowed
            if allowed == 0:
                credits[i] = Credit(
                    a.key, ZERO, False, f"tidak dihitung: batas {angka(day_cap)} JP per hari sudah tercapai"
                )
                continue
            factor, note = _factor(f, a.scope)
            exact_sum += allowed * factor
            new_rounded = _q(exact_sum)
            jp = new_rounded - rounded_sum
            rounded_sum = new_rounded
            credits[i] = Credit(
                a.key, jp, jp > 0, _reason_capped(f, a.scope, jp, allowed, studied, day_cap, note)
            )

    # (decision 11) at most N a year: the earliest (date, then key) count and go on to decision 10.
    for (_kind, year), idx in yearly.items():
        for rank, i in enumerate(sorted(idx, key=lambda j: (_as_day(acts[j].day), _key_order(acts[j].key)))):
            f = forms[i]
            if rank < (f.kali_per_tahun or 0):
                full_day[_as_day(acts[i].day)].append(i)
            else:
                credits[i] = Credit(acts[i].key, ZERO, False, _reason_yearly(f, year))

    # (decision 10) one day, one full-day event: the highest JP counts, then the earliest key.
    for _day, idx in full_day.items():
        values = {i: _fixed_value(forms[i], acts[i].scope) for i in idx}
        winner = min(
            idx, key=lambda j: (-values[j][0], _key_order(acts[j].key), forms[j].kind, acts[j].scope)
        )
        for i in idx:
            a = acts[i]
            if i == winner:
                value, note = values[i]
                credits[i] = Credit(a.key, _q(value), True, _reason_fixed(forms[i], a.scope, value, note))
            else:
                credits[i] = Credit(a.key, ZERO, False, _reason_full_day(forms[winner]))

    done = [c for c in credits if c is not None]
    assert len(done) == len(credits)  # every activity got exactly one credit above
    return done


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------
def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _check_scope(scope: str) -> str:
    if scope not in SCOPES:
        raise ValueError(f"Lingkup harus 'nasional' atau 'internasional', bukan {scope!r}.")
    return scope


def _studied_jp(a: Activity, f: Form) -> Decimal:
    raw = a.jp
    if raw is None:
        raise ValueError(f"{f.label}: JP yang dipelajari/JP program wajib diisi (kegiatan {a.key!r}).")
    if isinstance(raw, bool):
        raise ValueError(f"{f.label}: JP harus berupa angka, bukan {raw!r}.")
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw))
    except (InvalidOperation, ValueError):
        raise ValueError(f"{f.label}: JP harus berupa angka, bukan {raw!r}.") from None
    if not value.is_finite() or value <= 0:
        raise ValueError(f"{f.label}: JP harus lebih dari 0, bukan {raw!r} (kegiatan {a.key!r}).")
    return value


def _fixed_value(f: Form, scope: str) -> tuple[Decimal, str]:
    """JP of one unit of a fixed-value form, and a note for the reason."""
    assert f.nasional is not None
    if scope == NASIONAL:
        return f.nasional, ""
    if f.internasional is not None:
        return f.internasional, ""
    if f.bonus_internasional is not None:
        return f.nasional * (1 + f.bonus_internasional / 100), f" (+{angka(f.bonus_internasional)}%)"
    return f.nasional, _TANPA_INTERNASIONAL  # decision 6


def _factor(f: Form, scope: str) -> tuple[Decimal, str]:
    """Multiplier of the studied JP for an as-studied form, and a note for the reason."""
    if scope == INTERNASIONAL and f.bonus_internasional is not None:
        return 1 + f.bonus_internasional / 100, f" (+{angka(f.bonus_internasional)}%)"
    if scope == INTERNASIONAL:
        return Decimal(1), _TANPA_INTERNASIONAL  # decision 6
    return Decimal(1), ""


_TANPA_INTERNASIONAL = " (internasional dihitung seperti nasional)"


def _credit_studied(key: Hashable, f: Form, scope: str, studied: Decimal) -> Credit:
    factor, note = _factor(f, scope)
    jp = _q(studied * factor)
    bonus = f.bonus_internasional
    if factor != 1 and bonus is not None:  # factor != 1 only comes from a bonus (_factor)
        reason = f"{_fmt2(jp)} JP: {f.nama} {scope} ({angka(studied)} JP +{angka(bonus)}%)"
    else:
        reason = f"{angka(jp)} JP: {f.nama} {scope} (sesuai JP program{note and '; ' + note[2:-1]})"
    return Credit(key, jp, jp > 0, reason)


def _key_order(key: Hashable) -> tuple[int, int | str]:
    """A total order on activity keys that does not depend on input order (decision 10): ints (record
    ids, so the earlier record first), then strings, then anything else by ``repr``."""
    if isinstance(key, int) and not isinstance(key, bool):
        return (0, key)
    if isinstance(key, str):
        return (1, key)
    return (2, repr(key))


def _reason_full_day(winner: Form) -> str:
    return f"tidak dihitung: sudah ada kegiatan sehari penuh ({winner.nama}) pada tanggal ini"


def _reason_yearly(f: Form, year: int) -> str:
    kali = "sekali" if f.kali_per_tahun == 1 else f"{f.kali_per_tahun} kali"
    return f"tidak dihitung: {f.nama.split(' / ')[0]} hanya dihitung {kali} setahun ({year})"


def _reason_session(f: Form, scope: str, value: Decimal, note: str) -> str:
    return f"{_fmt2(_q(value))} JP: sesi {f.nama} {scope}{note}"


def _reason_fixed(f: Form, scope: str, value: Decimal, note: str) -> str:
    return f"{_fmt2(_q(value))} JP: {f.nama} {scope} (1 {f.unit}{note and '; ' + note[2:-1]})"


def _reason_capped(
    f: Form, scope: str, jp: Decimal, allowed: Decimal, studied: Decimal, day_cap: Decimal, note: str
) -> str:
    cap = f"batas {angka(day_cap)} JP per hari"
    bonus = note.startswith(" (+")
    amount = _fmt2(jp) if bonus else angka(jp)
    if allowed < studied:
        if scope == NASIONAL:
            return f"{amount} JP dari {angka(studied)} JP: {cap}"
        return f"{amount} JP: {angka(allowed)} JP dari {angka(studied)} JP ({cap}), {f.nama} {scope}{note}"
    return f"{amount} JP: {f.nama} {scope}{note}"


def angka(value: Decimal) -> str:
    """Indonesian number with a decimal comma and no trailing zeros: "2", "1,5", "0,25" (the engine's
    twin of `bangkom.lib.angka.format_jp`, kept here so the engine stays standard library only)."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", ",")


def _fmt2(value: Decimal) -> str:
    """A credit after a bonus: integers plain ("24"), others with two decimals ("2,40")."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(_q(value), "f").replace(".", ",")

