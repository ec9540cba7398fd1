from pathlib import Path

from bangkom.kompetensi import laporan
from bangkom.pegawai.models import Pegawai, PerangkatDaerah
from bangkom.pegawai.perintah import PerintahLaporan


class Command(PerintahLaporan):
    help = "Laporan kesenjangan kompetensi: satu baris per pegawai × kompetensi yang di bawah standar."
    format = laporan.FORMAT

    def tulis(self, *, tahun: int, opd: PerangkatDaerah | None, format: str, output: Path) -> str:
        qs = Pegawai.objects.filter(opd=opd) if opd else Pegawai.objects.all()
        output.write_bytes(laporan.tulis(qs, tahun=tahun, format=format))
        return f"Laporan kesenjangan {tahun} ditulis ke {output}."
