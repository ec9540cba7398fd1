from datetime import date

from django.core.management.base import BaseCommand, CommandError

from mentoring.services import HARI_PENGINGAT, HARI_TAWARAN, pengingat_kirim


class Command(BaseCommand):
    help = (
        f"Pengingat mentoring (jalankan sekali sehari lewat cron, mis. `0 7 * * * python manage.py "
        f"pengingat_mentoring`): permintaan yang belum dijawab {HARI_PENGINGAT} hari → pengingat ke mentor; "
        f"{HARI_TAWARAN} hari → pemberitahuan ke pegawai dengan tawaran mentor lain. Setiap pengingat "
        "dikirim sekali per permintaan, jadi aman dijalankan berulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tanggal", help="Anggap hari ini tanggal ini (YYYY-MM-DD), untuk uji coba.")

    def handle(self, *args, tanggal=None, **options):
        hari_ini = None
        if tanggal:
            try:
                hari_ini = date.fromisoformat(tanggal)
            except ValueError:
                raise CommandError("Format --tanggal harus YYYY-MM-DD.") from None
        hasil = pengingat_kirim(hari_ini=hari_ini)
        self.stdout.write(
            self.style.SUCCESS(f"Pengingat terkirim: {hasil['mentor']} ke mentor, {hasil['pegawai']} ke pegawai.")
        )
