"""The base of the management commands that write a year's report for one OPD, or for all, to a file
(`laporan_jp`, `laporan_kesenjangan`, `analisis_kebutuhan`): the same four options and the same
answer to an unknown OPD code, so cron jobs call them all alike."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from .models import PerangkatDaerah


class PerintahLaporan(BaseCommand):
    """A subclass names its `format`s and writes the file in `tulis`, returning the line to print."""

    format: Iterable[str] = ()
    opd_wajib = False

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, default=None, help="Tahun (bawaan: tahun ini).")
        if self.opd_wajib:
            parser.add_argument("--opd", required=True, help="Kode OPD.")
        else:
            parser.add_argument("--opd", default=None, help="Kode OPD (bawaan: semua OPD).")
        parser.add_argument("--format", choices=sorted(self.format), default="xlsx")
        parser.add_argument("--output", required=True, help="Berkas keluaran.")

    def handle(self, *args, tahun, opd, format, output, **options):
        perangkat = None
        if opd:
            try:
                perangkat = PerangkatDaerah.objects.get(kode__iexact=opd)
            except PerangkatDaerah.DoesNotExist:
                raise CommandError(f"OPD dengan kode '{opd}' tidak ditemukan.") from None
        tahun = tahun or timezone.localdate().year
        pesan = self.tulis(tahun=tahun, opd=perangkat, format=format, output=Path(output))
        self.stdout.write(self.style.SUCCESS(pesan))

    def tulis(self, *, tahun: int, opd: PerangkatDaerah | None, format: str, output: Path) -> str:
        raise NotImplementedError
