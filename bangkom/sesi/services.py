"""Writes for sessions and evaluations. Each participant's credit goes through the JP ledger,
so coaching and mentoring share the guards, the paraf and the recompute of `jp_conversion`."""
from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from bangkom.lib.model import alasan_riwayat
from bangkom.notifikasi.services import notifikasi_kirim, notifikasi_selesai
from bangkom.pegawai.models import Pegawai
from bangkom.sesi.likert import rekap
from jp_conversion import rules
from jp_conversion.models import Kegiatan, StatusKegiatan
from jp_conversion.penjaga import kunci_pegawai, paraf_tujuan
from jp_conversion.services import (
    kegiatan_batal_paraf,
    kegiatan_catat,
    kegiatan_hapus,
    kegiatan_paraf,
    kegiatan_validasi,
    pratinjau_kredit,
)

from .kontrak import IsiSesi, kabari_paraf
from .models import Evaluasi, IndikatorEvaluasi, Konfirmasi, Paraf, PesertaSesi, Sesi, SkorEvaluasi, tipe_induk

HARI_PENGINGAT_KONFIRMASI = 7


def _validasi_induk(induk, tanggal: date) -> None:
    # The relationship says why it takes no session yet (an agreement not acknowledged, a request
    # not accepted: RULES §3, no session before the konsensus), in its own words.
    belum = getattr(induk, "alasan_tolak_sesi", None)
    if belum:
        raise ValidationError({"tanggal": belum})
    if not induk.menerima_sesi:
        raise ValidationError({"tanggal": f"{induk} sudah ditutup atau belum berjalan; sesi baru tidak dapat dicatat."})
    periode = induk.periode_sesi()
    if periode is not None:
        mulai, selesai = periode
        if mulai and tanggal < mulai:
            raise ValidationError({"tanggal": f"Tanggal sebelum periode dimulai ({mulai:%d-%m-%Y})."})
        if selesai and tanggal > selesai:
            raise ValidationError({"tanggal": f"Tanggal setelah periode berakhir ({selesai:%d-%m-%Y})."})


@transaction.atomic
def sesi_catat(
    *,
    jenis: str,
    induk,
    pembimbing: Pegawai,
    peserta: list[Pegawai],
    isi: IsiSesi,
    dicatat_oleh: Pegawai | None = None,
    id_klien: uuid.UUID | None = None,
) -> Sesi:
    """Record a session with a ledger row for each participant, waiting for both parties. Who
    logs it (`dicatat_oleh`, default the pembimbing) stands behind it: a participant who logs it
    has confirmed it (the pembimbing still initials it); the pembimbing who logs it still initials
    it, and each participant confirms their own row. Every guard of every participant is checked
    before anything is written; errors name the participant. The session's fields come as `isi`
    (`SesiForm.isi()`). `id_klien` (the id a phone gave an entry kept offline) makes the call
    idempotent per author: sent again, it answers the session already recorded, without a second row
    and without re-checking the guards."""
    tanggal, mulai, selesai, materi, lingkup = isi.tanggal, isi.mulai, isi.selesai, isi.materi, isi.lingkup
    if not peserta:
        raise ValidationError("Sesi memerlukan paling sedikit satu peserta.")
    dicatat_oleh = dicatat_oleh or pembimbing
    if dicatat_oleh.pk != pembimbing.pk and dicatat_oleh.pk not in {p.pk for p in peserta}:
        raise PermissionDenied("Sesi hanya dapat dicatat oleh pembimbing atau pesertanya.")
    if id_klien is not None and (sudah := _sesi_klien(dicatat_oleh, id_klien)) is not None:
        return sudah
    _validasi_induk(induk, tanggal)
    galat: dict[str, list[str]] = {}
    for p in peserta:
        try:
            kegiatan_validasi(pegawai=p, jenis=jenis, tanggal=tanggal, mulai=mulai, selesai=selesai, materi=materi)
        except ValidationError as exc:
            for field, pesan in exc.message_dict.items():
                awalan = f"{p.nama}: " if len(peserta) > 1 else ""
                galat.setdefault(field, []).extend(f"{awalan}{m}" for m in pesan)
    if galat:
        raise ValidationError(galat)
    try:
        with transaction.atomic():
            sesi = Sesi.objects.create(
                jenis=jenis, induk_tipe=tipe_induk(induk), induk_id=induk.pk, pembimbing=pembimbing,
                dicatat_oleh=dicatat_oleh, id_klien=id_klien, **(asdict(isi) | {"materi": materi.strip()}),
            )
    except IntegrityError:  # the same entry sent twice at once: the other request recorded it
        if id_klien is None or (sudah := _sesi_klien(dicatat_oleh, id_klien)) is None:
            raise
        return sudah
    sekarang = timezone.now()
    for p in sorted(peserta, key=lambda p: p.pk):  # employee order = the ledger's lock order
        kegiatan = kegiatan_catat(
            pegawai=p, jenis=jenis, tanggal=tanggal, materi=sesi.materi, pembimbing=pembimbing, lingkup=lingkup,
            mulai=mulai, selesai=selesai, sumber=sesi,
        )
        sendiri = p.pk == dicatat_oleh.pk
        PesertaSesi.objects.create(
            sesi=sesi, pegawai=p, kegiatan=kegiatan,
            konfirmasi=Konfirmasi.DIKONFIRMASI if sendiri else Konfirmasi.MENUNGGU,
            dikonfirmasi_pada=sekarang if sendiri else None,
        )
    _kabari_tercatat(sesi, induk=induk)
    return sesi


