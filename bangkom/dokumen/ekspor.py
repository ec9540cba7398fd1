"""Background export jobs (`ProsesEkspor`) and the bulk export of activity sheets.

The job mechanism is shared by every kind of export: `ekspor_antrekan` hands a job to its Celery
task (eagerly when no broker is configured, in-process when the configured broker cannot be
reached) and `proses_jalankan` runs a job's builder, keeping progress, the result file and any
failure on the job. The progress page, status JSON and download view in `views` serve them all.

Activity sheets: every employee of an OPD (or a unit and its sub-units)
with approved activities of the chosen kinds in a year gets one issued sheet per kind, written into
one ZIP with an index. One failing sheet is listed in the index and does not stop the rest. The
20-JP compliance report builds its file through the same job (`bangkom.dasbor.ekspor`)."""
from __future__ import annotations

import csv
import io
import logging
import uuid
import zipfile
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone

from bangkom.lib.sel import baris_csv
from bangkom.lib.tugas import jalankan_tugas
from bangkom.notifikasi.services import notifikasi_kirim, notifikasi_selesai
from bangkom.pegawai.models import Pegawai, PerangkatDaerah, UnitKerja
from jp_conversion.models import Kegiatan, StatusKegiatan

from . import lembar
from .akses import wajib_ekspor_opd
from .models import JenisLembar, ProsesEkspor

log = logging.getLogger(__name__)

KOLOM_INDEKS = ["no", "nip", "nama", "jenis", "berkas", "kode_verifikasi", "sha256", "status", "keterangan"]
HARI_DI_MENUNGGU_SAYA = 14  # a ready export not downloaded within this many days leaves "Menunggu saya"
CATATAN_TANPA_BROKER = (
    "Antrean tugas (broker) tidak dapat dihubungi; ekspor dijalankan langsung oleh server web."
)


def _unit_dan_turunan(unit: UnitKerja) -> list[int]:
    ids, lapis = [unit.pk], [unit.pk]
    while lapis:
        lapis = list(UnitKerja.objects.filter(induk_id__in=lapis).values_list("pk", flat=True))
        ids.extend(lapis)
    return ids


def pasangan_ekspor(
    *, opd: PerangkatDaerah, jenis: Iterable[str], tahun: int, unit: UnitKerja | None = None,
) -> list[tuple[Pegawai, str]]:
    """(employee, kind) pairs that get a sheet: those with approved activities of that kind."""
    jenis = [j for j in JenisLembar.values if j in set(jenis)]
    qs = Kegiatan.objects.filter(
        pegawai__opd=opd, jenis__in=jenis, tahun=tahun, status=StatusKegiatan.DISETUJUI
    )
    if unit is not None:
        qs = qs.filter(pegawai__unit_id__in=_unit_dan_turunan(unit))
    ada = set(qs.values_list("pegawai_id", "jenis").distinct())
    pegawai = Pegawai.objects.filter(pk__in={p for p, _ in ada}).select_related(
        "opd__instansi", "opd__kepala", "unit", "jabatan", "atasan"
    ).order_by("nama", "nip")
    return [(p, j) for p in pegawai for j in jenis if (p.pk, j) in ada]


