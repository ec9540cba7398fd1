"""The kepala OPD's countersignature ("Mengetahui, Kepala Perangkat Daerah", RULES §4) of issued
activity sheets, for OPDs that switch it on (`PerangkatDaerah.wajib_pengesahan_kepala`).

Countersigning is recorded on the `LembarTerbit` and, when the sheet was signed, added to its PDF
as a second PAdES signature in an incremental update (the first signature stays valid): version 2
of the sheet (`VersiLembar`), whose SHA-256 the verification page knows beside version 1's.

- `lembar_menunggu_pengesahan(user)`: the kepala's queue (selector);
- `lembar_sahkan(terbit_ids=..., oleh=...)`: countersign several at once (service);
- `status_pengesahan(lembar)`: the line the verification page prints.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from bangkom.lib.tanggal import waktu_panjang

from . import tandatangan
from .akses import lembar_boleh_disahkan
from .lembar import lembar_berlaku_banyak, versi_tambah
from .models import LembarTerbit, VersiLembar

log = logging.getLogger(__name__)


def _digantikan() -> Exists:
    """A later non-internal sheet of the same employee and kind covers this one's period: every
    download issues a new sheet, and only the latest of them is worth countersigning."""
    return Exists(LembarTerbit.objects.filter(
        pegawai_id=OuterRef("pegawai_id"), jenis=OuterRef("jenis"), internal=False,
        mulai__lte=OuterRef("mulai"), selesai__gte=OuterRef("selesai"),
        diterbitkan_pada__gt=OuterRef("diterbitkan_pada"),
    ))


def lembar_menunggu_pengesahan(user) -> QuerySet[LembarTerbit]:
    """Sheets waiting for the user's countersignature, oldest first, superseded ones left out."""
    return (
        lembar_boleh_disahkan(user)
        .filter(disahkan_pada__isnull=True)
        .exclude(_digantikan())
        .select_related("pegawai", "diterbitkan_oleh__pegawai")
        .order_by("diterbitkan_pada", "pk")
    )


def tandai_berlaku(daftar: list[LembarTerbit]) -> list[LembarTerbit]:
    """Set `berlaku` on each sheet of a queue page (one query for the whole page)."""
    berlaku = lembar_berlaku_banyak(daftar)
    for t in daftar:
        t.berlaku = berlaku[t.pk]
    return daftar


@dataclass(frozen=True)
class HasilPengesahan:
    disahkan: int = 0
    sudah_disahkan: int = 0
    tidak_berlaku: int = 0  # superseded by a newer sheet, or its activities changed since issue
    tidak_ditemukan: int = 0  # not waiting for this user (another OPD, not needing it, unknown id)


@transaction.atomic
def lembar_sahkan(*, terbit_ids: list[int], oleh) -> HasilPengesahan:
    """Countersign the given sheets as kepala OPD. Only sheets `dokumen.akses.lembar_boleh_disahkan`
    gives; the already countersigned, superseded and no longer valid ones are skipped and counted."""
    ids = set(terbit_ids)
    calon = list(
        lembar_boleh_disahkan(oleh).filter(pk__in=ids)
        .annotate(digantikan=_digantikan()).select_for_update(of=("self",)).order_by("pk")
    )
    sudah = [t for t in calon if t.disahkan_pada is not None]
    terbuka = [t for t in calon if t.disahkan_pada is None and not t.digantikan]
    berlaku = lembar_berlaku_banyak(terbuka)
    sahkan = [t.pk for t in terbuka if berlaku[t.pk]]
    sekarang = timezone.now()
    LembarTerbit.objects.filter(pk__in=sahkan).update(disahkan_oleh=oleh, disahkan_pada=sekarang)
    for t in terbuka:
        if t.pk in sahkan:
            _tandatangani_pengesahan(t, oleh=oleh, pada=sekarang)
    return HasilPengesahan(
        disahkan=len(sahkan),
        sudah_disahkan=len(sudah),
        tidak_berlaku=len(calon) - len(sudah) - len(sahkan),
        tidak_ditemukan=len(ids) - len(calon),
    )


def _tandatangani_pengesahan(lembar: LembarTerbit, *, oleh, pada) -> VersiLembar | None:
    """Add the countersignature to the stored PDF as a second signature (a new version). Sheets
    issued unsigned, or before PDFs were kept, stay countersigned in the record only."""
    if not lembar.ditandatangani or not tandatangan.tersedia():
        return None
    versi = lembar.versi.exclude(berkas="").order_by("-nomor").first()
    path = Path(settings.MEDIA_ROOT) / versi.berkas if versi else None
    if path is None or not path.is_file():
        log.warning("Lembar %s: berkas PDF tidak tersimpan; pengesahan hanya dicatat.", lembar.kode)
        return None
    opd = lembar.pegawai.opd
    kepala = getattr(oleh, "pegawai", None)
    alasan = "Mengetahui: Kepala Perangkat Daerah " + opd.nama
    if kepala is not None:
        alasan += f" ({kepala.nama_lengkap}, NIP {kepala.nip})"
    pdf = tandatangan.tandatangani(
        path.read_bytes(), alasan=alasan, lokasi=opd.kota or opd.instansi.kota,
        bidang=tandatangan.BIDANG_PENGESAHAN, nama="Kepala Perangkat Daerah",
    )
    return versi_tambah(lembar, pdf, peristiwa=VersiLembar.Peristiwa.PENGESAHAN, simpan=True, pada=pada)


def pdf_terbaru(lembar: LembarTerbit) -> bytes | None:
    """The latest stored version's bytes (the countersigned sheet once countersigned)."""
    versi = lembar.versi.exclude(berkas="").order_by("-nomor").first()
    path = Path(settings.MEDIA_ROOT) / versi.berkas if versi else None
    return path.read_bytes() if path is not None and path.is_file() else None


def digantikan(lembar: LembarTerbit) -> bool:
    """A later non-internal sheet of the same employee and kind covers this one's period."""
    return LembarTerbit.objects.filter(pk=lembar.pk).filter(_digantikan()).exists()


def status_pengesahan(lembar: LembarTerbit) -> str:
    """What the public verification page says of the countersignature ("" when none is needed)."""
    if not lembar.perlu_pengesahan:
        return ""
    if lembar.disahkan_pada is not None:
        return f"Disahkan Kepala Perangkat Daerah pada {waktu_panjang(timezone.localtime(lembar.disahkan_pada))}."
    if digantikan(lembar):
        return "Tidak perlu disahkan: telah digantikan oleh lembar yang lebih baru yang mencakup periodenya."
    return "Menunggu pengesahan Kepala Perangkat Daerah."
