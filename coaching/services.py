"""Writes of the coaching workflow. Sessions, paraf and credits are the shared mechanism
(`bangkom.sesi.services`); this module adds the agreement (konsensus) and its notices."""
from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bangkom.lib.model import alasan_riwayat
from bangkom.notifikasi.services import notifikasi_kirim
from bangkom.pegawai.akses import peran
from bangkom.pegawai.models import Mentor, Pegawai
from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.models import Sesi
from bangkom.sesi.services import sesi_catat
from jp_conversion.penjaga import periode_galat

from .akses import boleh_tunjuk_coach
from .models import KesepakatanCoaching, PenunjukanCoach

HARI_PENGINGAT = 7


def _tautan(k: KesepakatanCoaching) -> str:
    return reverse("coaching:detail", args=[k.pk])


@transaction.atomic
def kesepakatan_buat(
    *,
    atasan: Pegawai,
    pegawai: Pegawai,
    kegiatan: str,
    tujuan: str,
    target: str,
    mulai: date,
    selesai: date,
    kesenjangan: str = "",
    hari_ini: date | None = None,
) -> KesepakatanCoaching:
    """The coach opens an agreement (Panduan Langsa §G: coaching is initiated by the coach): the
    atasan langsung with a direct subordinate, or a coach appointed for this employee whose
    appointment is in force today (RULES §4); an appointed coach's agreement lies inside the
    appointment's period. The employee is notified to read and acknowledge it."""
    hari_ini = hari_ini or timezone.localdate()
    galat: dict[str, list[str]] = {}
    penunjukan = None
    if pegawai.atasan_id != atasan.pk:
        penunjukan = penunjukan_berlaku(coach=atasan, pegawai=pegawai, tanggal=hari_ini)
        if penunjukan is None:
            galat["pegawai"] = [
                f"{pegawai.nama} bukan bawahan langsung {atasan.nama} dan tidak ada penunjukan coach yang "
                "berlaku hari ini; coaching dilakukan oleh atasan langsung atau coach yang ditunjuk."
            ]
    if "pegawai" not in galat and not pegawai.aktif:
        galat["pegawai"] = [f"{pegawai.nama} tidak aktif."]
    periode = periode_galat(mulai=mulai, selesai=selesai, hari_ini=hari_ini)
    if periode:
        galat.update({kolom: [pesan] for kolom, pesan in periode.items()})
    elif penunjukan is not None and (mulai < penunjukan.mulai or selesai > penunjukan.selesai):
        galat["selesai"] = [
            f"Periode kesepakatan harus di dalam masa penunjukan coach ({penunjukan.mulai:%d-%m-%Y} s.d. "
            f"{penunjukan.selesai:%d-%m-%Y})."
        ]
    for field, nilai, label in (("kegiatan", kegiatan, "Kegiatan/masalah kinerja"), ("tujuan", tujuan, "Tujuan"),
                                ("target", target, "Target")):
        if not nilai.strip():
            galat[field] = [f"{label} wajib diisi."]
    if not galat and KesepakatanCoaching.objects.filter(
        atasan=atasan, pegawai=pegawai, tujuan__iexact=tujuan.strip(), status=KesepakatanCoaching.Status.BERJALAN
    ).exists():
        galat["tujuan"] = ["Kesepakatan dengan tujuan yang sama untuk pegawai ini masih berjalan."]
    if galat:
        raise ValidationError(galat)
    k = KesepakatanCoaching.objects.create(
        atasan=atasan, pegawai=pegawai, penunjukan=penunjukan, kegiatan=kegiatan.strip(),
        kesenjangan=kesenjangan.strip(),
        tujuan=tujuan.strip(), target=target.strip(), mulai=mulai, selesai=selesai,
    )
    notifikasi_kirim(
        penerima=pegawai,
        judul=f"Kesepakatan coaching baru dari {atasan.nama}",
        pesan=(
            f"Tujuan: {k.tujuan}. Periode {mulai:%d-%m-%Y} s.d. {selesai:%d-%m-%Y}. "
            "Mohon baca dan akui kesepakatan ini."
        ),
        tautan=_tautan(k),
    )
    return k


