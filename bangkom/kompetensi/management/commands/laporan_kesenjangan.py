from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bangkom.kompetensi import laporan
from bangkom.pegawai.models import Pegawai, PerangkatDaerah


class Command(BaseCommand):
    help = "Laporan kesenjangan kompetensi: satu baris per pegawai × kompetensi yang di bawah standar."

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, default=None, help="Tahun (bawaan: tahun ini).")
        parser.add_argument("--opd", default=None, help="Kode OPD (bawaan: semua OPD).")
        parser.add_argument("--format", choices=laporan.FORMAT, default="xlsx")
        parser.add_argument("--output", required=True, help="Berkas keluaran.")

    def handle(self, *args, tahun, opd, format, output, **options):
        tahun = tahun or timezone.localdate().year
        qs = Pegawai.objects.all()
        if opd:
            try:
                qs = qs.filter(opd=PerangkatDaerah.objects.get(kode=opd))
            except PerangkatDaerah.DoesNotExist:
                raise CommandError(f"OPD dengan kode '{opd}' tidak ditemukan.") from None
        isi = laporan.tulis(qs, tahun=tahun, format=format)
        Path(output).write_bytes(isi)
        self.stdout.write(self.style.SUCCESS(f"Laporan kesenjangan {tahun} ditulis ke {output}."))
