"""Renders the sample sheet shown in the docs (docs/img/lembar-kegiatan-contoh.png) from the demo
cast. Adds a year of Sari's coaching with Budi through the ledger services when she has none, so
run it on a throw-away database:

    DATABASE_URL=sqlite:////tmp/contoh.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/contoh.sqlite3 python manage.py seed_demo
    DATABASE_URL=sqlite:////tmp/contoh.sqlite3 python manage.py shell -c \
        "from bangkom.dokumen.contoh import buat; buat('docs/img/lembar-kegiatan-contoh.png')"

Needs `pdftoppm` (poppler-utils)."""
from __future__ import annotations

import subprocess
import tempfile
from datetime import date
from pathlib import Path

from django.utils import timezone

from bangkom.pegawai.models import Pegawai
from jp_conversion.models import Kegiatan
from jp_conversion.services import kegiatan_catat, kegiatan_paraf

from .lembar import lembar_terbitkan, periode_tahun

MATERI = [
    "Menyusun rencana kerja dan indikator kinerja seksi",
    "Analisis beban kerja dan pembagian tugas tim",
    "Penyusunan SOP pelayanan rujukan puskesmas",
    "Teknik umpan balik kepada rekan kerja",
    "Evaluasi capaian kinerja triwulan II",
    "Penyusunan laporan kinerja dan tindak lanjut temuan",
    "Perencanaan anggaran kegiatan tahun berikutnya",
    "Refleksi capaian dan rencana pengembangan diri",
]


def buat(tujuan: str | Path, *, nama_pegawai: str = "Sari", nama_pembimbing: str = "Budi") -> Path:
    sari = Pegawai.objects.get(nama__startswith=nama_pegawai, atasan__nama__startswith=nama_pembimbing)
    budi = sari.atasan
    if budi is None:  # the query above asks for a supervisor
        raise ValueError(f"{sari.nama} tidak memiliki atasan langsung.")
    tahun = timezone.localdate().year
    if not Kegiatan.objects.filter(pegawai=sari, jenis="coaching", tahun=tahun).exists():
        for i, materi in enumerate(MATERI):
            tanggal = date(tahun, 2 + i, 3 + 7 * (i % 3))
            if tanggal > timezone.localdate():
                break
            k = kegiatan_catat(pegawai=sari, jenis="coaching", tanggal=tanggal, materi=materi, pembimbing=budi)
            kegiatan_paraf(kegiatan=k, oleh=budi, setuju=True)
    mulai, selesai = periode_tahun(tahun)
    _, pdf = lembar_terbitkan(pegawai=sari, jenis="coaching", mulai=mulai, selesai=selesai)
    tujuan = Path(tujuan)
    with tempfile.TemporaryDirectory() as tmp:
        sumber = Path(tmp) / "lembar.pdf"
        sumber.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
             str(sumber), str(tujuan.with_suffix(""))],
            check=True,
        )
    return tujuan