@transaction.atomic
def kesepakatan_akui(*, kesepakatan: KesepakatanCoaching, oleh: Pegawai) -> KesepakatanCoaching:
    """The coachee acknowledges the agreement (the konsensus). Acknowledging twice is once."""
    k = KesepakatanCoaching.objects.select_for_update().get(pk=kesepakatan.pk)
    if k.pegawai_id != oleh.pk:
        raise PermissionDenied("Hanya pegawai yang di-coaching yang dapat mengakui kesepakatan ini.")
    if k.diakui_pada is not None:
        return k
    if k.status != KesepakatanCoaching.Status.BERJALAN:
        raise ValidationError("Kesepakatan ini sudah ditutup.")
    k.diakui_pada = timezone.now()
    k.save(update_fields=["diakui_pada", "diubah"])
    notifikasi_kirim(
        penerima=k.atasan, judul=f"{oleh.nama} mengakui kesepakatan coaching", pesan=k.tujuan, tautan=_tautan(k),
        email=False,
    )
    return k


@transaction.atomic
def kesepakatan_tutup(
    *, kesepakatan: KesepakatanCoaching, oleh: Pegawai, status: str, catatan_evaluasi: str
) -> KesepakatanCoaching:
    """The coach ends the agreement as finished (with the closing evaluation of goal and targets)
    or cancelled (with the reason). A closed agreement takes no new sessions."""
    k = KesepakatanCoaching.objects.select_for_update().get(pk=kesepakatan.pk)
    if k.atasan_id != oleh.pk:
        raise PermissionDenied("Hanya coach kesepakatan ini yang dapat menutupnya.")
    if k.status != KesepakatanCoaching.Status.BERJALAN:
        raise ValidationError("Kesepakatan ini sudah ditutup.")
    if status not in (KesepakatanCoaching.Status.SELESAI, KesepakatanCoaching.Status.DIBATALKAN):
        raise ValidationError({"status": "Pilih selesai atau dibatalkan."})
    if not catatan_evaluasi.strip():
        pesan = "Catatan evaluasi wajib diisi." if status == "selesai" else "Alasan pembatalan wajib diisi."
        raise ValidationError({"catatan_evaluasi": pesan})
    k.status = status
    k.catatan_evaluasi = catatan_evaluasi.strip()
    k.ditutup_pada = timezone.now()
    k.save(update_fields=["status", "catatan_evaluasi", "ditutup_pada", "diubah"])
    notifikasi_kirim(
        penerima=k.pegawai, judul=f"Kesepakatan coaching {k.get_status_display().lower()}",
        pesan=f"{k.tujuan}\n{k.catatan_evaluasi}", tautan=_tautan(k),
    )
    return k


ALASAN_ATASAN_BERGANTI = "Atasan langsung berganti"


@transaction.atomic
def kesepakatan_akhiri_atasan_berganti(
    *, pegawai: Pegawai, lama: Pegawai | None, baru: Pegawai | None, oleh: Any = None
) -> int:
    """The employee's supervisor changed: every running agreement of the OLD pair (coach `lama`,
    coachee `pegawai`) is cancelled with the reason written on it and in its history (who, why), and
    both are told. Nothing moves to the new supervisor by itself: they start a new agreement if they
    decide to (access follows the current relationship, ARCHITECTURE "Access"). Returns how many."""
    if lama is None:
        return 0
    nama_baru = baru.nama_lengkap if baru is not None else "(belum ditetapkan)"
    alasan = (
        f"Dibatalkan otomatis: atasan langsung {pegawai.nama_lengkap} berganti dari {lama.nama_lengkap} "
        f"ke {nama_baru}. Kesepakatan baru dapat dibuat oleh atasan langsung yang sekarang."
    )
    berjalan = KesepakatanCoaching.objects.select_for_update().filter(
        atasan=lama, pegawai=pegawai, status=KesepakatanCoaching.Status.BERJALAN
    )
    n = 0
    for k in berjalan:
        k.status = KesepakatanCoaching.Status.DIBATALKAN
        k.catatan_evaluasi = "\n\n".join(filter(None, [k.catatan_evaluasi, alasan]))
        k.ditutup_pada = timezone.now()
        alasan_riwayat(k, alasan=ALASAN_ATASAN_BERGANTI, oleh=oleh)
        k.save(update_fields=["status", "catatan_evaluasi", "ditutup_pada", "diubah"])
        # the former coach no longer opens the agreement: no link for them
        for penerima, tautan in ((k.pegawai, _tautan(k)), (k.atasan, "")):
            notifikasi_kirim(
                penerima=penerima, judul="Kesepakatan coaching dibatalkan: atasan langsung berganti",
                pesan=f"{k.tujuan}\n{alasan}", tautan=tautan,
            )
        n += 1
    return n


def atasan_berganti_diterima(sender: Any, *, pegawai: Pegawai, lama: Pegawai | None, baru: Pegawai | None,
                             oleh: Any = None, **_: Any) -> None:
    """Receiver of `bangkom.pegawai.sinyal.atasan_berganti` (connected in `apps.py`)."""
    kesepakatan_akhiri_atasan_berganti(pegawai=pegawai, lama=lama, baru=baru, oleh=oleh)


