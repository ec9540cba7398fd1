from django.db.models import Q, QuerySet

from .akses import pegawai_terlihat, peran
from .models import Pegawai


def pegawai_daftar(*, user, q: str = "", opd_id=None) -> QuerySet[Pegawai]:
    qs = pegawai_terlihat(user).filter(aktif=True).select_related("opd", "unit", "jabatan", "atasan")
    if q:
        qs = qs.filter(cari_pegawai(user, q))
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    return qs.order_by("opd__nama", "nama")


def cari_pegawai(user, q: str, *, awalan: str = "") -> Q:
    """A search box's condition on employees (`awalan`: the path to the Pegawai, e.g. "pemohon__"):
    by name always; by NIP only as a prefix among the employees of the user's own OPD (BPSDM: all),
    elsewhere only the whole NIP. A NIP holds the birth date: typing digits into a search box must
    not reveal it, digit by digit, for someone outside the searcher's OPD."""
    q = (q or "").strip()
    kondisi = Q(**{f"{awalan}nama__icontains": q})
    nip = "".join(q.split())
    if not (nip.isascii() and nip.isdigit()):
        return kondisi
    kondisi |= Q(**{f"{awalan}nip": nip})
    p = peran(user)
    if p.bpsdm:
        kondisi |= Q(**{f"{awalan}nip__startswith": nip})
    elif p.pegawai is not None:
        kondisi |= Q(**{f"{awalan}nip__startswith": nip, f"{awalan}opd_id": p.pegawai.opd_id})
    return kondisi
