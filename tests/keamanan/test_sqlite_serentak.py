"""Issue 17 [R] item 9: the embedded SQLite default survives concurrent writes. Eight threads each
read and then write in one transaction, on a file database with the project's own settings (a
subprocess, so the settings are read as on `make run`). With SQLite's default deferred
transactions two readers that both want to write deadlock and one gets "database is locked" at
once (the busy timeout is not even consulted); with immediate transactions, WAL and a busy
timeout they queue and all eight succeed."""
import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SKRIP = r'''
import json, os, sys, threading, time
import django
django.setup()
from django.db import connection, transaction, connections

with connection.cursor() as c:
    c.execute("CREATE TABLE IF NOT EXISTS uji_hitung (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
    c.execute("INSERT OR REPLACE INTO uji_hitung (id, n) VALUES (1, 0)")
    c.execute("PRAGMA journal_mode")
    mode = c.fetchone()[0]
connection.close()

galat = []
mulai = threading.Barrier(8)

def setujui():
    try:
        mulai.wait()
        with transaction.atomic():
            with connection.cursor() as c:
                c.execute("SELECT n FROM uji_hitung WHERE id = 1")
                n = c.fetchone()[0]
                time.sleep(0.05)
                c.execute("UPDATE uji_hitung SET n = %s WHERE id = 1", [n + 1])
    except Exception as exc:
        galat.append(f"{type(exc).__name__}: {exc}")
    finally:
        connections.close_all()

utas = [threading.Thread(target=setujui) for _ in range(8)]
for u in utas: u.start()
for u in utas: u.join()
with connection.cursor() as c:
    c.execute("SELECT n FROM uji_hitung WHERE id = 1")
    n = c.fetchone()[0]
print(json.dumps({"galat": galat, "n": n, "mode": mode}))
'''


def test_eight_simultaneous_writes_on_the_sqlite_file_default(tmp_path: Path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'serentak.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "bangkom.settings", "PYTHONPATH": str(settings.BASE_DIR)}
    env.pop("REDIS_URL", None)
    hasil = subprocess.run([sys.executable, "-c", SKRIP], env=env, cwd=settings.BASE_DIR, capture_output=True,
                           text=True, timeout=120)
    assert hasil.returncode == 0, hasil.stderr[-2000:]
    data = json.loads(hasil.stdout.strip().splitlines()[-1])
    assert data["galat"] == []
    assert data["n"] == 8  # every approval counted, none lost
    assert data["mode"] == "wal"


def test_the_sqlite_options_apply_to_sqlite_only(monkeypatch):
    import importlib

    import bangkom.settings as s

    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@localhost:5432/bangkom")
    try:
        pg = importlib.reload(s).DATABASES["default"]
        assert "transaction_mode" not in pg.get("OPTIONS", {})
        assert "init_command" not in pg.get("OPTIONS", {})
        monkeypatch.setenv("DATABASE_URL", "sqlite:///tmp/x.sqlite3")
        opsi = importlib.reload(s).DATABASES["default"]["OPTIONS"]
        assert opsi["transaction_mode"] == "IMMEDIATE"
        assert "journal_mode=WAL" in opsi["init_command"]
        assert opsi["timeout"] >= 5
    finally:
        monkeypatch.delenv("DATABASE_URL")
        importlib.reload(s)