def coaching_sesi_catat(
    *, kesepakatan: KesepakatanCoaching, oleh: Pegawai, isi: IsiSesi, id_klien: uuid.UUID | None = None,
) -> Sesi:
    """The coach or the coachee logs a session of the agreement (`isi`, from `SesiForm.isi()`);
    it counts once the coach initialled it and the coachee confirmed it (logging it is the
    coachee's confirmation). All guards (acknowledged agreement, period, closed agreement, future,
    duplicate, overlap) are the shared ones of `sesi_catat`."""
    if oleh.pk not in (kesepakatan.atasan_id, kesepakatan.pegawai_id):
        raise PermissionDenied("Hanya coach dan pegawai kesepakatan ini yang dapat mencatat sesi.")
    return sesi_catat(
        jenis=Sesi.Jenis.COACHING, induk=kesepakatan, pembimbing=kesepakatan.atasan, peserta=[kesepakatan.pegawai],
        isi=isi, dicatat_oleh=oleh, id_klien=id_klien,
    )


def kabari_paraf(kesepakatan: KesepakatanCoaching, *, sesi: Sesi, setuju: bool, oleh: Pegawai) -> None:
    """The paraf hook (registered in `apps.py`): the coach initials their own entry, so the coachee
    is told that the session was initialled (with the JP and why) or rejected."""
    for ps in sesi.peserta.select_related("pegawai", "kegiatan"):
        kg = ps.kegiatan
        if setuju:
            judul = f"Sesi coaching {sesi.tanggal:%d-%m-%Y} diparaf"
            pesan = f"{sesi.materi}: {kg.alasan}"
        else:
            judul = f"Sesi coaching {sesi.tanggal:%d-%m-%Y} ditolak"
            pesan = f"{sesi.materi}. Alasan: {kg.alasan_status}"
        notifikasi_kirim(penerima=ps.pegawai, judul=judul, pesan=pesan, tautan=_tautan(kesepakatan))


@transaction.atomic
def kesepakatan_ingatkan_berakhir(*, hari_ini: date | None = None) -> int:
    """Remind coach and coachee of every running agreement that ends within 7 days, once per
    agreement (cron: `manage.py pengingat_coaching`). Returns how many agreements were reminded."""
    hari_ini = hari_ini or timezone.localdate()
    batas = hari_ini + timedelta(days=HARI_PENGINGAT)
    akan_berakhir = KesepakatanCoaching.objects.select_for_update().filter(
        status=KesepakatanCoaching.Status.BERJALAN, selesai__gte=hari_ini, selesai__lte=batas,
        pengingat_dikirim__isnull=True,
    ).select_related("atasan", "pegawai")
    jumlah = 0
    for k in akan_berakhir:
        sisa = (k.selesai - hari_ini).days
        kapan = "hari ini" if sisa == 0 else f"{sisa} hari lagi"
        for penerima in (k.atasan, k.pegawai):
            notifikasi_kirim(
                penerima=penerima,
                judul=f"Kesepakatan coaching berakhir {kapan} ({k.selesai:%d-%m-%Y})",
                pesan=f"{k}. Lengkapi sesi dan evaluasinya sebelum periode berakhir.",
                tautan=_tautan(k),
            )
        k.pengingat_dikirim = hari_ini
        k.save(update_fields=["pengingat_dikirim"])
        jumlah += 1
    return jumlah


# --- appointed coaches (RULES §4 "Who coaches") ---


def penunjukan_berlaku(
    *, coach: Pegawai, tanggal: date, pegawai: Pegawai | None = None, pegawai_id: int | None = None
) -> PenunjukanCoach | None:
    """The appointment of `coach` for the employee in force on `tanggal` (overlaps are refused, so one)."""
    pid = pegawai.pk if pegawai is not None else pegawai_id
    if pid is None:
        return None
    return (
        PenunjukanCoach.objects.filter(PenunjukanCoach.berlaku_q(tanggal), coach=coach, pegawai_id=pid)
        .order_by("mulai", "pk").first()
    )


def _nama_pengguna(user) -> str:
    p = peran(user)
    return p.pegawai.nama_lengkap if p.pegawai is not None else user.get_username()


