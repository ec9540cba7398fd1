"""A synthetic province built with bulk inserts: N employees in 40 OPD with supervisor chains
(kepala → 3 heads of division → 12 section heads → staff), a kepala per OPD, a BPSDM user, registered
mentors, the year's TargetJP rows, competency standards and assessments (so gaps exist), and ~20
activities per employee-year of every kind (some over the caps, some pending or rejected). Credits
and RekapTahunan are left to the ledger itself: `recompute_jp` (measured as `rebuild_all`)."""
from __future__ import annotations

import random
from datetime import date, time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction

from bangkom.kompetensi.models import Kompetensi, PenilaianKompetensi, StandarKompetensi
from bangkom.pegawai.akses import GRUP_BPSDM
from bangkom.pegawai.models import Instansi, Jabatan, Mentor, Pegawai, PerangkatDaerah, UnitKerja
from jp_conversion.models import Kegiatan, StatusKegiatan, TargetJP

JUMLAH_OPD = 40
SANDI = "bench-sandi-123"
POTONGAN_KEGIATAN = 100_000  # activities held in memory before a bulk insert
LAIN = ["seminar", "e_learning", "pelatihan", "workshop", "kursus"]


@transaction.atomic
def bangun(n_pegawai: int, tahun: list[int], *, seed: int = 7, kegiatan_per_tahun: int = 20) -> dict:
    """Returns the ids the measurements need (a BPSDM user, a kepala, an atasan, a pegawai)."""
    rng = random.Random(seed)
    User = get_user_model()
    sandi = make_password(SANDI, salt="benchsalt")
    instansi = Instansi.objects.create(kode="BENCH", nama="Provinsi Sintetis", kota="Kota Sintetis")
    jab = {
        t: Jabatan.objects.create(kode=f"B-J{t}", nama=f"Jabatan tingkat {t}", jenis="struktural" if t >= 3 else
                                  "fungsional", tingkat=t, rumpun="Umum")
        for t in range(1, 6)
    }
    opd_list = PerangkatDaerah.objects.bulk_create(
        [PerangkatDaerah(instansi=instansi, kode=f"B-OPD{i:02d}", nama=f"Dinas Sintetis {i:02d}", kota="Kota")
         for i in range(JUMLAH_OPD)]
    )
    per_opd = max(1, n_pegawai // JUMLAH_OPD)
    units, users, pegawai = [], [], []
    nomor = 0
    for opd in opd_list:
        unit = UnitKerja(opd=opd, kode=f"{opd.kode}-U", nama=f"Unit {opd.kode}")
        units.append(unit)
    UnitKerja.objects.bulk_create(units)
    for opd, unit in zip(opd_list, units, strict=True):
        for j in range(per_opd):
            nomor += 1
            tingkat = 5 if j == 0 else 4 if j < 4 else 3 if j < 16 else rng.choice([1, 2])
            users.append(User(username=f"bench{nomor}", password=sandi))
            # Synthetic NIPs start with 9 so they can never collide with a real (19xx/20xx) one.
            pegawai.append(Pegawai(nip=f"9{nomor:017d}", nama=f"Pegawai Sintetis {nomor}", jabatan=jab[tingkat],
                                   opd=opd, unit=unit, jenis_asn="PPPK" if nomor % 10 == 0 else "PNS"))
    User.objects.bulk_create(users, batch_size=2000)
    user_by_name = dict(User.objects.filter(username__startswith="bench").values_list("username", "pk"))
    for i, p in enumerate(pegawai, start=1):
        p.user_id = user_by_name[f"bench{i}"]
    Pegawai.objects.bulk_create(pegawai, batch_size=2000)
    pegawai = list(Pegawai.objects.filter(opd__in=opd_list).order_by("pk"))
    # Supervisor chains inside each OPD: head → 3 heads of division → 12 section heads → staff.
    for start in range(0, len(pegawai), per_opd):
        blok = pegawai[start:start + per_opd]
        for j, p in enumerate(blok[1:], start=1):
            p.atasan_id = blok[0].pk if j < 4 else blok[1 + (j % 3)].pk if j < 16 else blok[4 + (j % 12)].pk \
                if len(blok) > 16 else blok[0].pk
        PerangkatDaerah.objects.filter(pk=blok[0].opd_id).update(kepala=blok[0])
    Pegawai.objects.bulk_update(pegawai, ["atasan"], batch_size=2000)
    # Registered mentors: the three heads of division of every OPD (one in three a certified coach).
    mentor_opd = {}
    daftar_mentor = []
    for start in range(0, len(pegawai), per_opd):
        blok = pegawai[start + 1:start + 4] or pegawai[start:start + 1]
        mentor_opd[blok[0].opd_id] = [m.pk for m in blok]
        daftar_mentor += blok
    Mentor.objects.bulk_create([Mentor(pegawai=p, bidang="Umum", sertifikasi="coach" if i % 3 == 0 else "")
                                for i, p in enumerate(daftar_mentor)])
    TargetJP.objects.bulk_create([TargetJP(tahun=th, jenis_asn=j, target=20) for th in tahun for j in ("PNS", "PPPK")])
    _kompetensi(rng, list(jab.values()), pegawai, tahun[-1])
    bpsdm = pegawai[-1]
    Group.objects.get_or_create(name=GRUP_BPSDM)[0].user_set.add(bpsdm.user_id)

    # Streamed: at 100,000 employees × 20 activities a single list would hold 2 million model objects
    # (several GB); the rows go to the database in batches of POTONGAN_KEGIATAN instead.
    kegiatan: list[Kegiatan] = []
    jumlah_kegiatan = 0
    for p in pegawai:
        for th in tahun:
            for k in range(kegiatan_per_tahun):
                jenis = rng.choices(["coaching", "mentoring", "belajar_mandiri", "lain"], [4, 4, 8, 4])[0]
                jenis = rng.choice(LAIN) if jenis == "lain" else jenis
                hari = date(th, rng.randint(1, 11), rng.randint(1, 28))
                status = rng.choices([StatusKegiatan.DISETUJUI, StatusKegiatan.DIAJUKAN, StatusKegiatan.DITOLAK],
                                     [8, 1, 1])[0]
                jp = None
                if jenis in ("belajar_mandiri", "e_learning", "pelatihan", "kursus"):
                    jp = Decimal(rng.choice(["1", "1.5", "2", "3"]))
                kegiatan.append(Kegiatan(
                    pegawai=p, jenis=jenis, tanggal=hari, tahun=th, lingkup="internasional" if k == 7 else "nasional",
                    jp_belajar=jp, materi=f"Materi {k}", status=status,
                    pembimbing_id=rng.choice(mentor_opd[p.opd_id]) if jenis == "mentoring" and p.atasan_id
                    else p.atasan_id,
                    mulai=time(8 + k % 8), selesai=time(9 + k % 8),
                ))
        if len(kegiatan) >= POTONGAN_KEGIATAN:
            Kegiatan.objects.bulk_create(kegiatan, batch_size=5000)
            jumlah_kegiatan += len(kegiatan)
            kegiatan = []
    Kegiatan.objects.bulk_create(kegiatan, batch_size=5000)
    jumlah_kegiatan += len(kegiatan)
    return _konteks(pegawai, bpsdm, tahun, jumlah_kegiatan=jumlah_kegiatan)


def segarkan_statistik() -> None:
    """Vacuum and refresh the planner statistics after a bulk load or rewrite, as autovacuum does on
    a live database a minute later: without statistics PostgreSQL plans for an empty table (sorts
    instead of hash aggregates), and an autovacuum of 400,000 rewritten rows would otherwise run
    during the measurements that follow."""
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")


def _konteks(pegawai: list[Pegawai], bpsdm: Pegawai, tahun: list[int], *, jumlah_kegiatan: int) -> dict:
    staf = pegawai[20 % len(pegawai)]
    atasan = next(p for p in pegawai if p.pk == staf.atasan_id)
    return {
        "bpsdm_user": bpsdm.user_id,
        "kepala_user": pegawai[0].user_id,
        "atasan_user": atasan.user_id,
        "pegawai_user": staf.user_id,
        # a head of division: a registered mentor (`Mentor` rows are the three heads of each OPD)
        "mentor_user": pegawai[1 % len(pegawai)].user_id,
        "pegawai_id": staf.pk,
        "pegawai": len(pegawai),
        "kegiatan": jumlah_kegiatan,
        "tahun": tahun,
    }


def konteks(tahun: list[int]) -> dict | None:
    """The same ids as `bangun` returns, read back from a kept database (None when it is empty)."""
    pegawai = list(Pegawai.objects.filter(opd__instansi__kode="BENCH").order_by("pk"))
    if not pegawai:
        return None
    return _konteks(pegawai, pegawai[-1], tahun, jumlah_kegiatan=Kegiatan.objects.count())


def _kompetensi(rng: random.Random, jabatan: list[Jabatan], pegawai: list[Pegawai], tahun: int) -> None:
    """Six competencies, a standard level for each of them per position, and three assessments per
    employee (so the supervisor's dashboard has gaps to count)."""
    komp = Kompetensi.objects.bulk_create([
        Kompetensi(kode=f"bench-k{i}", jenis="manajerial" if i < 3 else "teknis", nama=f"Kompetensi sintetis {i}",
                   definisi="Kompetensi untuk uji kinerja.")
        for i in range(6)
    ])
    StandarKompetensi.objects.bulk_create([
        StandarKompetensi(jabatan=j, kompetensi=k, level_standar=min(5, 1 + j.tingkat // 2 + i % 2))
        for j in jabatan for i, k in enumerate(komp)
    ])
    PenilaianKompetensi.objects.bulk_create([
        PenilaianKompetensi(pegawai=p, kompetensi=k, level=rng.randint(1, 4), sumber="penilaian_atasan",
                            tanggal=date(tahun, rng.randint(1, 10), 1), penilai_id=p.atasan_id)
        for p in pegawai for k in rng.sample(komp, 3)
    ], batch_size=5000)
