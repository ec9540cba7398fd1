"""Demo competencies: standards for the demo positions (bangkom.pegawai.demo.JABATAN), a few
technical competencies, assessments leaving about half of the employees with gaps (Sari always),
some gap dialogs and development plans (Sari has one). Deterministic and idempotent."""
from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from bangkom.pegawai.demo import KonteksDemo
from bangkom.pegawai.models import Jabatan, Pegawai

from . import demo_iku
from .kesenjangan import KETERAMPILAN, MOTIVASI, PENGETAHUAN, rekomendasi_bentuk
from .kinerja import BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_BAIK
from .models import (
    BarisRencana,
    DialogKesenjangan,
    Kompetensi,
    LevelKompetensi,
    PenilaianKinerja,
    PenilaianKompetensi,
    RencanaPengembangan,
    StandarKompetensi,
    SumberPenilaian,
)
from .selectors import kesenjangan_pegawai

TEKNIS = [
    # kode, nama, rumpun, jabatan that need it
    ("manajemen-sdm", "Manajemen SDM Aparatur", "Kepegawaian", ["ANALIS-SDM"]),
    ("perencanaan-pembangunan", "Perencanaan Pembangunan Daerah", "Perencanaan", ["PERENCANA"]),
    ("analisis-kebijakan", "Analisis Kebijakan Publik", "Kebijakan", ["ANALIS-KEBIJAKAN"]),
    ("tata-kelola-ti", "Tata Kelola Sistem Informasi", "Teknologi Informasi", ["PRANATA-KOMPUTER", "PENGOLAH-DATA"]),
    ("administrasi-perkantoran", "Administrasi Perkantoran", "Administrasi", ["PENGADMINISTRASI"]),
]
LEVEL_TEKNIS = ("Memahami dasar-dasar bidang ini", "Menerapkan dengan bimbingan", "Menerapkan secara mandiri",
                "Mengembangkan dan membimbing orang lain", "Menjadi rujukan dan merumuskan kebijakan bidang ini")
# Required managerial/socio-cultural level by position seniority (Jabatan.tingkat).
LEVEL_MANAJERIAL = {5: 4, 4: 3, 3: 3, 2: 2, 1: 1}


def _standar(k: KonteksDemo) -> None:
    teknis = []
    for urutan, (kode, nama, rumpun, _) in enumerate(TEKNIS, start=50):
        kompetensi, _ = Kompetensi.objects.update_or_create(
            kode=kode, defaults=dict(jenis="teknis", nama=nama, rumpun=rumpun, urutan=urutan,
                                     definisi=f"Pengetahuan, keterampilan dan sikap di bidang {rumpun.lower()}.")
        )
        for n, teks in enumerate(LEVEL_TEKNIS, start=1):
            LevelKompetensi.objects.get_or_create(kompetensi=kompetensi, level=n, defaults={"deskripsi": teks})
        teknis.append(kompetensi)
    umum = list(Kompetensi.objects.exclude(jenis="teknis"))
    for jabatan in Jabatan.objects.all():
        level = LEVEL_MANAJERIAL.get(jabatan.tingkat, 2)
        for kompetensi in umum:
            StandarKompetensi.objects.get_or_create(
                jabatan=jabatan, kompetensi=kompetensi, defaults={"level_standar": level}
            )
        for kompetensi, (_, _, _, kode_jabatan) in zip(teknis, TEKNIS, strict=True):
            if jabatan.kode in kode_jabatan:
                StandarKompetensi.objects.get_or_create(
                    jabatan=jabatan, kompetensi=kompetensi, defaults={"level_standar": min(level + 1, 5)}
                )


def _penilaian(k: KonteksDemo) -> None:
    """One asesmen per employee and competency of the standard, a year ago; every other employee
    (by NIP order) is one or two levels below standard in two or three competencies."""
    tanggal = date(k.tahun - 1, 10, 15)
    ada = set(PenilaianKompetensi.objects.filter(tanggal=tanggal, sumber=SumberPenilaian.ASESMEN)
              .values_list("pegawai_id", "kompetensi_id"))
    standar: dict[int, list[StandarKompetensi]] = {}
    for s in StandarKompetensi.objects.select_related("kompetensi").order_by("kompetensi__urutan"):
        standar.setdefault(s.jabatan_id, []).append(s)
    sari = k.pemeran["sari"]
    baru = []
    for i, p in enumerate(Pegawai.objects.filter(aktif=True).order_by("nip")):
        daftar = standar.get(p.jabatan_id, [])
        ada_senjang = p.pk == sari.pk or i % 2 == 0
        senjang = {s.kompetensi_id: k.rng.choice((1, 1, 2)) for s in k.rng.sample(daftar, min(3, len(daftar)))} \
            if ada_senjang else {}
        if p.pk == sari.pk:  # a known picture for the guided tour: small, large and knowledge gaps
            kode = {s.kompetensi.kode: s.kompetensi_id for s in daftar}
            senjang = {kode["komunikasi"]: 1, kode["pengambilan-keputusan"]: 1, kode["manajemen-sdm"]: 2}
        for s in daftar:
            if (p.pk, s.kompetensi_id) in ada:
                continue
            level = max(1, s.level_standar - senjang.get(s.kompetensi_id, 0))
            if senjang.get(s.kompetensi_id) and level == s.level_standar:
                continue  # a level-1 standard cannot be missed by a level: leave it unassessed
            baru.append(PenilaianKompetensi(
                pegawai=p, kompetensi_id=s.kompetensi_id, level=level, sumber=SumberPenilaian.ASESMEN,
                tanggal=tanggal, penilai=None, catatan="Hasil asesmen kompetensi BPSDM (demo).",
            ))
    PenilaianKompetensi.objects.bulk_create(baru)