def peringatan_sertifikat(*, profil: Mentor, mulai: date, selesai: date) -> list[str]:
    """Warnings (not refusals) about the coach's certificate over the appointment's period."""
    if not profil.bersertifikat:
        return [f"{profil.pegawai.nama} belum bersertifikat coach; dicatat sebagai coach belum bersertifikat."]
    sampai = profil.sertifikat_berlaku_sampai
    if sampai is not None and sampai < mulai:
        return [f"Sertifikat {profil.pegawai.nama} ({profil.uraian_sertifikat}) sudah tidak berlaku sejak "
                f"{sampai + timedelta(days=1):%d-%m-%Y}."]
    if sampai is not None and sampai < selesai:
        return [f"Sertifikat {profil.pegawai.nama} berakhir {sampai:%d-%m-%Y}, sebelum penunjukan selesai."]
    return []


@transaction.atomic
def penunjukan_buat(
    *,
    oleh,
    pegawai: Pegawai,
    coach: Pegawai,
    mulai: date,
    selesai: date,
    alasan: str,
    tetap_meski_kedaluwarsa: bool = False,
    hari_ini: date | None = None,
) -> PenunjukanCoach:
    """The kepala OPD (for their OPD's employees) or BPSDM (anyone) appoints a registered coach
    (`pegawai.Mentor`, certified or not) for one employee for a period (decisions in RULES §4 and
    docs/panduan): not backdated, inside one calendar year (this year or next), no overlapping
    appointment of the same coach for the same employee. An expired certificate does not refuse the
    appointment (uncertified coaches may be appointed, and certified ones are few) but must be
    confirmed (`tetap_meski_kedaluwarsa`); the certificate's state is kept on the appointment."""
    hari_ini = hari_ini or timezone.localdate()
    if not boleh_tunjuk_coach(oleh, pegawai):
        raise PermissionDenied("Anda tidak berhak menunjuk coach untuk pegawai ini.")
    Pegawai.objects.select_for_update().filter(pk=pegawai.pk).first()  # one appointment of a pair at a time
    galat: dict[str, list[str]] = {}
    profil = Mentor.objects.filter(pegawai=coach).select_related("pegawai").first()
    if not pegawai.aktif:
        galat["pegawai"] = [f"{pegawai.nama} tidak aktif."]
    if coach.pk == pegawai.pk:
        galat["coach"] = ["Pegawai tidak dapat ditunjuk sebagai coach bagi dirinya sendiri."]
    elif profil is None:
        galat["coach"] = [
            f"{coach.nama} belum terdaftar sebagai coach/mentor. Minta Pengelola BPSDM mendaftarkannya di "
            "Mentor terdaftar lebih dulu."
        ]
    elif not profil.aktif or not coach.aktif:
        galat["coach"] = [f"{coach.nama} tidak aktif sebagai coach/mentor terdaftar."]
    elif pegawai.atasan_id == coach.pk:
        galat["coach"] = [
            f"{coach.nama} adalah atasan langsung {pegawai.nama} dan sudah dapat melakukan coaching tanpa penunjukan."
        ]
    if mulai < hari_ini:
        galat["mulai"] = ["Tanggal mulai tidak boleh sebelum hari ini: penunjukan tidak berlaku surut."]
    elif mulai.year > hari_ini.year + 1:
        galat["mulai"] = ["Penunjukan hanya dapat dibuat untuk tahun ini atau tahun depan."]
    if selesai < mulai:
        galat["selesai"] = ["Tanggal selesai harus sama dengan atau setelah tanggal mulai."]
    elif selesai.year != mulai.year:
        galat["selesai"] = [
            f"Periode penunjukan harus dalam satu tahun kalender (paling lambat 31-12-{mulai.year}), "
            "seperti perhitungan JP tahunan."
        ]
    if not alasan.strip():
        galat["alasan"] = ["Alasan penunjukan wajib diisi."]
    if "coach" not in galat and "selesai" not in galat and "mulai" not in galat:
        bentrok = PenunjukanCoach.objects.filter(
            pegawai=pegawai, coach=coach, diakhiri_pada__isnull=True, mulai__lte=selesai, selesai__gte=mulai
        ).first()
        if bentrok is not None:
            galat["mulai"] = [
                f"{coach.nama} sudah ditunjuk sebagai coach {pegawai.nama} untuk periode yang beririsan "
                f"({bentrok.mulai:%d-%m-%Y} s.d. {bentrok.selesai:%d-%m-%Y})."
            ]
        elif (
            profil is not None and profil.bersertifikat and profil.sertifikat_berlaku_sampai is not None
            and profil.sertifikat_berlaku_sampai < mulai and not tetap_meski_kedaluwarsa
        ):
            galat["tetap_meski_kedaluwarsa"] = [
                f"Sertifikat coach {coach.nama} ({profil.uraian_sertifikat}) sudah kedaluwarsa pada tanggal "
                "mulai. Centang \"Tetap tunjuk\" untuk menunjuknya sebagai coach belum bersertifikat, atau pilih "
                "coach lain."
            ]
    if galat or profil is None:  # no registered profile is always an error above
        raise ValidationError(galat)
    sebagai = PenunjukanCoach.Sebagai.BPSDM if peran(oleh).bpsdm else PenunjukanCoach.Sebagai.KEPALA_OPD
    p = PenunjukanCoach(
        pegawai=pegawai, coach=coach, mulai=mulai, selesai=selesai, alasan=alasan.strip(), ditunjuk_oleh=oleh,
        ditunjuk_sebagai=sebagai, sertifikat_saat_ditunjuk=profil.uraian_sertifikat[:300],
    )
    alasan_riwayat(p, alasan=f"Ditunjuk oleh {_nama_pengguna(oleh)} ({p.get_ditunjuk_sebagai_display()}): {p.alasan}",
                   oleh=oleh)
    p.save()
    periode = f"{mulai:%d-%m-%Y} s.d. {selesai:%d-%m-%Y}"
    notifikasi_kirim(
        penerima=coach, judul=f"Anda ditunjuk sebagai coach {pegawai.nama}",
        pesan=f"Periode {periode}. Alasan: {p.alasan}. Anda dapat membuat kesepakatan coaching selama periode ini.",
        tautan=reverse("coaching:saya-coach"),
    )
    penerima = [pegawai]
    if pegawai.atasan is not None and pegawai.atasan_id != coach.pk:
        penerima.append(pegawai.atasan)
    for orang in penerima:
        notifikasi_kirim(
            penerima=orang, judul=f"{coach.nama} ditunjuk sebagai coach {pegawai.nama}",
            pesan=f"Periode {periode}. Alasan: {p.alasan}.", tautan=reverse("coaching:daftar"), email=False,
        )
    return p


