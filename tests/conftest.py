"""The cast (STYLE.md), the same names as the demo data:
Sari (pegawai) → Budi (her atasan langsung and coach) → Hasan (kepala of her OPD, Dinkes);
Rina (registered mentor, same level as Budi, another unit); Dewi (pengelola BPSDM, BPSDM OPD);
Joko (outsider in another OPD, under Agus) who must see nothing of Sari's.
Every view test asks what Joko gets."""
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from bangkom.pegawai.akses import GRUP_BPSDM
from bangkom.pegawai.models import Jabatan
from tests.factories import JabatanFactory, MentorFactory, OPDFactory, PegawaiFactory, UnitFactory

SANDI = "rahasia-uji-123"


@pytest.fixture(scope="session")
def folder_tandatangan_demo(tmp_path_factory):
    """One demo signing identity per test process (made on first use), never the checkout's data/."""
    return tmp_path_factory.mktemp("tandatangan-demo")


@pytest.fixture(autouse=True)
def _cepat(settings, tmp_path, folder_tandatangan_demo):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TUGAS_LOKAL_DI_LATAR = False  # tasks finish inside the call: deterministic assertions
    settings.PENANDATANGAN_DEMO_DIR = folder_tandatangan_demo
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _isi_ulang_data_migrasi():
    """Re-run the project's data migrations (idempotent get_or_create seeds: the competency
    dictionary, the evaluation indicators), which a previous transactional test's flush removed."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations.special import RunPython

    loader = MigrationLoader(None, ignore_no_migrations=True)
    proyek = {c.label for c in apps.get_app_configs() if not c.name.startswith(("django.", "axes", "simple_history"))}
    for (label, _nama), migrasi in sorted(loader.disk_migrations.items()):
        if label in proyek:
            for operasi in migrasi.operations:
                if isinstance(operasi, RunPython):
                    operasi.code(apps, None)


@pytest.fixture(autouse=True)
def _benih_data_migrasi(request, django_db_setup, django_db_blocker):
    """A transactional test (browser tests, the PostgreSQL concurrency test) flushes every table when
    it ends, the data-migration seeds included; the next test of that worker would find no competency
    dictionary or evaluation indicators. Put them back (committed) before any database test."""
    if not ({"db", "transactional_db"} & set(request.fixturenames) or request.node.get_closest_marker("django_db")):
        return
    from bangkom.kompetensi.models import Kompetensi
    from bangkom.sesi.models import IndikatorEvaluasi

    with django_db_blocker.unblock():
        if not (Kompetensi.objects.exists() and IndikatorEvaluasi.objects.exists()):
            _isi_ulang_data_migrasi()


@pytest.fixture
def cast(db):
    dinkes = OPDFactory(kode="DINKES", nama="Dinas Kesehatan", singkatan="Dinkes")
    dpupr = OPDFactory(kode="DPUPR", nama="Dinas Pekerjaan Umum", singkatan="DPUPR")
    bpsdm_opd = OPDFactory(kode="BPSDM", nama="Badan Pengembangan SDM", singkatan="BPSDM")
    pimpinan = UnitFactory(opd=dinkes, kode="PIMP", nama="Pimpinan")
    seksi_budi = UnitFactory(opd=dinkes, kode="S1", nama="Seksi Pelayanan 1")
    seksi_rina = UnitFactory(opd=dinkes, kode="S2", nama="Seksi Pelayanan 2")
    seksi_joko = UnitFactory(opd=dpupr, kode="S1", nama="Seksi Bina Marga")
    unit_bpsdm = UnitFactory(opd=bpsdm_opd, kode="S1", nama="Bidang Kompetensi")
    kepala = JabatanFactory(kode="KEPALA", nama="Kepala Dinas", jenis=Jabatan.Jenis.STRUKTURAL, tingkat=5)
    kasi = JabatanFactory(kode="KASI", nama="Kepala Seksi", jenis=Jabatan.Jenis.STRUKTURAL, tingkat=3)
    analis = JabatanFactory(kode="ANALIS", nama="Analis SDM", tingkat=2)

    hasan = PegawaiFactory(nama="Hasan Basri", unit=pimpinan, jabatan=kepala)
    dinkes.kepala = hasan
    dinkes.save()
    budi = PegawaiFactory(nama="Budi Santoso", unit=seksi_budi, jabatan=kasi, atasan=hasan)
    rina = PegawaiFactory(nama="Rina Marlina", unit=seksi_rina, jabatan=kasi, atasan=hasan)
    sari = PegawaiFactory(nama="Sari Wulandari", unit=seksi_budi, jabatan=analis, atasan=budi)
    agus = PegawaiFactory(nama="Agus Pratama", unit=seksi_joko, jabatan=kasi)
    joko = PegawaiFactory(nama="Joko Susilo", unit=seksi_joko, jabatan=analis, atasan=agus)
    dewi = PegawaiFactory(nama="Dewi Anggraini", unit=unit_bpsdm, jabatan=analis)
    dewi.user.groups.add(Group.objects.get_or_create(name=GRUP_BPSDM)[0])
    MentorFactory(pegawai=rina, bidang="Pelayanan Kesehatan")
    return SimpleNamespace(
        sari=sari, budi=budi, rina=rina, hasan=hasan, dewi=dewi, joko=joko, agus=agus,
        dinkes=dinkes, dpupr=dpupr, bpsdm_opd=bpsdm_opd,
    )


@pytest.fixture
def masuk(client):
    """Sign a test client in as one of the cast: `masuk(cast.sari)`."""

    def _masuk(pegawai):
        client.force_login(pegawai.user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _masuk
