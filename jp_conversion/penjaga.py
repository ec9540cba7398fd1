"""The guards every ledger write shares: the employee lock that orders concurrent writers, and the
checks an activity must pass before it is recorded (RULES §3 "Guards")."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from bangkom.pegawai.models import Pegawai, PerangkatDaerah

from . import rules
from .models import NOL, Kegiatan, StatusKegiatan


def _hari_ini() -> date:
    return timezone.localdate()


def kunci_pegawai(pegawai_id: int) -> int | None:
    """Every write to the ledger locks the employee row FIRST. One lock order for all writers means
    two approvals at once queue up instead of deadlocking (the second would otherwise hold its
    activity row while waiting for the employee, and the first would wait for that activity row
    when it rewrites the year's credits). Returns the employee's OPD (the ledger recomputes its
    province summary), None when there is no such employee."""
    baris = list(Pegawai.objects.select_for_update().filter(pk=pegawai_id).values_list("opd_id", flat=True))
    return baris[0] if baris else None


def kunci_opd(opd_ids: Iterable[int] | None) -> set[int]:
    """Lock the OPD rows (id order) before their province summaries are recomputed. Two writes in one
    OPD at once (PostgreSQL) would otherwise both aggregate before either committed — the later one
    missing the earlier one's change — and both insert the summary rows. Taken after the employee
    lock, by every summary writer, so the order is always employee → OPD. None locks every OPD (a
    province rebuild). Returns the ids locked."""
    qs = PerangkatDaerah.objects.select_for_update().order_by("pk")
    if opd_ids is not None:
        qs = qs.filter(pk__in=sorted(set(opd_ids)))
    return set(qs.values_list("pk", flat=True))


def paraf_tujuan(kini: str, *, setuju: bool, alasan: str, menunggu: str, disetujui: str, ditolak: str,
                 yang: str) -> str | None:
    """One paraf rule for the ledger's rows and the sessions' participant rows: the state a paraf
    moves to, or None when it is already there (a paraf given twice is one paraf). A decided paraf
    changes only after it is withdrawn (with a reason), and a rejection needs a reason. `yang` names
    the thing in the message ("Kegiatan ini sudah diparaf")."""
    tujuan = disetujui if setuju else ditolak
    if kini == tujuan:
        return None
    if kini != menunggu:
        raise ValidationError(f"{yang}. Batalkan paraf terlebih dahulu (dengan alasan) untuk mengubahnya.")
    if not setuju and not alasan.strip():
        raise ValidationError({"alasan": "Alasan penolakan wajib diisi."})
    return tujuan


def tanggal_awal() -> date:
    """The first day any JP rule is in force (the first rules version: Perlan 10/2018, 1 January 2018)."""
    return min(rs.berlaku_mulai for rs in rules.RULE_SETS)


def tanggal_akhir(hari_ini: date | None = None) -> date:
    """The last day the data may hold: 31 December of next year (plans and agreements run ahead)."""
    return date((hari_ini or _hari_ini()).year + 1, 12, 31)


def tanggal_di_luar_rentang(tanggal: date, *, hari_ini: date | None = None) -> str:
    """The Indonesian message for a date outside the data's years (before the first rules version, after
    next year), or "" when it lies inside. Shared by the ledger, the coaching agreements and the
    self-study assignments and proposals (RULES §3: activities before 2018 are refused)."""
    awal, akhir = tanggal_awal(), tanggal_akhir(hari_ini)
    if tanggal < awal:
        return (
            f"Tanggal sebelum {awal.day} {rules.nama_bulan(awal.month)} {awal.year} (berlakunya aturan "
            "konversi JP pertama, Perlan 10/2018) tidak dapat dicatat."
        )
    if tanggal > akhir:
        return f"Tanggal setelah tahun {akhir.year} tidak dapat dicatat."
    return ""


def periode_galat(*, mulai: date, selesai: date, hari_ini: date | None = None) -> dict[str, str]:
    """Messages keyed "mulai"/"selesai" for a period (agreement, self-study assignment or proposal) that
    is not sane: the end before the start, or a day outside the data's years. Empty when it is fine."""
    galat = {}
    for kolom, tanggal in (("mulai", mulai), ("selesai", selesai)):
        pesan = tanggal_di_luar_rentang(tanggal, hari_ini=hari_ini)
        if pesan:
            galat[kolom] = pesan
    if "selesai" not in galat and selesai < mulai:
        galat["selesai"] = "Periode selesai harus sama dengan atau setelah periode mulai."
    return galat


