"""`python scripts/tangkap_layar.py [--url http://127.0.0.1:8000] [--password bangkom-demo] [--hanya panduan|readme]`:
the screenshots of the user guide (docs/img/panduan/<peran>-<nn>-<langkah>.png, one list of steps per
role in scripts/tangkapan.py) and of the README (each dashboard, the compliance report) over the
demo data. Needs a running server with `seed_demo` data, run with the SAME database settings
(DATABASE_URL) as the server, and Chromium (/usr/bin/chromium). Issues one activity sheet (for the
QR verification shot): use a throw-away demo database."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description="Tangkapan layar panduan pengguna dan README dari data demo.")
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--password", default="bangkom-demo")
    parser.add_argument("--keluaran", default="docs/img")
    parser.add_argument("--hanya", choices=["panduan", "readme"], help="hanya satu kelompok tangkapan")
    parser.add_argument("--peran", help="hanya panduan peran ini (mis. atasan)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    arg = parser.parse_args()

    sys.path.insert(0, str(AKAR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bangkom.settings")
    # Playwright's sync API runs an event loop in this thread; the few ORM look-ups between shots
    # are plain synchronous reads of this one-off script, so Django's async guard is lifted here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from scripts import tangkapan

    folder = Path(arg.keluaran)
    (folder / "panduan").mkdir(parents=True, exist_ok=True)
    daftar = [p for p in tangkapan.PANDUAN if arg.peran in (None, p.peran)]
    if not daftar:
        pilihan = ", ".join(p.peran for p in tangkapan.PANDUAN)
        print(f"Peran tidak dikenal: {arg.peran}. Pilihan: {pilihan}", file=sys.stderr)
        return 2
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=arg.chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            penangkap = tangkapan.Penangkap(browser, url=arg.url, sandi=arg.password, keluaran=folder / "panduan")
        except LookupError as e:
            print(e, file=sys.stderr)
            return 1
        if arg.hanya in (None, "panduan"):
            penangkap.panduan(daftar)
        if arg.hanya in (None, "readme"):
            penangkap.keluaran = folder
            penangkap.readme()
        browser.close()
    print("Tangkapan layar selesai.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
