"""Demo self-study: Sari (from Budi) and twenty other employees (from their own supervisors) get
a finished, evaluated assignment in the first half of the year and an active one since August,
with sources, daily logs across the year (some days over 2 JP, some international, some rejected,
some still waiting) and resumes. Everything goes through the services, so the ledger credits are
right. Deterministic (each employee has its own seeded generator) and idempotent (an assignment
that exists is left as it is); no date later than today."""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from bangkom.pegawai.models import Pegawai

from . import services
from .models import PenugasanBelajar

TOPIK = [
    ("Analisis kebutuhan pelatihan", "Menyusun analisis kebutuhan pelatihan unit kerja (level 2 → 3)."),
    ("Penyusunan SOP pelayanan", "Belum mampu merumuskan SOP yang sesuai pedoman PermenPANRB."),
    ("Pengolahan data dengan spreadsheet", "Analisis data kepegawaian masih manual."),
    ("Komunikasi efektif dan pelayanan publik", "Kompetensi manajerial komunikasi level 2 → 3."),
    ("Manajemen risiko sektor publik", "Belum memahami penyusunan register risiko."),
    ("Penulisan naskah dinas", "Tata naskah dinas belum sesuai ketentuan."),
]
SUMBER = [
    ("kursus_nasional", "ASN Unggul: Pengembangan Kompetensi ASN", "https://asnunggul.lan.go.id/", ""),
    ("kursus_instansi", "LMS BPSDM: Modul Orientasi Jabatan", "", "LMS instansi, modul 1–4"),
    ("buku", "Manajemen SDM Aparatur", "", "Bab 1–5"),
    ("tautan", "Pedoman PermenPANRB 38/2017 (ringkasan)", "https://jdih.menpan.go.id/", ""),
]
MATERI = ["Membaca bab", "Menonton video modul", "Latihan soal modul", "Merangkum materi", "Mengerjakan studi kasus"]
JP_PILIHAN = [Decimal("1"), Decimal("1.5"), Decimal("2"), Decimal("2"), Decimal("0.75"), Decimal("3")]


def _peserta(k) -> list[Pegawai]:
    """Sari first, then twenty staff with a supervisor, spread over the OPDs, never the rest of the cast."""
    sari = k.pemeran["sari"]
    pemeran = [p.pk for p in k.pemeran.values()]
    lain = list(
        Pegawai.objects.filter(aktif=True, atasan__isnull=False, jabatan__tingkat__lte=2)
        .exclude(pk__in=pemeran).order_by("nip").values_list("pk", flat=True)
    )
    langkah = max(1, len(lain) // 20)
    terpilih = lain[::langkah][:20]
    return [sari, *Pegawai.objects.filter(pk__in=terpilih).select_related("atasan").order_by("nip")]


def _hari_belajar(rng: random.Random, mulai: date, akhir: date):
    d = mulai
    while d <= akhir:
        if d.weekday() < 5 and rng.random() < 0.12:
            yield d
        d += timedelta(days=1)


def _isi_penugasan(k, pegawai: Pegawai, *, topik: str, kesenjangan: str, mulai: date, selesai: date,
                   lingkup: str, tutup: bool, hari_ini: date) -> None:
    if PenugasanBelajar.objects.filter(pegawai=pegawai, topik=topik).exists():
        return
    rng = random.Random(f"{pegawai.nip}-{topik}")
    atasan = pegawai.atasan
    if atasan is None:  # _peserta picks staff with a supervisor only
        raise ValueError(f"Data contoh: {pegawai.nama} tidak memiliki atasan langsung untuk penugasan belajar.")
    penugasan = services.penugasan_buat(
        atasan=atasan, pegawai=pegawai, topik=topik, kesenjangan=kesenjangan, lingkup=lingkup,
        mulai=mulai, selesai=selesai, jp_rencana=Decimal(rng.choice([10, 12, 16, 20])), beri_tahu=False,
    )
    sumber = [
        services.sumber_tambah(
            penugasan=penugasan, oleh=atasan, jenis=jenis, judul=judul, url=url, keterangan=ket
        )
        for jenis, judul, url, ket in rng.sample(SUMBER, 2)
    ]
    batas_paraf = hari_ini - timedelta(days=10)
    for hari in _hari_belajar(rng, mulai, min(selesai, hari_ini)):
        for urutan in range(2 if rng.random() < 0.15 else 1):  # some days have two logs (over the cap)
            s = rng.choice([*sumber, None])
            log = services.log_catat(
                penugasan=penugasan, tanggal=hari, jp_belajar=rng.choice(JP_PILIHAN),
                materi=f"{rng.choice(MATERI)} {urutan + 1}", sumber=s, beri_tahu=False,
            )
            if hari > batas_paraf and not tutup:
                continue  # recent logs still wait for paraf
            if rng.random() < 0.08:
                services.log_paraf(
                    log=log, oleh=atasan, setuju=False, alasan="Materi tidak sesuai topik penugasan.", beri_tahu=False
                )
            else:
                services.log_paraf(log=log, oleh=atasan, setuju=True, beri_tahu=False)
    if tutup or rng.random() < 0.6:
        resume = services.resume_simpan(
            penugasan=penugasan, oleh=pegawai, judul=f"Resume: {topik}", sumber=None, beri_tahu=False,
            isi=(f"<p>Selama belajar mandiri tentang <b>{topik.lower()}</b> saya mempelajari:</p>"
                 "<ul><li>konsep dasar dan ketentuan yang berlaku;</li><li>contoh penerapan di unit kerja;</li>"
                 "<li>rencana penerapan dalam tugas jabatan.</li></ul>"),
        )
        if tutup:
            services.resume_paraf(resume=resume, oleh=atasan, setuju=True, beri_tahu=False)
    if tutup:
        services.penugasan_evaluasi(
            penugasan=penugasan, oleh=atasan, hasil=rng.choice(["tercapai", "tercapai", "sebagian"]),
            catatan="Pegawai sudah menerapkan hasil belajar dalam tugas.", beri_tahu=False,
            penilaian={
                s.pk: rng.choice(["paling_efektif", "cukup", "cukup", "kurang"]) for s in penugasan.sumber.all()
            },
        )


def isi(k) -> None:
    hari_ini = min(timezone.localdate(), date(k.tahun, 12, 31))
    for nomor, pegawai in enumerate(_peserta(k)):
        if pegawai.atasan_id is None:
            continue
        topik_a, gap_a = TOPIK[nomor % len(TOPIK)]
        topik_b, gap_b = TOPIK[(nomor + 3) % len(TOPIK)]
        awal = date(k.tahun, 2, 1)
        if awal <= hari_ini:
            _isi_penugasan(
                k, pegawai, topik=topik_a, kesenjangan=gap_a, mulai=awal, selesai=date(k.tahun, 5, 31),
                lingkup="nasional", tutup=date(k.tahun, 6, 7) <= hari_ini, hari_ini=hari_ini,
            )
        awal = date(k.tahun, 8, 1)
        if awal <= hari_ini:
            _isi_penugasan(
                k, pegawai, topik=topik_b, kesenjangan=gap_b, mulai=awal, selesai=date(k.tahun, 12, 31),
                lingkup="internasional" if nomor % 4 == 0 else "nasional", tutup=False, hari_ini=hari_ini,
            )

