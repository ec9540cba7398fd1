"""Writes to the JP ledger. Every workflow (coaching, mentoring, belajar mandiri, external
development) records its activities and paraf through these functions, so the guards, the paraf
rules and the credits are one mechanism (ARCHITECTURE: "the ledger is the only writer of credits")."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from bangkom.pegawai.models import Pegawai

from . import ragam, rules
from .models import NOL, Kegiatan, RekapTahunan, StatusKegiatan
from .penjaga import kegiatan_validasi, kunci_pegawai, paraf_tujuan, tanggal_awal, tanggal_di_luar_rentang
from .rekap_opd import rekap_opd_hitung
from .sumber import antrean_paraf, paraf_lewat_sumber

KOLOM_REKAP = {"coaching": "jp_coaching", "mentoring": "jp_mentoring", "belajar_mandiri": "jp_belajar_mandiri"}


ALASAN_MENUNGGU = "belum dihitung: menunggu paraf"


@transaction.atomic
def kegiatan_catat(
    *,
    pegawai: Pegawai,
    jenis: str,
    tanggal: date,
    materi: str,
    pembimbing: Pegawai | None,
    lingkup: str = "nasional",
    jp_belajar: Decimal | None = None,
    mulai: time | None = None,
    selesai: time | None = None,
    keterangan: str = "",
    sumber=None,
    tanggal_selesai: date | None = None,
) -> Kegiatan:
    """Record one activity, waiting for paraf. Nothing is credited until it is approved.
    ``tanggal_selesai``: the last day of a multi-day programme (counted in the year it starts)."""
    if tanggal_selesai == tanggal:
        tanggal_selesai = None
    kunci_pegawai(pegawai.pk)  # two submits at once cannot both pass the duplicate/overlap guards
    kegiatan_validasi(
        pegawai=pegawai, jenis=jenis, tanggal=tanggal, jp_belajar=jp_belajar,
        mulai=mulai, selesai=selesai, materi=materi, lingkup=lingkup, tanggal_selesai=tanggal_selesai,
    )
    kegiatan = Kegiatan.objects.create(
        pegawai=pegawai, jenis=jenis, tanggal=tanggal, tanggal_selesai=tanggal_selesai,
        tahun=tanggal.year, lingkup=lingkup,
        jp_belajar=jp_belajar, mulai=mulai, selesai=selesai, materi=materi.strip(),
        keterangan=keterangan, pembimbing=pembimbing, alasan=ALASAN_MENUNGGU,
        sumber_tipe=ContentType.objects.get_for_model(sumber) if sumber is not None else None,
        sumber_id=sumber.pk if sumber is not None else None,
    )
    return kegiatan


def _kunci_untuk_pembimbing(kegiatan: Kegiatan, oleh: Pegawai, tindakan: str) -> Kegiatan:
    """Lock the employee, then the activity (re-read); only its pembimbing may go on."""
    kunci_pegawai(kegiatan.pegawai_id)
    kegiatan = Kegiatan.objects.select_for_update().get(pk=kegiatan.pk)
    if kegiatan.pembimbing_id != oleh.pk:
        raise PermissionDenied(f"Hanya pembimbing kegiatan ini yang dapat {tindakan}.")
    return kegiatan


def _ganti_status(kegiatan: Kegiatan, status: str, *, oleh: Pegawai | None, pada, alasan: str) -> Kegiatan:
    """Write a paraf (or its withdrawal) and recompute the employee-year."""
    kegiatan.status = status
    kegiatan.diparaf_oleh = oleh
    kegiatan.diparaf_pada = pada
    kegiatan.alasan_status = alasan.strip()
    kegiatan.save(update_fields=["status", "diparaf_oleh", "diparaf_pada", "alasan_status", "diubah"])
    jp_hitung_ulang(pegawai_id=kegiatan.pegawai_id, tahun=kegiatan.tahun)
    kegiatan.refresh_from_db()
    return kegiatan


@transaction.atomic
def kegiatan_paraf(
    *, kegiatan: Kegiatan, oleh: Pegawai, setuju: bool, alasan: str = "", pada=None, lewat_sumber: bool = False
) -> Kegiatan:
    """Initial (approve) or reject one activity. Only its pembimbing may; a paraf given twice is
    one paraf; an initialled activity changes only through `kegiatan_batal_paraf`. An activity
    whose source registered its own paraf (`sumber.daftarkan_paraf_sumber`) is handed to it, unless the
    source itself is calling (`lewat_sumber`); `pada` is when the paraf was given (default: now)."""
    if not lewat_sumber and (sumber := paraf_lewat_sumber(kegiatan)) is not None:
        return sumber[0](kegiatan=kegiatan, oleh=oleh, setuju=setuju, alasan=alasan)
    kegiatan = _kunci_untuk_pembimbing(kegiatan, oleh, "memberi paraf")
    tujuan = paraf_tujuan(
        kegiatan.status, setuju=setuju, alasan=alasan, menunggu=StatusKegiatan.DIAJUKAN,
        disetujui=StatusKegiatan.DISETUJUI, ditolak=StatusKegiatan.DITOLAK, yang="Kegiatan ini sudah diparaf",
    )
    if tujuan is None:
        return kegiatan
    return _ganti_status(kegiatan, tujuan, oleh=oleh, pada=pada or timezone.now(), alasan=alasan)


@dataclass(frozen=True)
class HasilParafAntrean:
    diparaf: int  # paraf given now
    dihitung: int  # of those, approved (counted) now; the others wait for the other party
    sisa: int  # what is left in the pembimbing's paraf queue


@transaction.atomic
def kegiatan_paraf_antrean(*, kegiatan_ids, oleh: Pegawai) -> HasilParafAntrean:
    """Initial several activities of `oleh`'s paraf queue at once (the dashboards' bulk paraf);
    ids outside the queue are skipped. A session row counts only once its participant confirmed
    it too (the source's two-party rule), so `dihitung` may be less than `diparaf`."""
    diparaf = dihitung = 0
    antre = Kegiatan.objects.filter(antrean_paraf(oleh), pk__in=list(kegiatan_ids))
    # Employee order = lock order, so two supervisors approving overlapping lists cannot deadlock.
    for kegiatan in antre.order_by("pegawai_id", "pk"):
        kegiatan = kegiatan_paraf(kegiatan=kegiatan, oleh=oleh, setuju=True)
        diparaf += 1
        dihitung += kegiatan.status == StatusKegiatan.DISETUJUI
    sisa = Kegiatan.objects.filter(antrean_paraf(oleh)).count()
    return HasilParafAntrean(diparaf=diparaf, dihitung=dihitung, sisa=sisa)


def kegiatan_paraf_banyak(*, kegiatan_ids, oleh: Pegawai) -> int:
    """`kegiatan_paraf_antrean`, answering only how many were initialled."""
    return kegiatan_paraf_antrean(kegiatan_ids=kegiatan_ids, oleh=oleh).diparaf


@transaction.atomic
def kegiatan_batal_paraf(*, kegiatan: Kegiatan, oleh: Pegawai, alasan: str, lewat_sumber: bool = False) -> Kegiatan:
    """Withdraw a paraf (back to waiting). The reason and the former state stay in history."""
    if not lewat_sumber and (sumber := paraf_lewat_sumber(kegiatan)) is not None:
        return sumber[1](kegiatan=kegiatan, oleh=oleh, alasan=alasan)
    kegiatan = _kunci_untuk_pembimbing(kegiatan, oleh, "membatalkan paraf")
    if not alasan.strip():
        raise ValidationError({"alasan": "Alasan pembatalan paraf wajib diisi."})
    if kegiatan.status == StatusKegiatan.DIAJUKAN:
        return kegiatan
    return _ganti_status(kegiatan, StatusKegiatan.DIAJUKAN, oleh=None, pada=None, alasan=alasan)


@transaction.atomic
def kegiatan_hapus(*, kegiatan: Kegiatan) -> None:
    """Remove a not-yet-initialled activity (e.g. typed by mistake); credits move up."""
    kunci_pegawai(kegiatan.pegawai_id)
    kegiatan = Kegiatan.objects.select_for_update().get(pk=kegiatan.pk)
    if kegiatan.status == StatusKegiatan.DISETUJUI:
        raise ValidationError("Kegiatan yang sudah diparaf tidak dapat dihapus; batalkan parafnya dahulu.")
    pegawai_id, tahun = kegiatan.pegawai_id, kegiatan.tahun
    kegiatan.delete()
    jp_hitung_ulang(pegawai_id=pegawai_id, tahun=tahun)


def _urut(kegiatan: list[Kegiatan]) -> list[Kegiatan]:
    """Engine input order: same-day ties go to the earlier hour, then to the earlier record."""
    return sorted(kegiatan, key=lambda k: (k.tanggal, k.mulai or time.min, k.pk))


def _kredit_tahun(kegiatan: list[Kegiatan]) -> dict[Hashable, rules.Credit]:
    """The credits of a year's approved activities. Never raises (an approval must always go through):
    an activity the engine cannot convert (dated before the first rules version, or legacy data the
    guards would refuse today) gets 0 JP with the engine's reason, and the others are converted without it."""
    disetujui = _urut([k for k in kegiatan if k.status == StatusKegiatan.DISETUJUI])
    awal = tanggal_awal()
    rusak: dict[Hashable, rules.Credit] = {
        k.pk: rules.Credit(k.pk, NOL, False, f"tidak dihitung: {tanggal_di_luar_rentang(k.tanggal)}")
        for k in disetujui if k.tanggal < awal
    }
    sah = [k for k in disetujui if k.pk not in rusak]
    try:
        kredit = rules.convert([k.aktivitas for k in sah])
    except ValueError:
        for k in sah:
            try:
                rules.convert([k.aktivitas])
            except ValueError as exc:
                rusak[k.pk] = rules.Credit(k.pk, NOL, False, f"tidak dihitung: {exc}"[:300])
        kredit = rules.convert([k.aktivitas for k in sah if k.pk not in rusak])
    return {**{c.key: c for c in kredit}, **rusak}


def _versi(k: Kegiatan) -> str:
    try:
        return rules.versi_aturan(k.tanggal)
    except ValueError:  # before the first rules version: credited 0 JP by _kredit_tahun
        return ""


def _alasan_belum(k: Kegiatan) -> str:
    if k.status == StatusKegiatan.DITOLAK:
        return "tidak dihitung: ditolak pembimbing"
    return ALASAN_MENUNGGU


KOLOM_KREDIT = ["jp", "dihitung", "alasan", "versi_aturan"]
KOLOM_NILAI_REKAP = [
    "jp_coaching", "jp_mentoring", "jp_belajar_mandiri", "jp_lainnya", "total", "jp_per_bulan", *ragam.KOLOM
]


def _hitung_tahun(semua: list[Kegiatan]) -> tuple[list[Kegiatan], dict[str, Decimal | list[str]]]:
    """THE recompute of one employee-year, shared by `jp_hitung_ulang` (one year, after a paraf) and
    `jp_hitung_ulang_banyak` (the batched rebuild). Pure: from all the year's activities it sets the
    new credit on every activity whose credit changed (returned, to be written) and returns the
    year's recap values (RekapTahunan fields)."""
    kredit = _kredit_tahun(semua)
    berubah = []
    per_kolom: defaultdict[str, Decimal] = defaultdict(lambda: NOL)
    per_bulan = [NOL] * 12
    dihitung: list[tuple[str, date, Decimal]] = []
    for k in semua:
        c = kredit.get(k.pk)
        baru = (
            (c.jp, c.counted, c.reason, _versi(k))
            if c is not None
            else (NOL, False, _alasan_belum(k), "")
        )
        if (k.jp, k.dihitung, k.alasan, k.versi_aturan) != baru:
            k.jp, k.dihitung, k.alasan, k.versi_aturan = baru
            berubah.append(k)
        if c is not None:
            per_kolom[KOLOM_REKAP.get(k.jenis, "jp_lainnya")] += c.jp
            per_bulan[k.tanggal.month - 1] += c.jp
            dihitung.append((k.jenis, k.tanggal, c.jp))
    jumlah = {kolom: per_kolom[kolom] for kolom in ("jp_coaching", "jp_mentoring", "jp_belajar_mandiri", "jp_lainnya")}
    nilai: dict[str, Decimal | list[str]] = {
        **jumlah, "total": sum(jumlah.values(), NOL), "jp_per_bulan": [str(v) for v in per_bulan],
        **ragam.dari_kredit(dihitung).nilai(),
    }
    return berubah, nilai


def _rekap_isi(rekap: RekapTahunan, nilai: dict) -> bool:
    """Put `nilai` on the recap; whether anything differed from what it held."""
    beda = any(
        (Decimal(str(getattr(rekap, f))) if f != "jp_per_bulan" else getattr(rekap, f)) != v
        for f, v in nilai.items()
    )
    if beda:
        for f, v in nilai.items():
            setattr(rekap, f, v)
    return beda


@transaction.atomic
def jp_hitung_ulang(*, pegawai_id: int, tahun: int) -> bool:
    """Recompute one employee-year from its approved activities and rewrite the credits and the
    yearly total. The employee row is locked first so that two approvals at once (PostgreSQL)
    serialise and can never both count a third session. Returns whether anything changed."""
    opd_id = kunci_pegawai(pegawai_id)
    semua = list(Kegiatan.objects.filter(pegawai_id=pegawai_id, tahun=tahun))
    berubah, nilai = _hitung_tahun(semua)
    if berubah:
        Kegiatan.objects.bulk_update(berubah, KOLOM_KREDIT)
    rekap, dibuat = RekapTahunan.objects.get_or_create(pegawai_id=pegawai_id, tahun=tahun, defaults=nilai)
    ubah = not dibuat and _rekap_isi(rekap, nilai)
    if ubah:
        rekap.save()
    if opd_id is not None:
        # The province summary, in this transaction (also when only a status or a session length
        # changed: the summary holds the approved sessions' lengths too).
        rekap_opd_hitung(tahun=tahun, opd_ids=[opd_id])
    return ubah or dibuat or bool(berubah)


UKURAN_POTONGAN_HITUNG = 500
KOLOM_HITUNG = ("pk", "pegawai_id", "tahun", "jenis", "tanggal", "mulai", "lingkup", "jp_belajar", "status",
                *KOLOM_KREDIT)


def jp_hitung_ulang_banyak(
    *, pasangan: Iterable[tuple[int, int]], ukuran: int = UKURAN_POTONGAN_HITUNG,
    kemajuan: Callable[[int, int], None] | None = None,
) -> int:
    """Recompute many (pegawai_id, tahun) pairs — the rebuild after a rules change or an import —
    with exactly the result of `jp_hitung_ulang` on each (same `_hitung_tahun`), but in chunks of
    `ukuran` employees: per chunk one transaction that locks the employees in id order (the lock
    order every writer uses), reads their activities and recaps in one query each and writes the
    changed credits and recaps with bulk_update/bulk_create. Returns how many employee-years changed;
    `kemajuan(done, total)` is called after each chunk."""
    tahun_per_pegawai: dict[int, set[int]] = defaultdict(set)
    for pegawai_id, tahun in pasangan:
        tahun_per_pegawai[pegawai_id].add(tahun)
    ids = sorted(tahun_per_pegawai)
    total = sum(len(t) for t in tahun_per_pegawai.values())
    berubah, selesai = 0, 0
    for i in range(0, len(ids), ukuran):
        potongan = {pid: tahun_per_pegawai[pid] for pid in ids[i:i + ukuran]}
        berubah += _hitung_potongan(potongan)
        selesai += sum(len(t) for t in potongan.values())
        if kemajuan is not None:
            kemajuan(selesai, total)
    return berubah


@transaction.atomic
def _hitung_potongan(tahun_per_pegawai: dict[int, set[int]]) -> int:
    ids = sorted(tahun_per_pegawai)
    opd_ids = set(
        Pegawai.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("opd_id", flat=True)
    )
    semua_tahun = set().union(*tahun_per_pegawai.values())
    kelompok: dict[tuple[int, int], list[Kegiatan]] = defaultdict(list)
    # Only what the engine and the credit need: materi, keterangan and the rest stay in the database.
    for k in Kegiatan.objects.filter(pegawai_id__in=ids, tahun__in=semua_tahun).order_by().only(*KOLOM_HITUNG):
        if k.tahun in tahun_per_pegawai[k.pegawai_id]:
            kelompok[(k.pegawai_id, k.tahun)].append(k)
    rekap_ada = {
        (r.pegawai_id, r.tahun): r
        for r in RekapTahunan.objects.filter(pegawai_id__in=ids, tahun__in=semua_tahun).order_by()
    }
    kegiatan_berubah: list[Kegiatan] = []
    rekap_baru: list[RekapTahunan] = []
    rekap_ubah: list[RekapTahunan] = []
    berubah = 0
    sekarang = timezone.now()
    for pegawai_id in ids:
        for tahun in sorted(tahun_per_pegawai[pegawai_id]):
            kegiatan_tahun, nilai = _hitung_tahun(kelompok.get((pegawai_id, tahun), []))
            kegiatan_berubah += kegiatan_tahun
            rekap = rekap_ada.get((pegawai_id, tahun))
            if rekap is None:
                rekap_baru.append(RekapTahunan(pegawai_id=pegawai_id, tahun=tahun, **nilai))
            elif _rekap_isi(rekap, nilai):
                rekap.diperbarui = sekarang  # auto_now is not applied by bulk_update
                rekap_ubah.append(rekap)
            elif not kegiatan_tahun:
                continue
            berubah += 1
    _tulis_kredit(kegiatan_berubah)
    if rekap_baru:
        RekapTahunan.objects.bulk_create(rekap_baru, batch_size=1000)
    if rekap_ubah:
        # bulk_update writes one CASE WHEN per row and field: its cost grows with the square of the
        # batch size, so batches stay small.
        RekapTahunan.objects.bulk_update(rekap_ubah, [*KOLOM_NILAI_REKAP, "diperbarui"], batch_size=100)
    for tahun in sorted(semua_tahun):
        rekap_opd_hitung(tahun=tahun, opd_ids=opd_ids)  # the province summary, in this transaction
    return berubah


def _tulis_kredit(kegiatan: list[Kegiatan], *, potong: int = 900) -> None:
    """Write changed credits with one UPDATE ... WHERE id IN (...) per distinct credit. A province
    has few distinct credits (a reason and a JP value per rule), so this is a few statements per chunk,
    instead of bulk_update's CASE WHEN per row, which PostgreSQL evaluates row by row (quadratic)."""
    per_kredit: dict[tuple, list[int]] = defaultdict(list)
    for k in kegiatan:
        per_kredit[(k.jp, k.dihitung, k.alasan, k.versi_aturan)].append(k.pk)
    for (jp, dihitung, alasan, versi), ids in per_kredit.items():
        for i in range(0, len(ids), potong):  # SQLite caps the number of parameters per statement
            Kegiatan.objects.filter(pk__in=ids[i:i + potong]).update(
                jp=jp, dihitung=dihitung, alasan=alasan, versi_aturan=versi
            )


def pratinjau_kredit(
    *, pegawai: Pegawai, jenis: str, tanggal: date, lingkup: str = "nasional", jp_belajar: Decimal | None = None
) -> rules.Credit:
    """What a new activity would give if initialled now, for the form to show before saving
    ("2 JP" or "tidak dihitung: sudah 2 sesi coaching bulan ini"). Raises ValidationError (keyed by
    field) when the engine cannot convert it, e.g. an as-studied form without JP."""
    pesan = tanggal_di_luar_rentang(tanggal)
    if pesan:
        raise ValidationError({"tanggal": pesan})
    semua = _urut(list(
        Kegiatan.objects.filter(pegawai=pegawai, tahun=tanggal.year, status=StatusKegiatan.DISETUJUI)
    ))
    baru = rules.Activity(key="__baru__", kind=jenis, day=tanggal, scope=lingkup, jp=jp_belajar)
    # Among the same day's activities the new one is recorded last, so it goes after them.
    aktivitas = [k.aktivitas for k in semua] + [baru]
    try:
        return next(c for c in rules.convert(aktivitas) if c.key == "__baru__")
    except ValueError as exc:
        kolom = "jp_belajar" if "JP" in str(exc) else ("lingkup" if "Lingkup" in str(exc) else "jenis")
        raise ValidationError({kolom: str(exc)}) from None
