"""Demo organisation: one province, 5 OPD, ~200 employees with supervisor chains, mentors and a
BPSDM account, around a named cast used in tests and docs (STYLE.md): Sari (pegawai), Budi (her
atasan and coach), Rina (mentor, same level in another unit), Hasan (kepala Dinkes), Dewi
(pengelola BPSDM) and Joko (outsider in another OPD). Deterministic: the same call gives the
same people with the same NIPs; running it twice changes nothing."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from .akses import GRUP_BPSDM
from .models import Instansi, Jabatan, Mentor, Pegawai, PerangkatDaerah, UnitKerja

NAMA_DEPAN = [
    "Agus", "Ahmad", "Andi", "Bambang", "Dedi", "Eko", "Fajar", "Hendra", "Irfan", "Rudi", "Yusuf", "Rizky",
    "Wahyu", "Taufik", "Arif", "Dimas", "Galih", "Hadi", "Imam", "Reza", "Ayu", "Dian", "Fitri", "Indah",
    "Lestari", "Maya", "Nur", "Putri", "Ratna", "Siti", "Wulan", "Yuni", "Anisa", "Kartika", "Mega", "Novi",
    "Rahmawati", "Sri", "Tuti", "Vina",
]
NAMA_BELAKANG = [
    "Pratama", "Saputra", "Wijaya", "Hidayat", "Nugroho", "Setiawan", "Kurniawan", "Siregar", "Nasution",
    "Lubis", "Harahap", "Simanjuntak", "Sinaga", "Rahman", "Hakim", "Susanto", "Handayani", "Permata",
    "Sari", "Wulandari", "Maharani", "Purnomo", "Syahputra", "Tanjung", "Daulay",
]
OPD = [
    ("BPSDM", "Badan Pengembangan Sumber Daya Manusia", "BPSDM"),
    ("DINKES", "Dinas Kesehatan", "Dinkes"),
    ("DISDIK", "Dinas Pendidikan", "Disdik"),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
]
BIDANG = {
    "BPSDM": ["Sekretariat", "Pengembangan Kompetensi Teknis", "Pengembangan Kompetensi Manajerial"],
    "DINKES": ["Sekretariat", "Pelayanan Kesehatan", "Pencegahan dan Pengendalian Penyakit"],
    "DISDIK": ["Sekretariat", "Pembinaan SMA", "Pembinaan SMK"],
    "BAPPEDA": ["Sekretariat", "Perencanaan Ekonomi", "Perencanaan Infrastruktur"],
    "DPUPR": ["Sekretariat", "Bina Marga", "Sumber Daya Air"],
}
JABATAN = [
    # kode, nama, jenis, jenjang, tingkat, rumpun
    ("JPT-PRATAMA", "Kepala Perangkat Daerah", "struktural", "II.a", 5, "Manajemen"),
    ("ADMINISTRATOR", "Kepala Bidang", "struktural", "III.a", 4, "Manajemen"),
    ("PENGAWAS", "Kepala Seksi/Subbagian", "struktural", "IV.a", 3, "Manajemen"),
    ("ANALIS-SDM", "Analis Sumber Daya Manusia Aparatur", "fungsional", "Ahli Pertama", 2, "Kepegawaian"),
    ("PERENCANA", "Perencana Ahli Muda", "fungsional", "Ahli Muda", 2, "Perencanaan"),
    ("ANALIS-KEBIJAKAN", "Analis Kebijakan Ahli Pertama", "fungsional", "Ahli Pertama", 2, "Kebijakan"),
    ("PRANATA-KOMPUTER", "Pranata Komputer Ahli Pertama", "fungsional", "Ahli Pertama", 2, "Teknologi Informasi"),
    ("PENGADMINISTRASI", "Pengadministrasi Perkantoran", "pelaksana", "Pelaksana", 1, "Administrasi"),
    ("PENGOLAH-DATA", "Pengolah Data dan Informasi", "pelaksana", "Pelaksana", 1, "Teknologi Informasi"),
]
STAF = ["ANALIS-SDM", "PERENCANA", "ANALIS-KEBIJAKAN", "PRANATA-KOMPUTER", "PENGADMINISTRASI", "PENGOLAH-DATA"]
GOLONGAN = {5: ("IV/c", "Pembina Utama Muda"), 4: ("IV/a", "Pembina"), 3: ("III/d", "Penata Tingkat I"),
            2: ("III/b", "Penata Muda Tingkat I"), 1: ("II/c", "Pengatur")}

# The cast: (key, nama, gelar_depan, gelar_belakang, kelamin)
PEMERAN = {
    "hasan": ("Hasan Basri", "dr.", "M.Kes.", "1"),
    "budi": ("Budi Santoso", "", "S.K.M., M.M.", "1"),
    "rina": ("Rina Marlina", "", "S.Kep., M.Kes.", "2"),
    "sari": ("Sari Wulandari", "", "S.K.M.", "2"),
    "dewi": ("Dewi Anggraini", "", "S.Psi.", "2"),
    "joko": ("Joko Susilo", "", "S.T.", "1"),
}


@dataclass
class KonteksDemo:
    """Shared by every app's demo step: the cast, the year and one seeded random generator."""

    tahun: int
    password: str
    rng: random.Random
    pemeran: dict[str, Pegawai] = field(default_factory=dict)
    login: list[tuple[str, str, str]] = field(default_factory=list)  # (peran, nama, nip)


