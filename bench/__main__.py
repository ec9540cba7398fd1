"""`python -m bench run --employees N [--years Y] --output FILE.json [--quick]`

Builds a synthetic province in a fresh test database of the configured engine (DATABASE_URL:
PostgreSQL for the headline figures; SQLite file otherwise), measures the pages, exports and
ledger operations, each against a baseline measured in the same run, and writes JSON."""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent


def _mesin() -> dict:
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = None
    return {"cores": os.cpu_count(), "memory_gib": round(mem, 1) if mem else None, "python": platform.python_version(),
            "platform": platform.platform()}


def _versi_server(connection) -> str:
    with connection.cursor() as c:
        c.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        return c.fetchone()[0]


KOLOM_TABEL = [
    # key, field, label, target at N = 20,000
    ("build", "seconds", "build (s)", "minutes"),
    ("rebuild_all", "seconds", "rebuild_all (s)", "≤ 120"),
    ("rebuild_all", "per_row_path_seconds_extrapolated", "rebuild, per-row path (s, extrapolated)", "—"),
    ("rebuild_all", "province_summary_rebuild_seconds", "province summaries rebuild (s)", "—"),
    ("recompute_employee_year", "p95", "recompute_employee_year p95 (s)", "≤ 0.020"),
    ("compliance_page", "p95", "compliance_page p95 (s)", "≤ 0.300"),
    ("compliance_page", "queries", "compliance_page queries", "≤ 10"),
    ("compliance_page", "ratio", "compliance_page ratio to SQL", "≤ 2"),
    ("compliance_page", "ratio_max", "compliance_page worst ratio over --repeat runs", "≤ 2"),
    ("api_compliance_opd", "p95", "api_compliance_opd p95 (s)", "—"),
    ("api_compliance_opd", "queries", "api_compliance_opd queries", "—"),
    ("compliance_xlsx", "seconds", "compliance_xlsx (s)", "≤ 10"),
    ("compliance_xlsx", "peak_mb", "compliance_xlsx peak (MB)", "≤ 250"),
    ("compliance_xlsx", "ratio", "compliance_xlsx ratio to write-only", "≤ 2"),
    ("dashboard_pegawai", "p95", "dashboard_pegawai p95 (s)", "≤ 0.200"),
    ("dashboard_pegawai", "queries", "dashboard_pegawai queries", "≤ 15"),
    ("api_jp_pegawai", "p95", "api_jp_pegawai p95 (s)", "—"),
    ("api_jp_pegawai", "queries", "api_jp_pegawai queries", "—"),
    ("dashboard_atasan", "p95", "dashboard_atasan p95 (s)", "≤ 0.200"),
    ("dashboard_atasan", "queries", "dashboard_atasan queries", "≤ 15"),
    ("dashboard_mentor", "p95", "dashboard_mentor p95 (s)", "≤ 0.200"),
    ("dashboard_mentor", "queries", "dashboard_mentor queries", "≤ 15"),
    ("dashboard_kepala", "p95", "dashboard_kepala p95 (s)", "≤ 0.200"),
    ("dashboard_kepala", "queries", "dashboard_kepala queries", "≤ 15"),
    ("kepala_disputed_sessions", "p95", "kepala_disputed_sessions p95 (s)", "≤ 0.300"),
    ("kepala_disputed_sessions", "queries", "kepala_disputed_sessions queries", "≤ 15"),
    ("kepala_countersign_queue", "p95", "kepala_countersign_queue p95 (s)", "≤ 0.300"),
    ("kepala_countersign_queue", "queries", "kepala_countersign_queue queries", "≤ 15"),
    ("dashboard_bpsdm", "p95", "dashboard_bpsdm p95 (s)", "≤ 0.300"),
    ("dashboard_bpsdm", "queries", "dashboard_bpsdm queries", "≤ 15"),
    ("sheet_pdf", "p95", "sheet_pdf p95 (s)", "≤ 0.5"),
    ("sheets_zip_100", "seconds_per_100", "sheets_zip_100 (s per 100)", "≤ 40"),
    ("load", "p95", "load p95 (s)", "≤ 0.5"),
    ("load", "rps", "load requests/s", "—"),
    ("load", "errors", "load errors", "0"),
    ("load_saturation", "rps", "saturation requests/s (no think time)", "—"),
    ("load_saturation", "p95", "saturation p95 (s)", "—"),
]