def _sesi_klien(dicatat_oleh: Pegawai, id_klien: uuid.UUID) -> Sesi | None:
    return Sesi.objects.filter(dicatat_oleh=dicatat_oleh, id_klien=id_klien).first()


def _tautan(sesi: Sesi) -> str:
    return reverse("sesi:detail", args=[sesi.pk])


def _kabari_tercatat(sesi: Sesi, *, induk) -> None:
    """Tell the other party that a session awaits them: each participant (to confirm) when the
    pembimbing logged it; the pembimbing (to initial) when a participant did."""
    nama_jenis = sesi.get_jenis_display().lower()
    if sesi.dicatat_oleh_id == sesi.pembimbing_id:
        for ps in sesi.peserta.select_related("pegawai"):
            notifikasi_kirim(
                penerima=ps.pegawai, judul=f"Konfirmasi sesi {nama_jenis} {sesi.tanggal:%d-%m-%Y}",
                pesan=(f"{sesi.pembimbing.nama} mencatat sesi “{sesi.materi}”. Konfirmasi bila sesi ini memang "
                       "berlangsung, atau sanggah dengan alasan."),
                tautan=_tautan(sesi),
            )
    else:
        notifikasi_kirim(
            penerima=sesi.pembimbing, judul=f"Paraf sesi {nama_jenis} {sesi.tanggal:%d-%m-%Y}",
            pesan=f"{sesi.dicatat_oleh.nama} mencatat sesi “{sesi.materi}”. Paraf atau tolak dengan alasan.",
            tautan=_tautan(sesi),
        )


def _kunci_peserta(ps: PesertaSesi) -> PesertaSesi:
    """The one lock order of every two-party write: the employee row first (as the ledger does),
    then the participant row, re-read so the other party's concurrent write is seen."""
    kunci_pegawai(ps.pegawai_id)
    return PesertaSesi.objects.select_for_update().select_related("sesi", "kegiatan").get(pk=ps.pk)


def _setujui_bila_lengkap(ps: PesertaSesi) -> None:
    """THE place where a session becomes counted: the ledger row is approved exactly when both
    parties stood behind it (the pembimbing's paraf, dated when given, and the confirmation),
    whichever came last. Called under `_kunci_peserta`, so two arrivals at once approve once."""
    if ps.lengkap and ps.kegiatan.status == StatusKegiatan.DIAJUKAN:
        kegiatan_paraf(
            kegiatan=ps.kegiatan, oleh=ps.sesi.pembimbing, setuju=True, pada=ps.diparaf_pada, lewat_sumber=True
        )


