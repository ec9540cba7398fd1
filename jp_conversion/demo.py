"""Demo JP data: the yearly targets, and external activities (seminars, e-learning from the national
LMS, workshops, courses) with a certificate for about 30% of the employees, most verified by their
supervisor. Sari has a verified seminar and an e-learning course waiting for Budi. Everything goes
through the ledger services so the credits are right; keyed by employee + title, so a second run
adds nothing."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from bangkom.pegawai.models import Pegawai

from .eksternal import kegiatan_eksternal_ajukan, kegiatan_eksternal_verifikasi
from .models import KegiatanEksternal, TargetJP
from .target import TARGET_BAWAAN

KATALOG = [
    # jenis, judul, penyelenggara, JP (as-studied forms only)
    ("seminar", "Seminar Nasional Reformasi Birokrasi", "Kementerian PANRB", None),
    ("e_learning", "Literasi Digital untuk ASN", "LMS ASN nasional", Decimal("3")),
    ("e_learning", "Manajemen ASN Berbasis Sistem Merit", "LMS ASN nasional", Decimal("2")),
    ("workshop", "Lokakarya Penyusunan SKP", "BKD Provinsi", None),
    ("kursus", "Kursus Pengadaan Barang/Jasa Tingkat Dasar", "LKPP", Decimal("8")),
    ("sosialisasi", "Sosialisasi Pengelolaan Kinerja ASN", "BKN Kantor Regional", None),
]
PDF_DEMO = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _tanggal(k, bulan: int, hari: int) -> date:
    return min(date(k.tahun, bulan, hari), timezone.localdate())


def _ajukan(pegawai: Pegawai, tanggal: date, jenis: str, judul: str, penyelenggara: str, jp, *, verifikasi: bool):
    if KegiatanEksternal.objects.filter(kegiatan__pegawai=pegawai, kegiatan__materi=judul).exists():
        return
    eksternal = kegiatan_eksternal_ajukan(
        pegawai=pegawai, jenis=jenis, tanggal=tanggal, materi=judul, penyelenggara=penyelenggara,
        sertifikat=ContentFile(PDF_DEMO, name=f"sertifikat-{jenis}.pdf"), jp_belajar=jp,
        nomor_sertifikat=f"DEMO/{tanggal:%Y%m%d}/{pegawai.pk}", beri_tahu=False,
    )
    if verifikasi and pegawai.atasan is not None:
        kegiatan_eksternal_verifikasi(eksternal=eksternal, oleh=pegawai.atasan, setuju=True, beri_tahu=False)


def isi(k) -> None:
    for jenis in Pegawai.JenisASN.values:
        TargetJP.objects.get_or_create(tahun=k.tahun, jenis_asn=jenis, defaults={"target": TARGET_BAWAAN})

    sari = k.pemeran.get("sari")
    if sari is not None:
        _ajukan(sari, _tanggal(k, 3, 12), *KATALOG[0], verifikasi=True)
        _ajukan(sari, _tanggal(k, 11, 3), *KATALOG[1], verifikasi=False)

    pemeran = {p.pk for p in k.pemeran.values()}
    for pegawai in Pegawai.objects.filter(aktif=True, atasan__isnull=False).select_related("atasan").order_by("nip"):
        # Draw the same numbers for everyone, whether or not they already have data, so a second run
        # makes the same choices.
        ikut, banyak, mulai = k.rng.random(), k.rng.randint(1, 2), k.rng.randrange(len(KATALOG))
        bulan, hari, tunda = k.rng.randint(1, 10), k.rng.randint(1, 28), k.rng.random()
        if pegawai.pk in pemeran or ikut >= 0.3:
            continue
        for i in range(banyak):
            jenis, judul, penyelenggara, jp = KATALOG[(mulai + i) % len(KATALOG)]
            _ajukan(pegawai, _tanggal(k, bulan + i, hari), jenis, judul, penyelenggara, jp,
                    verifikasi=tunda >= 0.15 or i == 0)