def kegiatan_validasi(
    *,
    pegawai: Pegawai,
    jenis: str,
    tanggal: date,
    jp_belajar: Decimal | None = None,
    mulai: time | None = None,
    selesai: time | None = None,
    materi: str = "",
    kecuali: Kegiatan | None = None,
    lingkup: str | None = None,
    tanggal_selesai: date | None = None,
) -> None:
    """The guards every activity shares (RULES §3 "Guards"). Raises ValidationError
    with Indonesian messages keyed by form field, so forms show them beside the right input.

    ``tanggal_selesai``: the last day of a multi-day programme (RULES §3: one activity with a start and
    an end date and the programme's JP). The 24-JP-a-day guard then spreads its JP evenly over its
    days (a 40 JP pelatihan over 5 days is 8 JP a day), so it is compared with 24 x days."""
    galat: dict[str, list[str]] = defaultdict(list)
    hari = 1
    bentuk: rules.Form | None = None
    try:
        bentuk = rules.form(jenis)
    except ValueError:
        galat["jenis"].append("Jenis kegiatan tidak dikenal.")
    else:
        # The engine refuses an as-studied activity without JP; catching it here keeps the error on the
        # form instead of failing later, when the activity is initialled and the year recomputed.
        if bentuk.unit == rules.JP and jp_belajar is None:
            galat["jp_belajar"].append(f"JP wajib diisi untuk {bentuk.nama} (dihitung sesuai JP yang diikuti).")
    if lingkup is not None and lingkup not in rules.SCOPES:
        galat["lingkup"].append("Lingkup harus nasional atau internasional.")
    pesan_rentang = tanggal_di_luar_rentang(tanggal)
    if pesan_rentang:
        galat["tanggal"].append(pesan_rentang)
    elif tanggal > _hari_ini():
        galat["tanggal"].append("Tanggal tidak boleh di masa depan.")
    if tanggal_selesai is not None:
        if tanggal_selesai < tanggal:
            galat["tanggal_selesai"].append("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        elif tanggal_selesai > _hari_ini():
            galat["tanggal_selesai"].append("Tanggal selesai tidak boleh di masa depan.")
        elif (tanggal_selesai - tanggal).days >= HARI_PROGRAM_MAKS:
            galat["tanggal_selesai"].append(
                f"Program lebih dari {HARI_PROGRAM_MAKS} hari: catat per tahun atau per semester."
            )
        elif bentuk is not None and not boleh_beberapa_hari(bentuk):
            galat["tanggal_selesai"].append(
                f"{bentuk.label} dihitung per {bentuk.unit}: ajukan satu kali untuk setiap hari, "
                "tanpa tanggal selesai."
            )
        else:
            hari = (tanggal_selesai - tanggal).days + 1
    if jp_belajar is not None:
        if jp_belajar <= 0:
            galat["jp_belajar"].append("JP harus lebih dari 0.")
        elif jp_belajar > rules.JP_MAKS_SEHARI * hari:
            galat["jp_belajar"].append(
                "JP dalam satu hari tidak mungkin lebih dari 24." if hari == 1 else
                f"{rules.angka(jp_belajar)} JP dalam {hari} hari berarti lebih dari 24 JP sehari; "
                "periksa JP atau tanggal selesai."
            )
    if (mulai is None) != (selesai is None):
        galat["selesai"].append("Isi jam mulai dan jam selesai sekaligus, atau kosongkan keduanya.")
    elif mulai is not None and selesai is not None and selesai <= mulai:
        galat["selesai"].append("Jam selesai harus setelah jam mulai.")

    lain = Kegiatan.objects.filter(pegawai=pegawai, tanggal=tanggal).exclude(status=StatusKegiatan.DITOLAK)
    if kecuali is not None:
        lain = lain.exclude(pk=kecuali.pk)
    if materi and lain.filter(jenis=jenis, materi__iexact=materi.strip()).exists():
        galat["materi"].append(
            "Kegiatan yang sama (jenis, tanggal dan materi) sudah tercatat untuk pegawai ini."
        )
    if mulai is not None and selesai is not None and selesai > mulai:
        bentrok = lain.filter(mulai__lt=selesai, selesai__gt=mulai).first()
        if bentrok is not None:
            galat["mulai"].append(
                f"Waktu bertumpuk dengan {bentrok.get_jenis_display().lower()} "
                f"{bentrok.mulai:%H:%M}–{bentrok.selesai:%H:%M} pada tanggal yang sama."
            )
    if jp_belajar is not None and 0 < jp_belajar <= rules.JP_MAKS_SEHARI * hari:
        penuh = _hari_melebihi_24(pegawai, tanggal, hari, jp_belajar, kecuali)
        if penuh is not None:
            hari_itu, total = penuh
            galat["jp_belajar"].append(
                f"Total JP tercatat pada tanggal {hari_itu:%d-%m-%Y} menjadi {rules.angka(total)}; "
                "lebih dari 24 JP sehari tidak mungkin."
            )
    if galat:
        raise ValidationError(dict(galat))


#: A multi-day programme longer than this is recorded per year or per semester (a guard, not a rule).
HARI_PROGRAM_MAKS = 366


def boleh_beberapa_hari(bentuk: rules.Form) -> bool:
    """Whether a form may be recorded as one multi-day activity: programmes counted by their JP (pelatihan,
    pelatihan struktural, kursus, ...) and per-activity/semester forms (magang, detasering, tugas belajar).
    Sessions, per-day forms (seminar, workshop, sosialisasi) and day-capped logs (belajar mandiri,
    e-learning) are one record per day."""
    if bentuk.unit == rules.JP:
        return bentuk.jp_per_hari is None
    return bentuk.unit in (rules.KEGIATAN, rules.SEMESTER)


def _hari_melebihi_24(
    pegawai: Pegawai, awal: date, hari: int, jp_belajar: Decimal, kecuali: Kegiatan | None
) -> tuple[date, Decimal] | None:
    """The first day of [awal, awal + hari) on which the JP recorded (each multi-day programme spread
    evenly over its days) plus the new activity's share would pass 24 JP; None when none does."""
    akhir = awal + timedelta(days=hari - 1)
    lain = (
        Kegiatan.objects.filter(pegawai=pegawai, jp_belajar__isnull=False, tanggal__lte=akhir)
        .exclude(status=StatusKegiatan.DITOLAK)
        .exclude(tanggal_selesai__lt=awal)
        .exclude(tanggal_selesai__isnull=True, tanggal__lt=awal)
        .only("tanggal", "tanggal_selesai", "jp_belajar")
    )
    if kecuali is not None:
        lain = lain.exclude(pk=kecuali.pk)
    per_hari: defaultdict[date, Decimal] = defaultdict(Decimal)
    for k in lain:
        bagian = (k.jp_belajar or NOL) / k.jumlah_hari
        for n in range(k.jumlah_hari):
            per_hari[k.tanggal + timedelta(days=n)] += bagian
    bagian_baru = jp_belajar / hari
    for n in range(hari):
        d = awal + timedelta(days=n)
        total = per_hari[d] + bagian_baru
        if total > rules.JP_MAKS_SEHARI:
            return d, total.quantize(Decimal("0.01"))
    return None
