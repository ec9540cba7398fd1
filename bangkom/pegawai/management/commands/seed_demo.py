import importlib
import random

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from bangkom.pegawai.demo import KonteksDemo


class Command(BaseCommand):
    help = "Mengisi data demo (deterministik, aman dijalankan berulang) dan mencetak akun demo."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="bangkom-demo", help="Kata sandi semua akun demo.")
        parser.add_argument("--tahun", type=int, default=None, help="Tahun kegiatan demo (bawaan: tahun ini).")

    def handle(self, *args, password, tahun, **options):
        k = KonteksDemo(tahun=tahun or timezone.localdate().year, password=password, rng=random.Random(2026))
        with transaction.atomic():
            # Each app may ship a `demo` module with `isi(konteks)`; they run in INSTALLED_APPS order,
            # so the organisation exists before the workflows add activity to it.
            for config in apps.get_app_configs():
                try:
                    modul = importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                modul.isi(k)
                k.rng = random.Random(f"2026-{config.name}")
        self.stdout.write(self.style.SUCCESS(f"Data demo siap. Akun demo (kata sandi: {password}):"))
        for peran, nama, nip in k.login:
            self.stdout.write(f"  {peran:<26} {nip}  {nama}")