def _paraf_peserta(ps: PesertaSesi, *, oleh: Pegawai, setuju: bool, alasan: str) -> bool:
    """The pembimbing's side for one participant; whether it changed."""
    ps = _kunci_peserta(ps)
    if ps.sesi.pembimbing_id != oleh.pk:
        raise PermissionDenied("Hanya pembimbing sesi ini yang dapat memberi paraf.")
    tujuan = paraf_tujuan(
        ps.paraf, setuju=setuju, alasan=alasan, menunggu=Paraf.MENUNGGU, disetujui=Paraf.DIPARAF,
        ditolak=Paraf.DITOLAK, yang="Sesi ini sudah diparaf atau ditolak",
    )
    if tujuan is None:
        return False
    if setuju and ps.konfirmasi == Konfirmasi.DISANGGAH:
        # Back with its author: it is corrected (or withdrawn), not initialled as it stands.
        raise ValidationError(
            f"Sesi ini disanggah {ps.pegawai.nama} ({ps.alasan_sanggah}); koreksi atau tarik sesi ini."
        )
    ps.paraf = tujuan
    ps.diparaf_pada = timezone.now()
    ps.save(update_fields=["paraf", "diparaf_pada"])
    if setuju:
        _setujui_bila_lengkap(ps)
    else:
        kegiatan_paraf(kegiatan=ps.kegiatan, oleh=oleh, setuju=False, alasan=alasan, lewat_sumber=True)
    return True


def paraf_dari_buku(*, kegiatan: Kegiatan, oleh: Pegawai, setuju: bool, alasan: str = "") -> Kegiatan:
    """The ledger's paraf of a session's row (e.g. the supervisor's bulk paraf) is the session's
    paraf for that participant: it counts only once the participant confirmed too."""
    _paraf_peserta(kegiatan.peserta_sesi, oleh=oleh, setuju=setuju, alasan=alasan)
    kegiatan.refresh_from_db()
    return kegiatan


def batal_dari_buku(*, kegiatan: Kegiatan, oleh: Pegawai, alasan: str) -> Kegiatan:
    _batal_paraf_peserta(kegiatan.peserta_sesi, oleh=oleh, alasan=alasan)
    kegiatan.refresh_from_db()
    return kegiatan


def sesi_pratinjau(
    *, jenis: str, peserta: list[Pegawai], tanggal: date, lingkup: str
) -> list[tuple[Pegawai, rules.Credit]]:
    """What the session would give each participant if initialled now."""
    return [(p, pratinjau_kredit(pegawai=p, jenis=jenis, tanggal=tanggal, lingkup=lingkup)) for p in peserta]


@transaction.atomic
def sesi_paraf(*, sesi: Sesi, oleh: Pegawai, setuju: bool, alasan: str = "") -> Sesi:
    """Initial (or reject) the session for every participant. Only its pembimbing may. A
    participant's row counts once they confirmed too (either order); a rejection rejects it."""
    if sesi.pembimbing_id != oleh.pk:
        raise PermissionDenied("Hanya pembimbing sesi ini yang dapat memberi paraf.")
    berubah = False
    for ps in sesi.peserta.order_by("pegawai_id"):  # employee order = lock order
        berubah |= _paraf_peserta(ps, oleh=oleh, setuju=setuju, alasan=alasan)
    # The workflow's registered hook tells its participants (only on a change, so a repeated
    # paraf sends nothing).
    if berubah:
        kabari_paraf(sesi.induk, sesi=sesi, setuju=setuju, oleh=oleh)
    notifikasi_selesai(penerima=oleh, tautan=_tautan(sesi))
    return sesi


