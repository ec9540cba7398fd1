"""Factories for tests; the named cast lives in conftest.py."""
import io
import itertools
from datetime import date

import factory
from django.contrib.auth import get_user_model
from openpyxl import Workbook

from bangkom.pegawai.models import Instansi, Jabatan, Mentor, Pegawai, PerangkatDaerah, UnitKerja

_urutan = itertools.count(1)


def nip_baru(kelamin: str = "1", lahir: date = date(1988, 5, 17), tmt: str = "201203") -> str:
    return f"{lahir:%Y%m%d}{tmt}{kelamin}{next(_urutan) % 999 + 1:03d}"


class InstansiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instansi
        django_get_or_create = ["kode"]

    kode = "PROV-UJI"
    nama = "Pemerintah Provinsi Uji"
    kota = "Kota Uji"


class OPDFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PerangkatDaerah

    instansi = factory.SubFactory(InstansiFactory)
    kode = factory.Sequence(lambda n: f"OPD{n}")
    nama = factory.Sequence(lambda n: f"Dinas Uji {n}")
    singkatan = factory.Sequence(lambda n: f"DU{n}")
    kota = "Kota Uji"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKerja

    opd = factory.SubFactory(OPDFactory)
    kode = factory.Sequence(lambda n: f"U{n}")
    nama = factory.Sequence(lambda n: f"Seksi Uji {n}")


class JabatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jabatan

    kode = factory.Sequence(lambda n: f"JAB{n}")
    nama = factory.Sequence(lambda n: f"Analis Uji {n}")
    jenis = Jabatan.Jenis.FUNGSIONAL
    tingkat = 2
    rumpun = "Kepegawaian"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("rahasia-uji-123")


class PegawaiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pegawai

    nip = factory.LazyFunction(nip_baru)
    nama = factory.Sequence(lambda n: f"Pegawai Uji {n}")
    unit = factory.SubFactory(UnitFactory)
    opd = factory.SelfAttribute("unit.opd")
    jabatan = factory.SubFactory(JabatanFactory)
    user = factory.SubFactory(UserFactory, username=factory.SelfAttribute("..nip"))


class MentorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentor

    pegawai = factory.SubFactory(PegawaiFactory)
    bidang = "Pelayanan Kesehatan"


def paraf_lengkap(sesi, oleh):
    """Both parties stand behind a session (RULES §3): every participant confirms it, then the
    pembimbing `oleh` initials it; from then on it counts in the ledger."""
    from bangkom.sesi.services import sesi_konfirmasi, sesi_paraf

    for ps in sesi.peserta.select_related("pegawai"):
        sesi_konfirmasi(sesi=sesi, oleh=ps.pegawai, setuju=True)
    return sesi_paraf(sesi=sesi, oleh=oleh, setuju=True)


def xlsx(judul: list, baris: list[list]) -> bytes:
    """A one-sheet workbook (header row, then `baris`) as an upload's bytes, for the import tests."""
    wb = Workbook()
    ws = wb.active
    for b in [judul, *baris]:
        ws.append(b)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
