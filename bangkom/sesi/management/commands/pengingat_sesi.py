from django.core.management.base import BaseCommand

from bangkom.sesi.services import HARI_PENGINGAT_KONFIRMASI, sesi_ingatkan


class Command(BaseCommand):
    help = (
        f"Mengingatkan pihak lain tentang sesi coaching/mentoring yang {HARI_PENGINGAT_KONFIRMASI} hari belum "
        "dikonfirmasi peserta atau belum diparaf pembimbing (sekali per peserta sesi). Jalankan harian dari cron."
    )

    def handle(self, *args, **options):
        jumlah = sesi_ingatkan()
        self.stdout.write(self.style.SUCCESS(f"{jumlah} pengingat konfirmasi/paraf sesi dikirim."))