def _batal_paraf_peserta(ps: PesertaSesi, *, oleh: Pegawai, alasan: str) -> None:
    ps = _kunci_peserta(ps)
    if ps.sesi.pembimbing_id != oleh.pk:
        raise PermissionDenied("Hanya pembimbing sesi ini yang dapat membatalkan paraf.")
    if not alasan.strip():
        raise ValidationError({"alasan": "Alasan pembatalan paraf wajib diisi."})
    if ps.paraf == Paraf.MENUNGGU:
        return
    ps.paraf, ps.diparaf_pada = Paraf.MENUNGGU, None
    ps.save(update_fields=["paraf", "diparaf_pada"])
    kegiatan_batal_paraf(kegiatan=ps.kegiatan, oleh=oleh, alasan=alasan, lewat_sumber=True)


@transaction.atomic
def sesi_batal_paraf(*, sesi: Sesi, oleh: Pegawai, alasan: str) -> Sesi:
    """Withdraw the paraf (the only way to change an initialled session); the reason is kept."""
    if sesi.pembimbing_id != oleh.pk:
        raise PermissionDenied("Hanya pembimbing sesi ini yang dapat membatalkan paraf.")
    for ps in sesi.peserta.order_by("pegawai_id"):
        _batal_paraf_peserta(ps, oleh=oleh, alasan=alasan)
    return sesi


@transaction.atomic
def sesi_konfirmasi(*, sesi: Sesi, oleh: Pegawai, setuju: bool, alasan: str = "") -> PesertaSesi:
    """The participant's side: confirm that their session took place (it counts once the
    pembimbing initialled it too, in either order) or dispute it with a reason. A dispute sends the
    session back to its author (notified, with the reason) and shows it to the kepala OPD. Each
    participant of a group session answers for their own row. Confirming twice is once."""
    ps = PesertaSesi.objects.filter(sesi=sesi, pegawai=oleh).first()
    if ps is None:
        raise PermissionDenied("Hanya peserta sesi ini yang dapat mengonfirmasinya.")
    ps = _kunci_peserta(ps)
    tujuan = Konfirmasi.DIKONFIRMASI if setuju else Konfirmasi.DISANGGAH
    if ps.konfirmasi == tujuan:
        return ps
    if ps.paraf == Paraf.DITOLAK:
        raise ValidationError("Sesi ini sudah ditolak pembimbing; tidak perlu dikonfirmasi.")
    if not setuju:
        if ps.konfirmasi == Konfirmasi.DIKONFIRMASI:
            raise ValidationError("Sesi ini sudah Anda konfirmasi; hubungi pembimbing bila ada kekeliruan.")
        if not alasan.strip():
            raise ValidationError({"alasan": "Alasan sanggahan wajib diisi."})
    ps.konfirmasi = tujuan
    ps.dikonfirmasi_pada = timezone.now() if setuju else None
    ps.alasan_sanggah = "" if setuju else alasan.strip()
    alasan_riwayat(ps, alasan="Dikonfirmasi peserta" if setuju else f"Disanggah: {ps.alasan_sanggah}")
    ps.save(update_fields=["konfirmasi", "dikonfirmasi_pada", "alasan_sanggah"])
    if setuju:
        _setujui_bila_lengkap(ps)
    else:
        sesi = ps.sesi
        notifikasi_kirim(
            penerima=sesi.dicatat_oleh,
            judul=f"Sesi {sesi.get_jenis_display().lower()} {sesi.tanggal:%d-%m-%Y} disanggah {oleh.nama}",
            pesan=f"{sesi.materi}. Alasan: {ps.alasan_sanggah}. Koreksi atau tarik sesi ini.",
            tautan=_tautan(sesi),
        )
    notifikasi_selesai(penerima=oleh, tautan=_tautan(sesi))
    return ps


