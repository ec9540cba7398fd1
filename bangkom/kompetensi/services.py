"""Writes for competencies: the dictionary, standards, assessments, gap dialogs and plans.
Each function is one transaction and raises ValidationError (Indonesian, keyed by form field)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bangkom.notifikasi.services import notifikasi_kirim
from bangkom.pegawai.models import Jabatan, Pegawai
from jp_conversion import rules

from .kesenjangan import rekomendasi_bentuk
from .models import (
    PESAN_IKU_LAIN,
    BarisRencana,
    DialogKesenjangan,
    IndikatorKinerjaUtama,
    JenisKompetensi,
    Kompetensi,
    LevelKompetensi,
    PenilaianKompetensi,
    RencanaPengembangan,
    StandarKompetensi,
    SumberPenilaian,
)
from .ringkasan import ringkasan_opd_hitung
from .selectors import kesenjangan_pegawai


def _cek_level(level, field="level") -> int:
    if level is None or not 1 <= int(level) <= 5:
        raise ValidationError({field: "Level harus antara 1 dan 5."})
    return int(level)


# --- dictionary ---------------------------------------------------------------------------------
@transaction.atomic
def kompetensi_simpan(
    *,
    kompetensi: Kompetensi | None,
    kode: str,
    jenis: str,
    nama: str,
    definisi: str,
    rumpun: str = "",
    aktif: bool = True,
    level: dict[int, tuple[str, str]],
) -> Kompetensi:
    """Create or edit a competency and its five level descriptions {level: (deskripsi, indikator)}."""
    galat = {}
    if jenis == JenisKompetensi.TEKNIS and not rumpun.strip():
        galat["rumpun"] = "Kompetensi teknis wajib diisi rumpun/bidangnya."
    lain = Kompetensi.objects.filter(kode=kode)
    if kompetensi is not None:
        lain = lain.exclude(pk=kompetensi.pk)
    if lain.exists():
        galat["kode"] = f"Kode '{kode}' sudah dipakai kompetensi lain."
    kosong = [str(n) for n in range(1, 6) if not (level.get(n) or ("", ""))[0].strip()]
    if kosong:
        galat["__all__"] = "Deskripsi level " + ", ".join(kosong) + " wajib diisi."
    if galat:
        raise ValidationError(galat)
    if kompetensi is None:
        kompetensi = Kompetensi()
    kompetensi.kode, kompetensi.jenis, kompetensi.nama = kode, jenis, nama.strip()
    kompetensi.definisi, kompetensi.rumpun, kompetensi.aktif = definisi.strip(), rumpun.strip(), aktif
    kompetensi.save()
    for n in range(1, 6):
        deskripsi, indikator = level[n]
        LevelKompetensi.objects.update_or_create(
            kompetensi=kompetensi, level=n, defaults={"deskripsi": deskripsi.strip(), "indikator": indikator.strip()}
        )
    return kompetensi


# --- standards ----------------------------------------------------------------------------------
@transaction.atomic
def standar_simpan(*, jabatan: Jabatan, level: dict[int, int | None]) -> dict[str, int]:
    """Set the standard of one position: {kompetensi_id: required level, or None to remove}.
    Competencies not in `level` are left as they are."""
    for kid, lv in level.items():
        if lv is not None:
            _cek_level(lv, field=f"kompetensi_{kid}")
    ada = {s.kompetensi_id: s for s in StandarKompetensi.objects.filter(jabatan=jabatan, kompetensi_id__in=level)}
    hitung = {"dibuat": 0, "diperbarui": 0, "dihapus": 0}
    for kid, lv in level.items():
        s = ada.get(kid)
        if lv is None:
            if s is not None:
                s.delete()
                hitung["dihapus"] += 1
        elif s is None:
            StandarKompetensi.objects.create(jabatan=jabatan, kompetensi_id=kid, level_standar=lv)
            hitung["dibuat"] += 1
        elif s.level_standar != lv:
            s.level_standar = lv
            s.save(update_fields=["level_standar"])
            hitung["diperbarui"] += 1
    return hitung


# --- assessments --------------------------------------------------------------------------------
@transaction.atomic
def penilaian_catat(
    *,
    pegawai: Pegawai,
    kompetensi: Kompetensi,
    level: int,
    sumber: str,
    tanggal: date,
    penilai: Pegawai | None,
    catatan: str = "",
) -> PenilaianKompetensi:
    """Record an assessment result. Earlier results stay as history; the latest by date counts.
    Who may record which source is decided by kompetensi.akses.sumber_penilaian_boleh."""
    galat = {}
    if tanggal > timezone.localdate():
        galat["tanggal"] = "Tanggal penilaian tidak boleh di masa depan."
    if sumber not in SumberPenilaian.values:
        galat["sumber"] = "Sumber penilaian tidak dikenal."
    if not kompetensi.aktif:
        galat["kompetensi"] = "Kompetensi ini sudah tidak aktif."
    if level is None or not 1 <= int(level) <= 5:
        galat["level"] = "Level harus antara 1 dan 5."
    if galat:
        raise ValidationError(galat)
    penilaian = PenilaianKompetensi.objects.create(
        pegawai=pegawai, kompetensi=kompetensi, level=int(level), sumber=sumber, tanggal=tanggal,
        penilai=penilai, catatan=catatan.strip(),
    )
    ringkasan_opd_hitung(opd_ids=[pegawai.opd_id])  # the province gap summary, in this transaction
    return penilaian


# --- gap dialog ---------------------------------------------------------------------------------
def _tautan_dialog(dialog: DialogKesenjangan) -> str:
    return reverse("kompetensi:dialog", args=[dialog.pegawai_id, dialog.kompetensi_id]) + f"?tahun={dialog.tahun}"


@transaction.atomic
def dialog_simpan(
    *,
    pegawai: Pegawai,
    kompetensi: Kompetensi,
    tahun: int,
    penyebab: str,
    bentuk_dipilih: str = "",
    alasan: str = "",
    catatan: str = "",
    oleh: Pegawai,
) -> DialogKesenjangan:
    """Record (or revise) the gap dialog of one competency and year. The saver confirms their
    side; a revision asks the other side to confirm again. `bentuk_dipilih` empty = the
    recommendation; another form needs `alasan`."""
    butir = {b.kompetensi.pk: b for b in kesenjangan_pegawai(pegawai).butir}.get(kompetensi.pk)
    if butir is None or butir.selisih <= 0:
        raise ValidationError(
            "Tidak ada kesenjangan pada kompetensi ini (sudah memenuhi standar, belum dinilai, atau tidak ada "
            "dalam standar jabatan); dialog kesenjangan tidak diperlukan."
        )
    try:
        rekomendasi, penjelasan = rekomendasi_bentuk(butir.selisih, penyebab)
    except ValueError:
        raise ValidationError({"penyebab": "Pilih penyebab kesenjangan."}) from None
    bentuk_dipilih = bentuk_dipilih or rekomendasi
    if bentuk_dipilih not in rules.FORMS:
        raise ValidationError({"bentuk_dipilih": "Bentuk pengembangan tidak dikenal."})
    if bentuk_dipilih != rekomendasi and not alasan.strip():
        raise ValidationError(
            {"alasan": "Tuliskan alasan memilih bentuk yang berbeda dari rekomendasi."}
        )
    if bentuk_dipilih == rekomendasi:
        alasan = ""
    sebagai_atasan = pegawai.atasan_id == oleh.pk
    if not sebagai_atasan and oleh.pk != pegawai.pk:
        raise ValidationError("Dialog kesenjangan hanya diisi oleh pegawai dan atasan langsungnya.")
    dialog = DialogKesenjangan.objects.select_for_update().filter(
        pegawai=pegawai, kompetensi=kompetensi, tahun=tahun
    ).first() or DialogKesenjangan(pegawai=pegawai, kompetensi=kompetensi, tahun=tahun)
    isi_baru = dict(
        level_standar=butir.standar, level_saat_ini=butir.saat_ini, penyebab=penyebab,
        bentuk_rekomendasi=rekomendasi, penjelasan_rekomendasi=penjelasan, bentuk_dipilih=bentuk_dipilih,
        alasan=alasan.strip(), catatan=catatan.strip(),
    )
    berubah = dialog.pk is None or any(getattr(dialog, f) != v for f, v in isi_baru.items())
    for f, v in isi_baru.items():
        setattr(dialog, f, v)
    sekarang = timezone.now()
    if berubah:  # the other party agreed to something else: ask again
        dialog.dikonfirmasi_atasan, dialog.dikonfirmasi_atasan_pada = None, None
        dialog.dikonfirmasi_pegawai_pada = None
    if sebagai_atasan:
        dialog.dikonfirmasi_atasan, dialog.dikonfirmasi_atasan_pada = oleh, sekarang
    else:
        dialog.dikonfirmasi_pegawai_pada = sekarang
    dialog.save()
    if berubah:
        penerima = pegawai if sebagai_atasan else pegawai.atasan
        if penerima is not None:
            notifikasi_kirim(
                penerima=penerima,
                judul=f"Konfirmasi dialog kesenjangan {kompetensi.nama} {tahun}",
                pesan=f"{oleh.nama_lengkap} mencatat dialog kesenjangan kompetensi {kompetensi.nama} "
                      f"({pegawai.nama_lengkap}). Mohon periksa dan konfirmasi.",
                tautan=_tautan_dialog(dialog),
            )
    return dialog


@transaction.atomic
def dialog_konfirmasi(*, dialog: DialogKesenjangan, oleh: Pegawai) -> DialogKesenjangan:
    """The other party confirms the dialog as recorded (idempotent)."""
    dialog = DialogKesenjangan.objects.select_for_update().get(pk=dialog.pk)
    sekarang = timezone.now()
    if dialog.pegawai.atasan_id == oleh.pk:
        if dialog.dikonfirmasi_atasan_pada is None:
            dialog.dikonfirmasi_atasan, dialog.dikonfirmasi_atasan_pada = oleh, sekarang
    elif dialog.pegawai_id == oleh.pk:
        if dialog.dikonfirmasi_pegawai_pada is None:
            dialog.dikonfirmasi_pegawai_pada = sekarang
    else:
        raise ValidationError("Dialog kesenjangan hanya dikonfirmasi oleh pegawai dan atasan langsungnya.")
    dialog.save()
    return dialog


# --- development plan ---------------------------------------------------------------------------
@transaction.atomic
def rencana_baris_tambah(
    *,
    pegawai: Pegawai,
    tahun: int,
    bentuk: str,
    uraian: str,
    jp_direncanakan: Decimal,
    bulan_mulai: int,
    bulan_selesai: int,
    kompetensi: Kompetensi | None = None,
    dialog: DialogKesenjangan | None = None,
    iku: IndikatorKinerjaUtama | None = None,
) -> BarisRencana:
    """Add one planned activity to the employee's plan of `tahun` (the plan is created on first use)."""
    galat = {}
    if bentuk not in rules.FORMS:
        galat["bentuk"] = "Bentuk pengembangan tidak dikenal."
    if jp_direncanakan is None or jp_direncanakan <= 0:
        galat["jp_direncanakan"] = "JP direncanakan harus lebih dari 0."
    elif jp_direncanakan > 200:
        galat["jp_direncanakan"] = "JP direncanakan untuk satu kegiatan paling banyak 200."
    if not (1 <= bulan_mulai <= 12 and 1 <= bulan_selesai <= 12):
        galat["bulan_mulai"] = "Bulan harus antara Januari dan Desember."
    elif bulan_selesai < bulan_mulai:
        galat["bulan_selesai"] = "Bulan selesai tidak boleh sebelum bulan mulai."
    if not uraian.strip():
        galat["uraian"] = "Uraian kegiatan wajib diisi."
    if dialog is not None:
        if dialog.pegawai_id != pegawai.pk or dialog.tahun != tahun:
            galat["dialog"] = "Dialog kesenjangan bukan milik pegawai dan tahun rencana ini."
        elif kompetensi is None:
            kompetensi = dialog.kompetensi
    if iku is not None and (iku.opd_id != pegawai.opd_id or iku.tahun != tahun):
        galat["iku"] = PESAN_IKU_LAIN
    if galat:
        raise ValidationError(galat)
    rencana, _ = RencanaPengembangan.objects.get_or_create(pegawai=pegawai, tahun=tahun)
    return BarisRencana.objects.create(
        rencana=rencana, kompetensi=kompetensi, dialog=dialog, bentuk=bentuk, uraian=uraian.strip(),
        jp_direncanakan=jp_direncanakan, bulan_mulai=bulan_mulai, bulan_selesai=bulan_selesai, iku=iku,
    )


@transaction.atomic
def rencana_baris_hapus(*, baris: BarisRencana) -> None:
    baris.delete()