def zip_tulis(
    *, pasangan: list[tuple[Pegawai, str]], tahun: int, tujuan, oleh=None,
    kemajuan: Callable[[int, int], None] | None = None, situs: str = "",
) -> tuple[int, list[str]]:
    """Issue every sheet into a ZIP at `tujuan` (path or binary file) with `indeks.csv`.
    `situs`: the requester's recorded address (QR codes in development; SITUS_URL otherwise).
    Returns (number written, failure descriptions)."""
    mulai, selesai = lembar.periode_tahun(tahun)
    indeks = io.StringIO()
    tulis = csv.writer(indeks)
    tulis.writerow(KOLOM_INDEKS)
    berhasil, gagal = 0, []
    with zipfile.ZipFile(tujuan, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for no, (pegawai, jenis) in enumerate(pasangan, start=1):
            label = JenisLembar(jenis).label
            try:
                terbit, pdf = lembar.lembar_terbitkan(
                    pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai, oleh=oleh, situs=situs,
                )
                nama = f"{pegawai.nip}/{lembar.nama_berkas(terbit)}"
                zf.writestr(nama, pdf)
                tulis.writerow(baris_csv([no, pegawai.nip, pegawai.nama_lengkap, label, nama, terbit.kode,
                                          terbit.sha256, "berhasil", ""]))
                berhasil += 1
            except Exception as exc:  # one sheet must not stop the others; it is reported instead
                log.exception("Lembar %s %s gagal dibuat", pegawai.nip, jenis)
                pesan = f"{type(exc).__name__}: {exc}"[:500]
                tulis.writerow(baris_csv([no, pegawai.nip, pegawai.nama_lengkap, label, "", "", "", "GAGAL", pesan]))
                gagal.append(f"{pegawai.nip} {label}: {pesan}")
            if kemajuan is not None:
                kemajuan(no, len(pasangan))
        zf.writestr("indeks.csv", "\ufeff" + indeks.getvalue())
    return berhasil, gagal


@transaction.atomic
def ekspor_mulai(*, oleh, opd: PerangkatDaerah, jenis: list[str], tahun: int, unit: UnitKerja | None = None,
                 situs: str = "") -> ProsesEkspor:
    """Record a bulk export request (access checked); `ekspor_antrekan` then starts it."""
    wajib_ekspor_opd(oleh, opd)
    if unit is not None and unit.opd_id != opd.pk:
        raise ValueError("Unit kerja tidak berada di perangkat daerah yang dipilih.")
    jenis = [j for j in JenisLembar.values if j in set(jenis)]
    if not jenis:
        raise ValueError("Pilih sedikitnya satu jenis lembar.")
    return ProsesEkspor.objects.create(diminta_oleh=oleh, opd=opd, unit=unit, jenis=jenis, tahun=tahun,
                                       nama_berkas=nama_zip(opd=opd, unit=unit, tahun=tahun), situs=situs[:200])


def ekspor_antrekan(proses: ProsesEkspor, tugas) -> bool:
    """Hand the job to its Celery task (`tasks.ekspor_lembar`, `bangkom.dasbor.tasks.ekspor_laporan_jp`;
    eager without a broker). If the broker is configured but unreachable, it runs here instead of
    hanging, and the job says so. Returns True when it ran in-process."""
    hasil = jalankan_tugas(tugas, proses.pk)
    if hasil.lokal and not tugas.app.conf.task_always_eager:
        ProsesEkspor.objects.filter(pk=proses.pk).update(catatan=CATATAN_TANPA_BROKER)
    return hasil.lokal


Kemajuan = Callable[[int, int], None]  # (items done, total items)
Pembuat = Callable[[ProsesEkspor, Path, Kemajuan], list[str]]  # writes the file; returns failures


def proses_jalankan(*, proses_id: int, buat: Pembuat) -> ProsesEkspor:
    """The body of every export task: `buat` writes the result file under MEDIA_ROOT/ekspor/ and
    reports its progress; an exception marks the job failed with its message."""
    proses = ProsesEkspor.objects.select_related("opd", "unit", "diminta_oleh").get(pk=proses_id)
    if proses.status == ProsesEkspor.Status.SELESAI:
        return proses  # a redelivered task does not build it twice
    try:
        ProsesEkspor.objects.filter(pk=proses.pk).update(
            status=ProsesEkspor.Status.BERJALAN, selesai_n=0, diperbarui=timezone.now()
        )
        folder = Path(settings.MEDIA_ROOT) / "ekspor"
        folder.mkdir(parents=True, exist_ok=True)
        relatif = f"ekspor/{uuid.uuid4().hex}{Path(proses.nama_berkas).suffix}"

        def kemajuan(n: int, total: int) -> None:
            ProsesEkspor.objects.filter(pk=proses.pk).update(selesai_n=n, total=total, diperbarui=timezone.now())

        gagal = buat(proses, Path(settings.MEDIA_ROOT) / relatif, kemajuan)
        ProsesEkspor.objects.filter(pk=proses.pk).update(
            status=ProsesEkspor.Status.SELESAI, berkas=relatif, jumlah_gagal=len(gagal),
            selesai_n=F("total"), galat="\n".join(gagal), diperbarui=timezone.now(),
        )
    except Exception as exc:
        log.exception("Ekspor %s gagal", proses.pk)
        ProsesEkspor.objects.filter(pk=proses.pk).update(
            status=ProsesEkspor.Status.GAGAL, galat=f"{type(exc).__name__}: {exc}"[:2000], diperbarui=timezone.now()
        )
    proses.refresh_from_db()
    _beri_tahu(proses)
    return proses


def _peminta(proses: ProsesEkspor) -> Pegawai | None:
    return Pegawai.objects.filter(user_id=proses.diminta_oleh_id).first()


def _beri_tahu(proses: ProsesEkspor) -> None:
    """The requester is told when the job ends (bell, "Menunggu saya", e-mail), so nobody has to keep
    the progress page open: a ready file links straight to its download, a failure to the job page."""
    penerima = _peminta(proses)
    if penerima is None:
        return
    if proses.status == ProsesEkspor.Status.SELESAI:
        judul, tautan = proses.judul_siap, reverse("dokumen:ekspor-unduh", args=[proses.pk])
    else:
        judul, tautan = f"Ekspor {proses.label_jenis} gagal", reverse("dokumen:ekspor-detail", args=[proses.pk])
    notifikasi_kirim(penerima=penerima, judul=judul, pesan=f"{proses.cakupan}, tahun {proses.tahun}.", tautan=tautan)


def ekspor_diunduh(*, proses: ProsesEkspor, oleh) -> None:
    """The requester downloaded the result: it leaves "Menunggu saya" and its notice is cleared."""
    if oleh.pk != proses.diminta_oleh_id:
        return  # BPSDM looking at someone else's export does not do that person's task
    if proses.diunduh_pada is None:
        ProsesEkspor.objects.filter(pk=proses.pk).update(diunduh_pada=timezone.now())
    penerima = _peminta(proses)
    if penerima is not None:
        notifikasi_selesai(penerima=penerima, tautan=reverse("dokumen:ekspor-unduh", args=[proses.pk]))


def ekspor_siap_diunduh(user) -> QuerySet[ProsesEkspor]:
    """The user's finished exports not downloaded yet (recent ones), for "Menunggu saya"."""
    return ProsesEkspor.objects.filter(
        diminta_oleh_id=getattr(user, "pk", None), status=ProsesEkspor.Status.SELESAI, diunduh_pada__isnull=True,
        dibuat__gte=timezone.now() - timedelta(days=HARI_DI_MENUNGGU_SAYA),
    ).exclude(berkas="").select_related("opd", "unit")


def _zip_lembar(proses: ProsesEkspor, tujuan: Path, kemajuan: Kemajuan) -> list[str]:
    if proses.opd is None:  # ekspor_mulai always records the OPD of a sheet export
        raise ValueError(f"Ekspor lembar {proses.pk} tidak memiliki perangkat daerah.")
    pasangan = pasangan_ekspor(opd=proses.opd, unit=proses.unit, jenis=proses.jenis, tahun=proses.tahun)
    kemajuan(0, len(pasangan))
    _, gagal = zip_tulis(pasangan=pasangan, tahun=proses.tahun, tujuan=tujuan, oleh=proses.diminta_oleh,
                         kemajuan=kemajuan, situs=proses.situs)
    return gagal


def ekspor_jalankan(*, proses_id: int) -> ProsesEkspor:
    """The sheet task's body: the ZIP of activity sheets."""
    return proses_jalankan(proses_id=proses_id, buat=_zip_lembar)


def nama_zip(*, opd: PerangkatDaerah, unit: UnitKerja | None, tahun: int) -> str:
    bagian = [opd.kode] + ([unit.kode] if unit is not None else [])
    return f"lembar-kegiatan-{'-'.join(bagian)}-{tahun}.zip"
