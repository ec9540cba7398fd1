"""Who sees what through the API, on the vocabulary of `bangkom.pegawai.akses`: BPSDM manages the
clients (HTML pages); a client reads and writes only within its scopes and its OPD restriction."""
from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

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


def _satu_atau_404(qs: QuerySet, pesan: str, **saring):
    """The one row the client may see, or a JSON 404 with an Indonesian message."""
    hasil = qs.filter(**saring).first()
    if hasil is None:
        raise Http404(pesan)
    return hasil


def pegawai_klien_atau_404(klien: KlienAPI, nip: str) -> Pegawai:
    qs = pegawai_klien(klien).select_related("opd")
    return _satu_atau_404(qs, "Pegawai dengan NIP itu tidak ditemukan.", nip=nip)


def lembar_klien_atau_404(klien: KlienAPI, kode: str) -> LembarTerbit:
    qs = lembar_klien(klien).select_related("pegawai")
    return _satu_atau_404(qs, "Lembar dengan kode itu tidak ditemukan.", kode=kode)
