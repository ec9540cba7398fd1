"""`manage.py ringkasan_provinsi [--tahun 2026 ...]`: rebuild the province summaries the BPSDM
dashboard reads (JP compliance per OPD and ASN type, `jp_conversion.rekap_opd`; competency gaps per
OPD, `bangkom.kompetensi.ringkasan`) from the ledger and the assessments. The services keep them in
step on every write; this is for after a bulk load outside them."""
from django.core.management.base import BaseCommand
from django.db import transaction

from bangkom.kompetensi.ringkasan import ringkasan_opd_hitung
from jp_conversion.models import RekapTahunan
from jp_conversion.rekap_opd import rekap_opd_hitung


class Command(BaseCommand):
    help = "Membangun ulang ringkasan provinsi (JP per OPD dan kesenjangan kompetensi per OPD) untuk dasbor BPSDM."

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, nargs="*", default=None,
                            help="Tahun yang dibangun ulang (bawaan: setiap tahun yang ada di rekap JP).")

    def handle(self, *args, tahun, **options):
        semua_tahun = tahun or sorted(set(RekapTahunan.objects.values_list("tahun", flat=True).distinct()))
        with transaction.atomic():
            for th in semua_tahun:
                n = rekap_opd_hitung(tahun=th)
                self.stdout.write(f"Rekap JP per OPD {th}: {n} baris.")
            n = ringkasan_opd_hitung()
            self.stdout.write(f"Ringkasan kesenjangan per OPD: {n} baris.")
        self.stdout.write(self.style.SUCCESS("Ringkasan provinsi dibangun ulang."))