@transaction.atomic
def penunjukan_akhiri(
    *, penunjukan: PenunjukanCoach, oleh, alasan: str, hari_ini: date | None = None
) -> PenunjukanCoach:
    """End an appointment early, with a reason (kepala OPD of the employee, or BPSDM). The coach can
    no longer open agreements with the employee, and the running agreements opened under it are
    cancelled with that reason (access follows the current relationship); initialled sessions keep
    their JP."""
    hari_ini = hari_ini or timezone.localdate()
    p = PenunjukanCoach.objects.select_for_update().select_related("pegawai", "coach").get(pk=penunjukan.pk)
    if not boleh_tunjuk_coach(oleh, p.pegawai):
        raise PermissionDenied("Anda tidak berhak mengakhiri penunjukan coach ini.")
    if p.diakhiri:
        raise ValidationError("Penunjukan ini sudah diakhiri.")
    if p.selesai < hari_ini:
        raise ValidationError("Masa penunjukan ini sudah selesai; tidak ada yang perlu diakhiri.")
    if not alasan.strip():
        raise ValidationError({"alasan_akhir": ["Alasan mengakhiri penunjukan wajib diisi."]})
    nama = _nama_pengguna(oleh)
    p.diakhiri_pada = timezone.now()
    p.diakhiri_oleh = oleh
    p.alasan_akhir = alasan.strip()
    alasan_riwayat(p, alasan=f"Diakhiri oleh {nama}: {p.alasan_akhir}", oleh=oleh)
    p.save(update_fields=["diakhiri_pada", "diakhiri_oleh", "alasan_akhir", "diubah"])
    for k in KesepakatanCoaching.objects.select_for_update().filter(
        penunjukan=p, status=KesepakatanCoaching.Status.BERJALAN
    ):
        k.status = KesepakatanCoaching.Status.DIBATALKAN
        k.catatan_evaluasi = f"Dibatalkan karena penunjukan coach diakhiri oleh {nama}. Alasan: {p.alasan_akhir}"
        k.ditutup_pada = p.diakhiri_pada
        alasan_riwayat(k, alasan="Penunjukan coach diakhiri", oleh=oleh)
        k.save(update_fields=["status", "catatan_evaluasi", "ditutup_pada", "diubah"])
    for orang in (p.coach, p.pegawai):
        notifikasi_kirim(
            penerima=orang, judul=f"Penunjukan {p.coach.nama} sebagai coach {p.pegawai.nama} diakhiri",
            pesan=f"Alasan: {p.alasan_akhir}. Kesepakatan coaching yang masih berjalan dari penunjukan ini dibatalkan.",
            tautan=reverse("coaching:daftar"),
        )
    return p