def _dialog(k: KonteksDemo, pegawai: Pegawai, kode: str, penyebab: str, tanggal: date, konfirmasi_pegawai: bool):
    butir = next((b for b in kesenjangan_pegawai(pegawai).butir if b.kompetensi.kode == kode), None)
    if butir is None or butir.selisih <= 0:
        return None
    bentuk, penjelasan = rekomendasi_bentuk(butir.selisih, penyebab)
    waktu = timezone.make_aware(datetime.combine(tanggal, time(10, 0)))
    d, _ = DialogKesenjangan.objects.update_or_create(
        pegawai=pegawai, kompetensi=butir.kompetensi, tahun=k.tahun,
        defaults=dict(level_standar=butir.standar, level_saat_ini=butir.saat_ini, penyebab=penyebab,
                      bentuk_rekomendasi=bentuk, penjelasan_rekomendasi=penjelasan, bentuk_dipilih=bentuk,
                      dikonfirmasi_atasan=pegawai.atasan, dikonfirmasi_atasan_pada=waktu,
                      dikonfirmasi_pegawai_pada=waktu if konfirmasi_pegawai else None,
                      catatan="Dibahas dalam dialog kinerja awal tahun."),
    )
    return d


def _rencana(k: KonteksDemo, pegawai: Pegawai, baris: list[tuple]) -> None:
    rencana, _ = RencanaPengembangan.objects.get_or_create(pegawai=pegawai, tahun=k.tahun)
    for dialog, bentuk, uraian, jp, mulai, selesai in baris:
        BarisRencana.objects.update_or_create(
            rencana=rencana, uraian=uraian,
            defaults=dict(dialog=dialog, kompetensi=dialog.kompetensi if dialog else None, bentuk=bentuk,
                          jp_direncanakan=Decimal(jp), bulan_mulai=mulai, bulan_selesai=selesai),
        )


def _kinerja(k: KonteksDemo) -> None:
    """Last year's predicate (SKP) for every active employee: mostly Baik, some Sangat Baik, a few below
    Baik (Sari, one more of Budi's team, and about one in nine) so the "perlu coaching" lists of the
    atasan and kepala dashboards are not empty."""
    budi, sari = k.pemeran["budi"], k.pemeran["sari"]
    rekan = budi.bawahan.filter(aktif=True).exclude(pk=sari.pk).order_by("nip").first()
    for i, p in enumerate(Pegawai.objects.filter(aktif=True).order_by("nip")):
        if p.pk == sari.pk or (rekan is not None and p.pk == rekan.pk) or i % 9 == 4:
            predikat = BUTUH_PERBAIKAN
        elif i % 23 == 7:
            predikat = KURANG
        else:
            predikat = SANGAT_BAIK if i % 5 == 0 else BAIK
        PenilaianKinerja.objects.update_or_create(pegawai=p, tahun=k.tahun - 1, defaults={"predikat": predikat})
        PenilaianKinerja.objects.update_or_create(pegawai=p, tahun=k.tahun - 2, defaults={"predikat": BAIK})


def isi(k: KonteksDemo) -> None:
    _standar(k)
    _penilaian(k)
    _kinerja(k)
    sari = k.pemeran["sari"]
    d1 = _dialog(k, sari, "komunikasi", MOTIVASI, date(k.tahun, 1, 20), True)
    d2 = _dialog(k, sari, "manajemen-sdm", KETERAMPILAN, date(k.tahun, 1, 20), True)
    d3 = _dialog(k, sari, "pengambilan-keputusan", PENGETAHUAN, date(k.tahun, 2, 3), False)
    _rencana(k, sari, [
        (d1, "coaching", "Coaching penyusunan bahan paparan bersama atasan", "8", 2, 5),
        (d2, "mentoring", "Mentoring manajemen SDM aparatur dengan mentor senior", "8", 3, 8),
        (d3, "belajar_mandiri", "Belajar mandiri analisis pengambilan keputusan (e-book, video)", "6", 4, 9),
    ])
    # A few more dialogs and plans among other supervised employees.
    lain = Pegawai.objects.filter(aktif=True, atasan__isnull=False).exclude(pk=sari.pk).order_by("nip")
    jumlah = 0
    for p in lain:
        if jumlah >= 6:
            break
        gap = (p.penilaian_kompetensi.select_related("kompetensi").order_by("kompetensi__urutan")
               .filter(kompetensi__standar__jabatan=p.jabatan_id,
                       level__lt=F("kompetensi__standar__level_standar")).first())
        if gap is None:
            continue
        d = _dialog(k, p, gap.kompetensi.kode, (MOTIVASI, KETERAMPILAN, PENGETAHUAN)[jumlah % 3],
                    date(k.tahun, 2, 10), jumlah % 2 == 0)
        if d is not None and jumlah % 2 == 0:
            _rencana(k, p, [(d, d.bentuk_dipilih, f"{d.get_bentuk_dipilih_display()} {d.kompetensi.nama}", "10", 3, 6)])
        jumlah += 1
    demo_iku.isi(k)
