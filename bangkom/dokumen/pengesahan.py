"""The kepala OPD's countersignature ("Mengetahui, Kepala Perangkat Daerah", RULES §4) of issued
activity sheets, for OPDs that switch it on (`PerangkatDaerah.wajib_pengesahan_kepala`).

The PDF is fixed at issue (its SHA-256 is what the verification page checks an upload against),
so countersigning never touches it: it is recorded on the `LembarTerbit` and shown by the public
verification page the sheet's QR code points to.

- `lembar_menunggu_pengesahan(user)`: the kepala's queue (selector);
- `lembar_sahkan(terbit_ids=..., oleh=...)`: countersign several at once (service);
- `status_pengesahan(lembar)`: the line the verification page prints.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from bangkom.lib.tanggal import waktu_panjang

from .akses import lembar_boleh_disahkan
from .lembar import lembar_berlaku_banyak
from .models import LembarTerbit


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
    LembarTerbit.objects.filter(pk__in=sahkan).update(disahkan_oleh=oleh, disahkan_pada=timezone.now())
    return HasilPengesahan(
        disahkan=len(sahkan),
        sudah_disahkan=len(sudah),
        tidak_berlaku=len(calon) - len(sudah) - len(sahkan),
        tidak_ditemukan=len(ids) - len(calon),
    )


def status_pengesahan(lembar: LembarTerbit) -> str:
    """What the public verification page says of the countersignature ("" when none is needed)."""
    if not lembar.perlu_pengesahan:
        return ""
    if lembar.disahkan_pada is not None:
        return f"Disahkan Kepala Perangkat Daerah pada {waktu_panjang(timezone.localtime(lembar.disahkan_pada))}."
    if LembarTerbit.objects.filter(pk=lembar.pk).filter(_digantikan()).exists():
        return "Tidak perlu disahkan: telah digantikan oleh lembar yang lebih baru yang mencakup periodenya."
    return "Menunggu pengesahan Kepala Perangkat Daerah."
