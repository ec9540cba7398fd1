"""`manage.py tangkap_layar [--url http://127.0.0.1:8000] [--password bangkom-demo] [--hanya panduan|readme]`:
the screenshots of the user guide (docs/img/panduan/<peran>-<nn>-<langkah>.png, one list of steps per
role in bangkom/dasbor/tangkapan.py) and of the README (each dashboard, the compliance report) over the
demo data. Needs a running server with `seed_demo` data, run with the SAME database settings
(DATABASE_URL) as the server, and Chromium (/usr/bin/chromium). Issues one activity sheet (for the
QR verification shot): use a throw-away demo database."""
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bangkom.dasbor import tangkapan


class Command(BaseCommand):
    help = "Mengambil tangkapan layar panduan pengguna dan README dari data demo (untuk docs/img)."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000")
        parser.add_argument("--password", default="bangkom-demo")
        parser.add_argument("--keluaran", default="docs/img")
        parser.add_argument("--hanya", choices=["panduan", "readme"], help="hanya satu kelompok tangkapan")
        parser.add_argument("--peran", help="hanya panduan peran ini (mis. atasan)")
        parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))

    def handle(self, *args, url, password, keluaran, hanya, peran, chromium, **options):
        from playwright.sync_api import sync_playwright

        # Playwright's sync API runs an event loop in this thread; the few ORM look-ups between shots
        # are plain synchronous reads of this one-off command, so Django's async guard is lifted here.
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        folder = Path(keluaran)
        (folder / "panduan").mkdir(parents=True, exist_ok=True)
        daftar = [p for p in tangkapan.PANDUAN if peran in (None, p.peran)]
        if not daftar:
            pilihan = ", ".join(p.peran for p in tangkapan.PANDUAN)
            raise CommandError(f"Peran tidak dikenal: {peran}. Pilihan: {pilihan}")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            try:
                penangkap = tangkapan.Penangkap(browser, url=url, sandi=password, keluaran=folder / "panduan",
                                                tulis=self.stdout.write)
            except LookupError as e:
                raise CommandError(str(e)) from e
            if hanya in (None, "panduan"):
                penangkap.panduan(daftar)
            if hanya in (None, "readme"):
                penangkap.keluaran = folder
                penangkap.readme()
            browser.close()
        self.stdout.write(self.style.SUCCESS("Tangkapan layar selesai."))
