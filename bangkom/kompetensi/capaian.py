"""Achieved JP of development plan lines, in bulk: the ledger's counted JP of each line's employee,
year and form, shared among the plan's lines by `alokasi_capaian` (the same allocation the plan page
shows), so the needs analysis and the per-IKU view agree with the plan page and with the ledger."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from jp_conversion.models import Kegiatan

from .models import BarisRencana
from .selectors import CapaianBaris, alokasi_capaian


def capaian_baris(baris_qs: QuerySet[BarisRencana], *, tahun: int) -> list[CapaianBaris]:
    """Every line of `baris_qs` with its achieved JP, in ONE query whatever the number of lines.
    `baris_qs` must hold whole plans (every line of a plan it touches), since a form's JP is shared
    among all of a plan's lines of that form, earliest month first."""
    jp_bentuk = (
        Kegiatan.objects.filter(pegawai_id=OuterRef("rencana__pegawai_id"), tahun=tahun, dihitung=True,
                                jenis=OuterRef("bentuk"))
        .order_by().values("pegawai_id").annotate(jumlah=Sum("jp")).values("jumlah")[:1]
    )
    angka: DecimalField = DecimalField(max_digits=9, decimal_places=2)
    per_rencana: dict[int, list[BarisRencana]] = defaultdict(list)
    ledger: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for br in (baris_qs.select_related("kompetensi", "rencana", "iku")
               .annotate(_jp_bentuk=Coalesce(Subquery(jp_bentuk, output_field=angka), Value(Decimal("0")),
                                             output_field=angka))
               .order_by("rencana_id", "bulan_mulai", "pk")):
        per_rencana[br.rencana_id].append(br)
        ledger[br.rencana_id][br.bentuk] = Decimal(str(br._jp_bentuk))
    hasil: list[CapaianBaris] = []
    for rencana_id, daftar in per_rencana.items():
        hasil.extend(alokasi_capaian(daftar, ledger[rencana_id]))
    return hasil
