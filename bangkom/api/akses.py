"""Who sees what through the API, on the vocabulary of `bangkom.pegawai.akses`: BPSDM manages the
clients (HTML pages); a client reads and writes only within its scopes and its OPD restriction."""
from __future__ import annotations

from django.db.models import QuerySet

from bangkom.dokumen.models import LembarTerbit
from bangkom.pegawai.akses import objek_atau_404, wajib_bpsdm
from bangkom.pegawai.models import Pegawai, PerangkatDaerah

from .models import KlienAPI


def wajib_pengelola_api(user) -> None:
    """API clients are created, listed and revoked by BPSDM only."""
    wajib_bpsdm(user)


def klien_atau_404(user, pk) -> KlienAPI:
    wajib_pengelola_api(user)
    return objek_atau_404(KlienAPI.objects.select_related("opd"), pk, "Klien API tidak ditemukan.")


def pegawai_klien(klien: KlienAPI) -> QuerySet[Pegawai]:
    """Employees a client may read or submit for: all, or those of its OPD."""
    qs = Pegawai.objects.all()
    return qs.filter(opd_id=klien.opd_id) if klien.opd_id else qs


def opd_klien(klien: KlienAPI) -> QuerySet[PerangkatDaerah]:
    qs = PerangkatDaerah.objects.all()
    return qs.filter(pk=klien.opd_id) if klien.opd_id else qs


def lembar_klien(klien: KlienAPI) -> QuerySet[LembarTerbit]:
    """Issued activity sheets of the employees the client may read."""
    return LembarTerbit.objects.filter(pegawai__in=pegawai_klien(klien))