@transaction.atomic
def sesi_tarik(*, sesi: Sesi, oleh: Pegawai, alasan: str) -> None:
    """The author withdraws a session nobody counts yet (e.g. after a dispute): the session and its
    ledger rows are removed (the history keeps them, with the reason); later sessions move up."""
    if sesi.dicatat_oleh_id != oleh.pk:
        raise PermissionDenied("Hanya pencatat sesi ini yang dapat menariknya.")
    if not alasan.strip():
        raise ValidationError({"alasan": "Alasan penarikan wajib diisi."})
    daftar = [_kunci_peserta(ps) for ps in sesi.peserta.order_by("pegawai_id")]
    if any(ps.kegiatan.status == StatusKegiatan.DISETUJUI for ps in daftar):
        raise ValidationError("Sesi yang sudah dihitung tidak dapat ditarik; minta pembimbing membatalkan paraf.")
    kegiatan = [ps.kegiatan for ps in daftar]
    alasan = f"Ditarik oleh {oleh.nama}: {alasan.strip()}"
    for ps in daftar:
        alasan_riwayat(ps, alasan=alasan)
        ps.delete()
    alasan_riwayat(sesi, alasan=alasan)
    sesi.delete()
    for kg in kegiatan:
        kegiatan_hapus(kegiatan=kg)
    for ps in daftar:
        if ps.pegawai_id != oleh.pk:
            notifikasi_kirim(penerima=ps.pegawai, judul=f"Sesi {sesi.tanggal:%d-%m-%Y} ditarik", pesan=alasan)
    if sesi.pembimbing_id != oleh.pk:
        notifikasi_kirim(penerima=sesi.pembimbing, judul=f"Sesi {sesi.tanggal:%d-%m-%Y} ditarik", pesan=alasan)


@transaction.atomic
def sesi_koreksi(*, sesi: Sesi, oleh: Pegawai, isi: IsiSesi) -> Sesi:
    """The author corrects a session nobody counts yet (e.g. after a dispute): the old one is
    withdrawn and the corrected one logged in its place (same relationship, pembimbing and
    participants), waiting again for the other party. All the guards of `sesi_catat` apply."""
    induk, pembimbing = sesi.induk, sesi.pembimbing
    peserta = [ps.pegawai for ps in sesi.peserta.select_related("pegawai")]
    # A copy is withdrawn: when a guard refuses the correction, everything rolls back and the
    # caller's session (e.g. the correction page showing the refusal) is still whole.
    sesi_tarik(sesi=Sesi.objects.get(pk=sesi.pk), oleh=oleh,
               alasan="dikoreksi; sesi hasil koreksi dicatat sebagai gantinya")
    return sesi_catat(
        jenis=sesi.jenis, induk=induk, pembimbing=pembimbing, peserta=peserta, isi=isi, dicatat_oleh=oleh
    )


@transaction.atomic
def sesi_ingatkan(*, hari_ini: date | None = None) -> int:
    """Remind the other party of every session left unconfirmed (or un-initialled) for 7 days since
    it was logged: the participant to confirm, the pembimbing to initial. Once per participant row
    (cron: `manage.py pengingat_sesi`). Returns how many reminders were sent."""
    hari_ini = hari_ini or timezone.localdate()
    batas = hari_ini - timedelta(days=HARI_PENGINGAT_KONFIRMASI)
    antre = (
        PesertaSesi.objects.filter(
            diingatkan_pada__isnull=True, sesi__dibuat__date__lte=batas, kegiatan__status=StatusKegiatan.DIAJUKAN,
        )
        .exclude(konfirmasi=Konfirmasi.DISANGGAH)
        .select_related("sesi", "sesi__pembimbing", "pegawai")
        .order_by("pk")
    )
    jumlah = 0
    for ps in antre:
        # Claimed once (no lock held): two cron runs at once cannot both remind.
        if not PesertaSesi.objects.filter(pk=ps.pk, diingatkan_pada__isnull=True).update(diingatkan_pada=hari_ini):
            continue
        sesi = ps.sesi
        hari = (hari_ini - timezone.localtime(sesi.dibuat).date()).days
        judul_sesi = f"sesi {sesi.get_jenis_display().lower()} {sesi.tanggal:%d-%m-%Y}"
        kabar = []  # (whom, about what, what they are asked to do)
        if ps.konfirmasi == Konfirmasi.MENUNGGU:
            kabar.append((ps.pegawai, f"konfirmasi {judul_sesi}", "Konfirmasi atau sanggah dengan alasan."))
        if ps.paraf == Paraf.MENUNGGU:
            kabar.append(
                (sesi.pembimbing, f"paraf {judul_sesi} ({ps.pegawai.nama})", "Paraf atau tolak dengan alasan.")
            )
        for penerima, perihal, ajakan in kabar:
            notifikasi_kirim(
                penerima=penerima, judul=f"Pengingat: {perihal}",
                pesan=f"Dicatat {hari} hari yang lalu ({sesi.materi}). {ajakan}", tautan=_tautan(sesi),
            )
        jumlah += len(kabar)
    return jumlah


