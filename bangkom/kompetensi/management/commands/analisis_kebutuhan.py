from pathlib import Path

from bangkom.kompetensi import akpk
from bangkom.pegawai.models import PerangkatDaerah
from bangkom.pegawai.perintah import PerintahLaporan


class Command(PerintahLaporan):
    help = ("Analisis kebutuhan pengembangan kompetensi (AKPK) satu OPD: per kompetensi, pegawai di bawah "
            "standar, bentuk yang direkomendasikan, JP direncanakan dan tercapai.")
    format = akpk.FORMAT
    opd_wajib = True

    def tulis(self, *, tahun: int, opd: PerangkatDaerah | None, format: str, output: Path) -> str:
        assert opd is not None  # --opd is required
        output.write_bytes(akpk.tulis(akpk.analisis(opd=opd, tahun=tahun), format=format))
        return f"Analisis kebutuhan {opd.nama} {tahun} ditulis ke {output}."
