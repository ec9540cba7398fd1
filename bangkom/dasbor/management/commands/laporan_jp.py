"""`manage.py laporan_jp --tahun 2026 [--opd DINKES] --format xlsx|pdf|csv --output rekap.xlsx`:
the same Rekap Pemenuhan 20 JP as the report page, for scheduled jobs (whole province or one OPD)."""
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bangkom.dasbor import laporan
from bangkom.pegawai.models import Pegawai, PerangkatDaerah


class Command(BaseCommand):
    help = "Membuat Rekap Pemenuhan 20 JP (Excel, PDF, atau CSV) untuk seluruh provinsi atau satu OPD."

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, default=None, help="Tahun rekap (bawaan: tahun berjalan).")
        parser.add_argument("--opd", default="", help="Kode OPD (bawaan: semua OPD).")
        parser.add_argument("--format", choices=sorted(laporan.FORMAT), default="xlsx")
        parser.add_argument("--output", required=True, help="Berkas tujuan.")

    def handle(self, *args, tahun, opd, format, output, **options):
        tahun = tahun or timezone.localdate().year
        saring = laporan.Saringan()
        if opd:
            try:
                saring.opd = PerangkatDaerah.objects.get(kode__iexact=opd)
            except PerangkatDaerah.DoesNotExist:
                raise CommandError(f"OPD dengan kode {opd!r} tidak ditemukan.") from None
        with open(output, "wb") as berkas:
            n = laporan.tulis(format, berkas, tahun=tahun, pegawai_qs=Pegawai.objects.all(), saring=saring)
        self.stdout.write(self.style.SUCCESS(f"Rekap {tahun}: {n} pegawai ditulis ke {output}."))
