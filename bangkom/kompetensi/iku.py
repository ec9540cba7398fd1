"""The OPD's key performance indicators (IKU, Indikator Kinerja Utama) per year: reads, writes and
the per-IKU view of the development done for them (the kepala's dashboard). Development is tied to
outcomes through the plan lines that name an IKU (LAN: development follows the agency's IKU)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from bangkom.pegawai.models import PerangkatDaerah

from .capaian import capaian_baris
from .models import BarisRencana, IndikatorKinerjaUtama, RencanaPengembangan


# --- reads --------------------------------------------------------------------------------------
def iku_daftar(*, opd_qs: QuerySet[PerangkatDaerah], tahun: int | None = None, opd: PerangkatDaerah | None = None,
               q: str = "") -> QuerySet[IndikatorKinerjaUtama]:
    """IKUs of the OPDs in `opd_qs` (already scoped by the access module), filtered and searched."""
    qs = IndikatorKinerjaUtama.objects.filter(opd__in=opd_qs).select_related("opd")
    if opd is not None:
        qs = qs.filter(opd=opd)
    if tahun:
        qs = qs.filter(tahun=tahun)
    if q:
        qs = qs.filter(Q(kode__icontains=q) | Q(nama__icontains=q) | Q(opd__nama__icontains=q))
    return qs.order_by("opd__nama", "-tahun", "kode", "pk")


def iku_untuk(*, opd_id: int | None, tahun: int) -> QuerySet[IndikatorKinerjaUtama]:
    """The IKUs a plan line of an employee of `opd_id` for `tahun` may name."""
    return IndikatorKinerjaUtama.objects.filter(opd_id=opd_id, tahun=tahun).order_by("kode", "pk")


@dataclass
class CapaianIKU:
    iku: IndikatorKinerjaUtama
    jumlah_baris: int = 0
    pegawai: set[int] = field(default_factory=set)
    jp_direncanakan: Decimal = Decimal("0.00")
    jp_tercapai: Decimal = Decimal("0.00")

    @property
    def jumlah_pegawai(self) -> int:
        return len(self.pegawai)

    @property
    def persen(self) -> int:
        if not self.jp_direncanakan:
            return 0
        return min(100, int(self.jp_tercapai * 100 / self.jp_direncanakan))


def capaian_per_iku(*, opd: PerangkatDaerah, tahun: int) -> list[CapaianIKU]:
    """Per IKU of `opd` in `tahun`: the plan lines naming it, their employees, planned JP and achieved
    JP (the ledger's counted JP as allocated on the plan page). One query without IKUs, two with."""
    hasil = {i.pk: CapaianIKU(iku=i) for i in iku_untuk(opd_id=opd.pk, tahun=tahun)}
    if not hasil:
        return []
    rencana = RencanaPengembangan.objects.filter(tahun=tahun, baris__iku__in=list(hasil)).values("pk")
    for cb in capaian_baris(BarisRencana.objects.filter(rencana__in=rencana), tahun=tahun):
        c = hasil.get(cb.baris.iku_id) if cb.baris.iku_id else None
        if c is None:
            continue
        c.jumlah_baris += 1
        c.pegawai.add(cb.baris.rencana.pegawai_id)
        c.jp_direncanakan += cb.baris.jp_direncanakan
        c.jp_tercapai += cb.jp_tercapai
    return list(hasil.values())


# --- writes -------------------------------------------------------------------------------------
@transaction.atomic
def iku_simpan(*, opd: PerangkatDaerah, tahun: int, kode: str, nama: str,
               iku: IndikatorKinerjaUtama | None = None) -> IndikatorKinerjaUtama:
    """Create an IKU, or update `iku`; the code is unique per OPD and year."""
    kode, nama = kode.strip(), nama.strip()
    galat = {}
    if not kode:
        galat["kode"] = "Kode IKU wajib diisi."
    if not nama:
        galat["nama"] = "Nama indikator wajib diisi."
    lain = IndikatorKinerjaUtama.objects.filter(opd=opd, tahun=tahun, kode__iexact=kode)
    if iku is not None:
        lain = lain.exclude(pk=iku.pk)
        if iku.tahun != tahun and iku.baris_rencana.exists():
            galat["tahun"] = "Tahun IKU tidak dapat diubah karena sudah dipakai di rencana pengembangan."
        if iku.opd_id != opd.pk and iku.baris_rencana.exists():
            galat["opd"] = "Perangkat daerah IKU tidak dapat diubah karena sudah dipakai di rencana pengembangan."
    if kode and lain.exists():
        galat["kode"] = f"Kode IKU {kode} sudah dipakai {opd.nama} untuk tahun {tahun}."
    if galat:
        raise ValidationError(galat)
    iku = iku or IndikatorKinerjaUtama()
    iku.opd, iku.tahun, iku.kode, iku.nama = opd, tahun, kode, nama
    iku.save()
    return iku
