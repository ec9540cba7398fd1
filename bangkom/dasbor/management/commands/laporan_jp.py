"""`manage.py laporan_jp --tahun 2026 [--opd DINKES] --format xlsx|pdf|csv --output rekap.xlsx`:
the same Rekap Pemenuhan 20 JP as the report page, for scheduled jobs (whole province or one OPD)."""
from pathlib import Path

from bangkom.dasbor import laporan
from bangkom.pegawai.models import Pegawai, PerangkatDaerah
from bangkom.pegawai.perintah import PerintahLaporan


class Command(PerintahLaporan):
    help = "Membuat Rekap Pemenuhan 20 JP (Excel, PDF, atau CSV) untuk seluruh provinsi atau satu OPD."
    format = laporan.FORMAT

    def tulis(self, *, tahun: int, opd: PerangkatDaerah | None, format: str, output: Path) -> str:
        with output.open("wb") as berkas:
            n = laporan.tulis(format, berkas, tahun=tahun, pegawai_qs=Pegawai.objects.all(),
                              saring=laporan.Saringan(opd=opd))
        return f"Rekap {tahun}: {n} pegawai ditulis ke {output}."