def buat_nip(rng: random.Random, kelamin: str, tingkat: int, urutan: int) -> str:
    tahun_lahir = 1995 - tingkat * 5 - rng.randint(0, 6)
    lahir = date(tahun_lahir, rng.randint(1, 12), rng.randint(1, 28))
    tmt = (tahun_lahir + rng.randint(23, 27), rng.randint(1, 12))
    return f"{lahir:%Y%m%d}{tmt[0]:04d}{tmt[1]:02d}{kelamin}{urutan:03d}"


def isi(k: KonteksDemo) -> None:
    User = get_user_model()
    grup, _ = Group.objects.get_or_create(name=GRUP_BPSDM)
    instansi, _ = Instansi.objects.update_or_create(
        kode="PROV-DEMO", defaults={"nama": "Pemerintah Provinsi Nusantara Raya", "kota": "Kota Baru"}
    )
    jabatan = {}
    for kode, nama, jenis, jenjang, tingkat, rumpun in JABATAN:
        jabatan[kode], _ = Jabatan.objects.update_or_create(
            kode=kode, defaults=dict(nama=nama, jenis=jenis, jenjang=jenjang, tingkat=tingkat, rumpun=rumpun)
        )
    rng = k.rng
    urutan = 0
    # One hash for every demo account: hashing 200 times would take minutes, and a fixed salt keeps
    # the stored value identical on a second run (idempotent).
    sandi = make_password(k.password, salt="bangkomdemo")

    def orang(opd, unit, kode_jabatan, atasan, pemeran=None):
        nonlocal urutan
        urutan += 1
        tingkat = jabatan[kode_jabatan].tingkat
        if pemeran:
            nama, depan, belakang, kelamin = PEMERAN[pemeran]
        else:
            kelamin = rng.choice("12")
            nama = f"{rng.choice(NAMA_DEPAN)} {rng.choice(NAMA_BELAKANG)}"
            depan, belakang = "", rng.choice(["S.E.", "S.Sos.", "S.T.", "S.Kom.", "A.Md.", "S.H.", ""])
        nip = buat_nip(rng, kelamin, tingkat, urutan % 999 + 1)
        gol, pangkat = GOLONGAN[tingkat]
        user, _ = User.objects.get_or_create(username=nip)
        if user.password != sandi:
            user.password = sandi
            user.save(update_fields=["password"])
        p, _ = Pegawai.objects.update_or_create(
            nip=nip,
            defaults=dict(
                user=user, nama=nama, gelar_depan=depan, gelar_belakang=belakang, golongan=gol, pangkat=pangkat,
                jabatan=jabatan[kode_jabatan], opd=opd, unit=unit, atasan=atasan, aktif=True,
                email=f"{nip}@demo.go.id", jenis_asn="PNS",
            ),
        )
        if pemeran:
            k.pemeran[pemeran] = p
        return p

    for nomor_opd, (kode, nama, singkatan) in enumerate(OPD):
        opd, _ = PerangkatDaerah.objects.update_or_create(
            kode=kode, defaults=dict(instansi=instansi, nama=nama, singkatan=singkatan, kota="Kota Baru",
                                     alamat=f"Jl. Pemuda No. {10 + nomor_opd}, Kota Baru",
                                     # Dinkes shows the kepala's countersigning queue; the others do not.
                                     wajib_pengesahan_kepala=kode == "DINKES")
        )
        pimpinan, _ = UnitKerja.objects.update_or_create(opd=opd, kode=f"{kode}-PIMP", defaults={"nama": "Pimpinan"})
        kepala = orang(opd, pimpinan, "JPT-PRATAMA", None, "hasan" if kode == "DINKES" else None)
        opd.kepala = kepala
        opd.save(update_fields=["kepala"])
        for nomor_bidang, nama_bidang in enumerate(BIDANG[kode]):
            bidang, _ = UnitKerja.objects.update_or_create(
                opd=opd, kode=f"{kode}-B{nomor_bidang + 1}",
                defaults={"nama": f"Bidang {nama_bidang}", "induk": pimpinan},
            )
            kabid = orang(opd, bidang, "ADMINISTRATOR", kepala)
            for nomor_seksi in range(2):
                seksi, _ = UnitKerja.objects.update_or_create(
                    opd=opd, kode=f"{kode}-B{nomor_bidang + 1}-S{nomor_seksi + 1}",
                    defaults={"nama": f"Seksi {nama_bidang} {nomor_seksi + 1}", "induk": bidang},
                )
                cast_kasi = None
                if kode == "DINKES" and nomor_bidang == 1:
                    cast_kasi = "budi" if nomor_seksi == 0 else "rina"
                kasi = orang(opd, seksi, "PENGAWAS", kabid, cast_kasi)
                for nomor_staf in range(5):
                    cast = None
                    if cast_kasi == "budi" and nomor_staf == 0:
                        cast = "sari"
                    elif kode == "BPSDM" and nomor_bidang == 1 and nomor_seksi == 0 and nomor_staf == 0:
                        cast = "dewi"
                    elif kode == "DPUPR" and nomor_bidang == 1 and nomor_seksi == 0 and nomor_staf == 0:
                        cast = "joko"
                    kode_staf = STAF[(nomor_staf + nomor_seksi) % len(STAF)]
                    if cast in ("sari", "dewi"):
                        kode_staf = "ANALIS-SDM"
                    orang(opd, seksi, kode_staf, kasi, cast)

    dewi = k.pemeran["dewi"]
    if dewi.user is None:  # every cast member gets an account when created above
        raise ValueError("Data contoh: Dewi (pengelola BPSDM) tidak memiliki akun.")
    dewi.user.groups.add(grup)
    Mentor.objects.update_or_create(
        pegawai=k.pemeran["rina"],
        defaults=dict(bidang="Pelayanan Kesehatan", sertifikasi=Mentor.Sertifikasi.MENTOR,
                      tanggal_sertifikasi=date(k.tahun - 2, 3, 14), nomor_sertifikat=f"MNT/{k.tahun - 2}/0117",
                      penerbit_sertifikat="BPSDM Provinsi", sertifikat_berlaku_sampai=date(k.tahun + 1, 3, 13)),
    )
    Mentor.objects.update_or_create(
        pegawai=k.pemeran["budi"],
        defaults=dict(bidang="Pelayanan Kesehatan", sertifikasi=Mentor.Sertifikasi.COACH,
                      tanggal_sertifikasi=date(k.tahun - 1, 9, 2), nomor_sertifikat=f"CCH/{k.tahun - 1}/0208",
                      penerbit_sertifikat="BPSDM Provinsi", sertifikat_berlaku_sampai=date(k.tahun + 2, 9, 1)),
    )
    for i, p in enumerate(Pegawai.objects.filter(jabatan__kode="ADMINISTRATOR").order_by("nip")[:6]):
        awal: dict[str, object] = {"bidang": p.unit.nama.replace("Bidang ", "")}
        if i == 0:  # a certified coach without subordinates in the cast: coaching/demo.py appoints them
            awal.update(sertifikasi=Mentor.Sertifikasi.COACH, tanggal_sertifikasi=date(k.tahun - 1, 5, 20),
                        nomor_sertifikat=f"CCH/{k.tahun - 1}/0311", penerbit_sertifikat="BPSDM Provinsi",
                        sertifikat_berlaku_sampai=date(k.tahun + 2, 5, 19))
        Mentor.objects.get_or_create(pegawai=p, defaults=awal)
    for peran_, kunci in [("Pegawai", "sari"), ("Atasan langsung (coach)", "budi"), ("Mentor", "rina"),
                          ("Kepala OPD", "hasan"), ("Pengelola BPSDM", "dewi"), ("Pegawai OPD lain", "joko")]:
        p = k.pemeran[kunci]
        k.login.append((peran_, p.nama_lengkap, p.nip))