@transaction.atomic
def evaluasi_simpan(
    *,
    skala: str,
    induk,
    jenis: str,
    pembimbing: Pegawai,
    peserta: Pegawai,
    penilai: Pegawai,
    skor: dict[int, int],
    catatan: str = "",
    kondisi_sebelum: str | None = None,
    kondisi_sesudah: str | None = None,
    iku_opd: str | None = None,
) -> Evaluasi:
    """Store (or replace) one rater's scores for a relationship. `skor` maps indicator id → 1..5;
    every active indicator of the scale must be scored. `kondisi_sebelum` / `kondisi_sesudah` /
    `iku_opd`: the optional results of a mentoring evaluation (condition before and after, the
    OPD's key performance indicator it supports)."""
    if iku_opd is not None and len(iku_opd.strip()) > 300:
        raise ValidationError({"iku_opd": "IKU paling banyak 300 karakter."})
    indikator = list(IndikatorEvaluasi.objects.filter(skala=skala, aktif=True))
    kurang = [i.nama for i in indikator if i.pk not in skor]
    if kurang:
        raise ValidationError("Semua indikator wajib dinilai: " + ", ".join(kurang) + ".")
    for nilai in skor.values():
        if not isinstance(nilai, int) or isinstance(nilai, bool) or not 1 <= nilai <= 5:
            raise ValidationError("Skor harus bilangan bulat 1 sampai 5.")
    evaluasi, _ = Evaluasi.objects.update_or_create(
        skala=skala, induk_tipe=tipe_induk(induk), induk_id=induk.pk, penilai=penilai,
        defaults=dict(
            jenis=jenis, pembimbing=pembimbing, peserta=peserta, tanggal=timezone.localdate(), catatan=catatan,
            # Optional results of the mentoring evaluation; None leaves what was recorded unchanged.
            **{k: v.strip() for k, v in (("kondisi_sebelum", kondisi_sebelum), ("kondisi_sesudah", kondisi_sesudah),
                                         ("iku_opd", iku_opd)) if v is not None},
        ),
    )
    evaluasi.skor.all().delete()
    SkorEvaluasi.objects.bulk_create(
        [SkorEvaluasi(evaluasi=evaluasi, indikator=i, skor=skor[i.pk]) for i in indikator]
    )
    return evaluasi


def evaluasi_rekap(evaluasi_qs, *, skala: str):
    """Likert recap (bangkom.sesi.likert.rekap) over a set of evaluations of one scale, in two queries."""
    skor = SkorEvaluasi.objects.filter(evaluasi__in=evaluasi_qs.filter(skala=skala)).select_related("indikator")
    per_indikator: dict[str, list[int]] = {
        i.nama: [] for i in IndikatorEvaluasi.objects.filter(skala=skala, aktif=True)
    }
    for s in skor:
        per_indikator.setdefault(s.indikator.nama, []).append(s.skor)
    return rekap(per_indikator, skala="kontribusi" if skala == IndikatorEvaluasi.Skala.KONTRIBUSI else "baik")
