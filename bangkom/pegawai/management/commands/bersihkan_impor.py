"""`manage.py bersihkan_impor [--jam 24]`: delete Excel import previews never confirmed (daily, cron)."""
from datetime import timedelta

from django.core.management.base import BaseCommand

from bangkom.pegawai import impor_alur


class Command(BaseCommand):
    help = "Hapus berkas pratinjau impor Excel yang tidak dikonfirmasi dan sudah kedaluwarsa."

    def add_arguments(self, parser):
        parser.add_argument("--jam", type=int, default=int(impor_alur.MASA_BERLAKU.total_seconds() // 3600),
                            help="umur minimal berkas yang dihapus, dalam jam (baku: masa berlaku pratinjau)")

    def handle(self, *args, jam, **options):
        n = impor_alur.bersihkan(umur=timedelta(hours=jam))
        self.stdout.write(f"{n} berkas pratinjau impor dihapus.")