def _tabel(berkas: list[str]) -> str:
    hasil = [json.loads(Path(b).read_text()) for b in berkas]
    kepala = ["measure", "target (N=20,000)"] + [
        f"N={h['meta']['employees']:,} ({h['meta']['database']}, load {h['meta'].get('loadavg_end', ['?'])[0]})"
        for h in hasil
    ]
    baris = ["| " + " | ".join(kepala) + " |", "|" + "---|" * len(kepala)]
    for kunci, medan, label, target in KOLOM_TABEL:
        nilai = [str(h.get(kunci, {}).get(medan, "—")) for h in hasil]
        if any(v != "—" for v in nilai):
            baris.append("| " + " | ".join([label, target, *nilai]) + " |")
    return "\n".join(baris)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    sub = parser.add_subparsers(dest="perintah", required=True)
    run = sub.add_parser("run", help="bangun provinsi sintetis dan ukur")
    run.add_argument("--employees", type=int, default=2000)
    run.add_argument("--years", type=int, default=1)
    run.add_argument("--output", required=True)
    run.add_argument("--quick", action="store_true", help="sedikit pengulangan, uji beban 5 detik (untuk CI)")
    run.add_argument("--activities", type=int, default=20,
                     help="kegiatan per pegawai-tahun (baku 20; kurangi untuk N sangat besar)")
    run.add_argument("--only", default="", help="daftar kunci dipisah koma (mis. compliance_page,load)")
    run.add_argument("--repeat", type=int, default=1,
                     help="ulangi halaman kepatuhan dan baseline SQL-nya N kali (rasio harus ≤ 2 di setiap ulangan)")
    run.add_argument("--keepdb", action="store_true",
                     help="simpan basis data uji dan pakai lagi bila sudah dibangun (untuk profiling berulang)")
    tabel = sub.add_parser("table", help="tabel Markdown dari beberapa berkas JSON hasil (untuk docs/performance.md)")
    tabel.add_argument("berkas", nargs="+")
    gambar = sub.add_parser("plot", help="gambar SVG waktu terhadap N (sumbu log) dari berkas JSON hasil")
    gambar.add_argument("berkas", nargs="+")
    gambar.add_argument("--output", default=str(AKAR / "docs" / "img" / "skala.svg"))
    args = parser.parse_args(argv)
    if args.perintah == "table":
        print(_tabel(args.berkas))
        return 0
    if args.perintah == "plot":
        from .gambar import tulis

        tulis(args.berkas, args.output)
        print(args.output)
        return 0

    sys.path.insert(0, str(AKAR))
    os.chdir(AKAR)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bangkom.settings")
    os.environ.setdefault("AXES_FAILURE_LIMIT", "100000")
    import django
    from django.conf import settings

    django.setup()
    import logging

    for nama in ("weasyprint", "fontTools"):  # their INFO logs would drown the progress lines
        logging.getLogger(nama).setLevel(logging.WARNING)
    from django.db import connection

    if connection.vendor == "sqlite":
        # A file, not memory: the load test's gunicorn workers must see the same database.
        connection.settings_dict["TEST"]["NAME"] = str(AKAR / "bench" / "bench-test.sqlite3")
    # Not django.test's setup_test_environment: it instruments every template render (a signal and
    # a copy of the context each time) for the test client, which production never pays. The
    # test client only needs its host allowed; e-mail stays in memory.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEBUG = False
    nama_lama = connection.settings_dict["NAME"]
    # serialize=False: the test runner's copy of the whole database (for TransactionTestCase) would read
    # every row of a kept province before the first measurement.
    nama_db = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keepdb, serialize=False)
    print(f"database {connection.vendor} {nama_db}; load average {os.getloadavg()}", flush=True)
    try:
        from . import skenario

        mulai = time.perf_counter()
        hasil = skenario.jalankan(
            n=args.employees, tahun_jumlah=args.years, quick=args.quick,
            hanya={k for k in args.only.split(",") if k}, nama_db=nama_db, kegiatan_per_tahun=args.activities,
            pakai_lagi=args.keepdb, ulang_kepatuhan=args.repeat,
        )
        hasil["meta"] = {
            "database": connection.vendor, "employees": args.employees, "years": args.years, "quick": args.quick,
            "database_name": nama_db if connection.vendor != "sqlite" else Path(nama_db).name,
            "server_version": _versi_server(connection),
            "machine": _mesin(), "total_seconds": round(time.perf_counter() - mulai, 1),
            # Shared machine: the load averages (1, 5, 15 min) at the end say how busy it was.
            "loadavg_end": [round(x, 2) for x in os.getloadavg()],
            "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        }
    finally:
        if args.keepdb:
            connection.close()
        else:
            connection.creation.destroy_test_db(nama_lama, verbosity=0)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(hasil, indent=2, default=str))
    print(json.dumps(hasil, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
