from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bangkom.kompetensi import akpk
from bangkom.pegawai.models import PerangkatDaerah


class Command(BaseCommand):
    help = ("Analisis kebutuhan pengembangan kompetensi (AKPK) satu OPD: per kompetensi, pegawai di bawah "
            "standar, bentuk yang direkomendasikan, JP direncanakan dan tercapai.")

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, default=None, help="Tahun (bawaan: tahun ini).")
        parser.add_argument("--opd", required=True, help="Kode OPD.")
        parser.add_argument("--format", choices=akpk.FORMAT, default="xlsx")
        parser.add_argument("--output", required=True, help="Berkas keluaran.")

    def handle(self, *args, tahun, opd, format, output, **options):
        tahun = tahun or timezone.localdate().year
        try:
            perangkat = PerangkatDaerah.objects.get(kode=opd)
        except PerangkatDaerah.DoesNotExist:
            raise CommandError(f"OPD dengan kode '{opd}' tidak ditemukan.") from None
        Path(output).write_bytes(akpk.tulis(akpk.analisis(opd=perangkat, tahun=tahun), format=format))
        self.stdout.write(self.style.SUCCESS(f"Analisis kebutuhan {perangkat.nama} {tahun} ditulis ke {output}."))
