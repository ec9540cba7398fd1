from django.core.management.base import BaseCommand

from coaching.services import HARI_PENGINGAT, kesepakatan_ingatkan_berakhir


class Command(BaseCommand):
    help = (
        f"Mengingatkan coach dan pegawai tentang kesepakatan coaching yang berakhir dalam {HARI_PENGINGAT} hari "
        "(sekali per kesepakatan). Jalankan harian dari cron."
    )

    def handle(self, *args, **options):
        jumlah = kesepakatan_ingatkan_berakhir()
        self.stdout.write(self.style.SUCCESS(f"Pengingat dikirim untuk {jumlah} kesepakatan coaching."))
