"""Backup and restore with the documented commands (docs/operations.md, scripts/cadangan.sh and
scripts/pulihkan.sh): a seeded database and its media come back whole. PostgreSQL only: runs when
DATABASE_URL points to PostgreSQL and pg_dump is installed, e.g.
DATABASE_URL=postgres://postgres@127.0.0.1:5432/bangkom_h pytest tests/keamanan/test_cadangan.py"""
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

AKAR = Path(__file__).resolve().parents[2]
URL = os.environ.get("DATABASE_URL", "")
pytestmark = [
    pytest.mark.pg,
    pytest.mark.skipif(
        not URL.startswith(("postgres://", "postgresql://")) or not shutil.which("pg_dump"),
        reason="needs DATABASE_URL=postgres://… and pg_dump",
    ),
]


def _url_db(nama: str) -> str:
    u = urlsplit(URL)
    return urlunsplit((u.scheme, u.netloc, f"/{nama}", u.query, u.fragment))


def _sql(sql: str, db: str = "postgres") -> str:
    import psycopg

    with psycopg.connect(_url_db(db), autocommit=True) as conn:
        hasil = conn.execute(sql)
        return hasil.fetchall() if hasil.description else []


def _jumlah_baris(db: str) -> dict[str, int]:
    tabel = [t for (t,) in _sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", db)]
    union = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM \"{t}\"" for t in tabel)
    return dict(_sql(union, db))


def _jalan(args, env, **kw):
    hasil = subprocess.run(args, cwd=AKAR, env=env, capture_output=True, text=True, timeout=600, **kw)
    assert hasil.returncode == 0, f"{args}: {hasil.stdout}\n{hasil.stderr}"
    return hasil.stdout


def test_backup_then_restore_brings_everything_back(tmp_path):
    db = f"{urlsplit(URL).path.lstrip('/') or 'bangkom'}_cadangan_uji"
    _sql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    _sql(f'CREATE DATABASE "{db}"')
    media = tmp_path / "media"
    (media / "bukti").mkdir(parents=True)
    (media / "bukti" / "notulen.pdf").write_bytes(b"%PDF-1.4 bukti sesi")
    env = {**os.environ, "DATABASE_URL": _url_db(db), "MEDIA_ROOT": str(media), "DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    try:
        _jalan([sys.executable, "manage.py", "migrate", "--noinput"], env)
        _jalan([sys.executable, "manage.py", "seed_demo"], env)
        sebelum = _jumlah_baris(db)
        assert sebelum["pegawai_pegawai"] > 0 and sebelum["django_migrations"] > 0

        keluaran = _jalan(["bash", "scripts/cadangan.sh", str(tmp_path / "cadangan")], env).split()
        dump = next(f for f in keluaran if f.endswith(".dump"))
        tgz = next(f for f in keluaran if f.endswith(".tar.gz"))

        # Disaster: the database and the media are gone.
        _sql(f'DROP DATABASE "{db}" WITH (FORCE)')
        _sql(f'CREATE DATABASE "{db}"')
        shutil.rmtree(media)

        _jalan(["bash", "scripts/pulihkan.sh", dump, tgz], env)
        assert _jumlah_baris(db) == sebelum
        assert (media / "bukti" / "notulen.pdf").read_bytes() == b"%PDF-1.4 bukti sesi"
        # The restored database is usable by the application as is.
        _jalan([sys.executable, "manage.py", "migrate", "--check"], env)
    finally:
        _sql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
