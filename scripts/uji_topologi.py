"""The production topology, run for real on loopback (issue 17 [R]): nginx (Debian) with TLS in front of
two gunicorn app servers, a Celery worker and beat, Redis, PostgreSQL and one shared MEDIA_ROOT, all
started from the files operations install (deploy/nginx/bangkom.conf, deploy/systemd/*.service,
deploy/bangkom.env.example). Only ports, paths and secrets are swapped, by exact string replacement
that fails when a string is missing, so the test and the shipped files cannot drift apart.

It proves, with assertions (exit status 1 on the first failure, the logs kept):
  a. a sign-in lockout counts across both app servers (django-axes, account + client address);
  b. a bulk sheet export runs on the worker and survives the worker being SIGKILLed mid-job: acked
     late, delivered again, finished once, the ZIP complete; killing only the pool process running a
     job hands it back at once;
  c. one app server killed: requests through nginx are still served;
  d. PostgreSQL stopped: /readyz and pages say 503, then every app-server process recovers; an
     approval made before is kept (PostgreSQL is always started again, even on failure);
  e. backup → restore (scripts/cadangan.sh, scripts/pulihkan.sh) reproduces every employee's JP totals.

Run as root (CI's .ci/run does) with the project's virtualenv, PostgreSQL (trust auth) and Redis:
    .venv/bin/python scripts/uji_topologi.py [--simpan]
Settings: TOPOLOGI_PG (postgres://postgres@127.0.0.1:5432), TOPOLOGI_REDIS (redis://127.0.0.1:6379),
TOPOLOGI_REDIS_DB (10: broker; +1 results; +2 cache; 14 belongs to tests/keamanan/test_keandalan.py),
TOPOLOGI_PORT (18000: nginx on +80/+443, app servers on +1/+2)."""
from __future__ import annotations

import argparse
import atexit
import contextlib
import http.client
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg

AKAR = Path(__file__).resolve().parents[1]
DEPLOY = AKAR / "deploy"
BIN = Path(sys.executable).parent
MULAI = time.monotonic()

PG = os.environ.get("TOPOLOGI_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS = os.environ.get("TOPOLOGI_REDIS", "redis://127.0.0.1:6379").rstrip("/")
REDIS_DB = int(os.environ.get("TOPOLOGI_REDIS_DB", "10"))
PORT = int(os.environ.get("TOPOLOGI_PORT", "18000"))
PORT_HTTP, PORT_HTTPS, PORT_APP = PORT + 80, PORT + 443, (PORT + 1, PORT + 2)
NAMA_DB = "bangkom_topologi"
SANDI = "bangkom-demo"  # seed_demo's password of every demo account
VISIBILITAS = 30  # CELERY_VISIBILITY_TIMEOUT here: a dead worker's job comes back after 30 s
TAHUN = date.today().year


class Gagal(Exception):
    pass


def log(pesan: str) -> None:
    print(f"[topologi {time.monotonic() - MULAI:6.1f}s] {pesan}", flush=True)


def pastikan(kondisi: object, pesan: str) -> None:
    if not kondisi:
        raise Gagal(pesan)
    log(f"OK  {pesan}")


def tunggu(cek, *, batas: float, jeda: float = 0.5, pesan: str):
    """Call `cek` until it returns something true (returned) or `batas` seconds pass (Gagal)."""
    akhir = time.monotonic() + batas
    terakhir: object = None
    while time.monotonic() < akhir:
        try:
            hasil = cek()
        except (OSError, http.client.HTTPException, psycopg.Error) as exc:
            hasil, terakhir = None, exc
        if hasil:
            return hasil
        time.sleep(jeda)
    raise Gagal(f"{pesan}: tidak tercapai dalam {batas:.0f} s (terakhir: {terakhir!r})")


# ---------------------------------------------------------------------------------------------
# The shipped files, with only addresses and paths swapped


def ganti(teks: str, pasangan: dict[str, str], *, berkas: str) -> str:
    for lama, baru in pasangan.items():
        if lama not in teks:
            raise Gagal(f"{berkas}: {lama!r} tidak ditemukan; deploy/ dan uji topologi tidak cocok lagi")
        teks = teks.replace(lama, baru)
    return teks


def baca_env(berkas: Path) -> dict[str, str]:
    """systemd's EnvironmentFile format: KEY=VALUE lines, # comments."""
    hasil = {}
    for baris in berkas.read_text().splitlines():
        baris = baris.strip()
        if baris and not baris.startswith("#"):
            kunci, _, nilai = baris.partition("=")
            hasil[kunci.strip()] = nilai.strip()
    return hasil


class Unit:
    """What this test needs of a systemd service file: WorkingDirectory, EnvironmentFile, ExecStart."""

    def __init__(self, berkas: Path):
        self.nama = berkas.name
        self.nilai: dict[str, str] = {}
        for baris in berkas.read_text().splitlines():
            if "=" in baris and not baris.lstrip().startswith(("#", ";", "[")):
                kunci, _, nilai = baris.partition("=")
                self.nilai[kunci.strip()] = nilai.strip()
        for wajib in ("WorkingDirectory", "EnvironmentFile", "ExecStart", "Restart"):
            if wajib not in self.nilai:
                raise Gagal(f"{self.nama}: {wajib}= tidak ada")

    def perintah(self, *, instance: str = "") -> list[str]:
        exec_start = ganti(self.nilai["ExecStart"], {"/srv/bangkom/.venv/bin/": f"{BIN}/"}, berkas=self.nama)
        exec_start = exec_start.replace("%i", instance).replace("%H", "topologi")
        exec_start = exec_start.replace("/var/lib/bangkom/", f"{KERJA}/state/")
        return shlex.split(exec_start)


class Proses:
    """A service started from its unit, in its own process group (SIGKILL takes all of it)."""

    semua: list[Proses] = []

    def __init__(self, nama: str, perintah: list[str], env: dict[str, str]):
        self.nama, self.perintah, self.env = nama, perintah, env
        self.log = KERJA / "log" / f"{nama}.log"
        self.p: subprocess.Popen | None = None
        Proses.semua.append(self)

    def mulai(self) -> Proses:
        with self.log.open("a") as keluaran:
            keluaran.write(f"\n==== start {' '.join(self.perintah)}\n")
            self.p = subprocess.Popen(self.perintah, cwd=AKAR, env=self.env, stdout=keluaran,
                                      stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def hidup(self) -> bool:
        return self.p is not None and self.p.poll() is None

    def bunuh(self, sinyal: int = signal.SIGKILL) -> None:
        if self.p is not None and self.p.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.p.pid, sinyal)
            try:
                self.p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.p.pid, signal.SIGKILL)
                self.p.wait(timeout=10)

    def teks_log(self) -> str:
        return self.log.read_text(errors="replace")


# ---------------------------------------------------------------------------------------------
# HTTP: a small client with its own cookies (the app's cookies are Secure; the direct-to-gunicorn
# requests below are plain HTTP carrying the headers nginx adds)


class Klien:
    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, tls: bool = True, xff: str | None = None):
        self.host, self.port, self.tls, self.xff = host, port or PORT_HTTPS, tls, xff
        self.cookie: dict[str, str] = {}
        self.asal = f"https://127.0.0.1:{PORT_HTTPS}"

    def minta(self, metode: str, jalur: str, data: dict | list | None = None, *, batas: float = 30):
        if self.tls:
            konteks = ssl.create_default_context()
            konteks.check_hostname, konteks.verify_mode = False, ssl.CERT_NONE  # the test's own certificate
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(self.host, self.port, timeout=batas,
                                                                           context=konteks)
        else:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=batas)
        kepala = {"Referer": f"{self.asal}{jalur}", "User-Agent": "uji-topologi"}
        if not self.tls:  # what nginx adds (deploy/nginx/bangkom.conf)
            kepala.update({"X-Forwarded-Proto": "https", "Host": "127.0.0.1"})
            if self.xff:
                kepala["X-Forwarded-For"] = self.xff
        if self.cookie:
            kepala["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookie.items())
        badan = None
        if data is not None:
            badan = urlencode(data, doseq=True).encode()
            kepala["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(metode, jalur, body=badan, headers=kepala)
            r = conn.getresponse()
            isi = r.read()
        finally:
            conn.close()
        for nilai in r.headers.get_all("Set-Cookie") or []:
            nama, _, sisa = nilai.partition("=")
            self.cookie[nama.strip()] = sisa.split(";", 1)[0]
        return r.status, r.headers, isi

    def get(self, jalur: str, **kw):
        return self.minta("GET", jalur, **kw)

    def post(self, jalur: str, data: dict | list, **kw):
        data = list(data.items()) if isinstance(data, dict) else list(data)
        return self.minta("POST", jalur, [*data, ("csrfmiddlewaretoken", self.cookie.get("csrftoken", ""))], **kw)

    def masuk(self, nip: str, sandi: str = SANDI) -> int:
        if "csrftoken" not in self.cookie:
            self.get("/masuk/")
        status, kepala, _ = self.post("/masuk/", {"username": nip, "password": sandi})
        return status


# ---------------------------------------------------------------------------------------------
# PostgreSQL and Redis


def url_db(nama: str = "postgres") -> str:
    return f"{PG}/{nama}"


def sql(query: str, param: tuple = (), *, db: str = NAMA_DB) -> list[tuple]:
    with psycopg.connect(url_db(db), autocommit=True, connect_timeout=5) as conn:
        hasil = conn.execute(query, param)
        return hasil.fetchall() if hasil.description else []


def db_baru() -> None:
    sql(f"DROP DATABASE IF EXISTS {NAMA_DB} WITH (FORCE)", db="postgres")
    sql(f"CREATE DATABASE {NAMA_DB}", db="postgres")


def redis_kosongkan() -> None:
    for n in range(REDIS_DB, REDIS_DB + 3):
        subprocess.run([*redis_cli(n), "FLUSHDB"], check=True, capture_output=True)


def redis_cli(n: int) -> list[str]:
    u = urlsplit(REDIS)
    return ["redis-cli", "-h", u.hostname or "127.0.0.1", "-p", str(u.port or 6379), "-n", str(n)]


def versi_pg() -> str:
    versi = sorted(os.listdir("/etc/postgresql"), key=lambda v: float(v) if v.replace(".", "").isdigit() else 0)
    return versi[-1]


PG_BERHENTI = False


def pg_ctl(aksi: str) -> None:
    global PG_BERHENTI
    perintah = ["pg_ctlcluster", "--skip-systemctl-redirect", versi_pg(), "main", aksi]
    if aksi == "stop":
        PG_BERHENTI = True
        subprocess.run([*perintah, "-m", "fast"], check=True, capture_output=True, timeout=60)
        return
    # Starting must not be cut short by Ctrl+C or a SIGTERM from CI: hold them until it is done.
    sinyal = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    signal.pthread_sigmask(signal.SIG_BLOCK, sinyal)
    try:
        subprocess.run(perintah, capture_output=True, timeout=60)  # "already running" is fine too
        status = ["pg_ctlcluster", "--skip-systemctl-redirect", versi_pg(), "main", "status"]
        if subprocess.run(status, capture_output=True, timeout=30).returncode != 0:
            raise Gagal("PostgreSQL tidak dapat dinyalakan kembali: " + " ".join(perintah))
        PG_BERHENTI = False
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, sinyal)


def pg_pulihkan_selalu() -> None:
    """Other tests on this machine use this PostgreSQL: never leave it stopped."""
    if PG_BERHENTI:
        with contextlib.suppress(Exception):
            pg_ctl("start")
        print(f"[topologi] PostgreSQL dinyalakan kembali{' — GAGAL, nyalakan dengan tangan!' if PG_BERHENTI else ''}",
              flush=True)


# ---------------------------------------------------------------------------------------------
# Setting up the topology


KERJA = Path(tempfile.mkdtemp(prefix="bangkom-topologi-"))


def siapkan_env() -> tuple[Path, dict[str, str]]:
    contoh = baca_env(DEPLOY / "bangkom.env.example")
    asal = f"https://127.0.0.1:{PORT_HTTPS}"
    ganti_nilai = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": asal,
        "SITUS_URL": asal,
        "DATABASE_URL": url_db(NAMA_DB),
        "CELERY_BROKER_URL": f"{REDIS}/{REDIS_DB}",
        "CELERY_RESULT_BACKEND": f"{REDIS}/{REDIS_DB + 1}",
        "REDIS_URL": f"{REDIS}/{REDIS_DB + 2}",
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITAS),
        "WEB_CONCURRENCY": "2",
        "MEDIA_ROOT": str(KERJA / "media"),
        "STATIC_ROOT": str(KERJA / "static"),
        "DATA_DIR": str(KERJA / "data"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PENANDATANGAN_P12": "",  # the demo identity, made by seed_demo
        "PENANDATANGAN_P12_SANDI": "",
        "LOG_LEVEL": "WARNING",
    }
    for kunci in ganti_nilai:
        if kunci not in contoh:
            raise Gagal(f"bangkom.env.example: {kunci} tidak ada; deploy/ dan uji topologi tidak cocok lagi")
    isi = {**contoh, **ganti_nilai}
    berkas = KERJA / "bangkom.env"
    berkas.write_text("".join(f"{k}={v}\n" for k, v in isi.items()))
    berkas.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TZ")}
    env.update(isi)
    env["PYTHONUNBUFFERED"] = "1"
    env["C_FORCE_ROOT"] = "1"
    return berkas, env


def manage(env: dict[str, str], *argumen: str, batas: float = 600) -> str:
    hasil = subprocess.run([str(BIN / "python"), "manage.py", *argumen], cwd=AKAR, env=env, capture_output=True,
                           text=True, timeout=batas)
    if hasil.returncode != 0:
        raise Gagal(f"manage.py {' '.join(argumen)}: {hasil.stdout[-2000:]}\n{hasil.stderr[-4000:]}")
    return hasil.stdout


def sertifikat_tls() -> Path:
    folder = KERJA / "tls"
    folder.mkdir()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(folder / "privkey.pem"),
                    "-out", str(folder / "fullchain.pem")], check=True, capture_output=True)
    return folder


def siapkan_nginx(tls: Path) -> Proses:
    situs = ganti((DEPLOY / "nginx" / "bangkom.conf").read_text(), {
        "server 127.0.0.1:8001 ": f"server 127.0.0.1:{PORT_APP[0]} ",
        "server 127.0.0.1:8002 ": f"server 127.0.0.1:{PORT_APP[1]} ",
        "listen 80;": f"listen 127.0.0.1:{PORT_HTTP};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{PORT_HTTPS} ssl http2;",
        "/etc/ssl/bangkom/": f"{tls}/",
        "/var/log/nginx/": f"{KERJA}/log/",
    }, berkas="deploy/nginx/bangkom.conf")
    (KERJA / "nginx-situs.conf").write_text(situs)
    sementara = KERJA / "nginx-tmp"
    sementara.mkdir()
    utama = KERJA / "nginx.conf"
    # Debian's /etc/nginx/nginx.conf in small: the http block includes the site, as sites-enabled/ does.
    utama.write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {KERJA}/nginx.pid;
error_log {KERJA}/log/nginx-error.log;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {sementara}/body;
    proxy_temp_path {sementara}/proxy;
    fastcgi_temp_path {sementara}/fastcgi;
    uwsgi_temp_path {sementara}/uwsgi;
    scgi_temp_path {sementara}/scgi;
    include {KERJA}/nginx-situs.conf;
}}
""")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    uji = subprocess.run([nginx, "-t", "-c", str(utama), "-p", str(KERJA)], capture_output=True, text=True)
    if uji.returncode != 0:
        raise Gagal(f"nginx -t: {uji.stderr}")
    perintah = [nginx, "-c", str(utama), "-p", str(KERJA), "-g", "daemon off;"]
    return Proses("nginx", perintah, {"PATH": os.environ["PATH"]})


def periksa_unit(env_berkas: Path) -> None:
    """systemd's own reading of the units (when systemd-analyze is installed), with the paths swapped."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        log("systemd-analyze tidak ada: sintaks unit tidak diperiksa systemd")
        return
    folder = KERJA / "systemd"
    folder.mkdir()
    for berkas in sorted((DEPLOY / "systemd").glob("*.service")):
        teks = ganti(berkas.read_text(), {
            "/srv/bangkom/.venv/bin/": f"{BIN}/", "WorkingDirectory=/srv/bangkom": f"WorkingDirectory={AKAR}",
            "/etc/bangkom/bangkom.env": str(env_berkas),
        }, berkas=berkas.name)
        nama = berkas.name.replace("@.service", f"@{PORT_APP[0]}.service")
        (folder / nama).write_text(teks)
    hasil = subprocess.run([analyze, "verify", "--man=no", *sorted(str(p) for p in folder.iterdir())],
                           capture_output=True, text=True, timeout=120)
    # Only complaints about our units count (a container without systemd running may add others).
    keluhan = [b for b in hasil.stderr.splitlines() if "bangkom-" in b]
    pastikan(hasil.returncode == 0 and not keluhan,
             f"systemd-analyze verify menerima unit deploy/systemd/ {' | '.join(keluhan)}")


def siap_langsung(port: int) -> bool:
    status, _, _ = Klien(port=port, tls=False).get("/healthz", batas=3)
    return status == 200


def readyz(batas: float = 5) -> int:
    status, _, _ = Klien().get("/readyz", batas=batas)
    return status


# ---------------------------------------------------------------------------------------------
# The proofs


def bukti_a_penguncian(web: list[Proses], env: dict[str, str]) -> None:
    log("a. penguncian masuk dihitung bersama oleh kedua server aplikasi")
    batas = int(env.get("AXES_FAILURE_LIMIT", "5"))
    (nip,) = sql("SELECT u.username FROM auth_user u JOIN pegawai_pegawai p ON p.user_id = u.id "
                 "WHERE u.is_active ORDER BY p.nip LIMIT 1")[0]
    sebelum = [w.teks_log().count('"POST /masuk/') for w in web]
    k = Klien()
    k.get("/masuk/")
    # Only POSTs from here on, so nginx's round robin alternates them between the two servers.
    for n in range(1, batas + 1):
        status = k.masuk(nip, "sandi-yang-salah")
        log(f"    percobaan salah {n}: HTTP {status}")
        pastikan(status in (200, 429), f"percobaan salah {n} ditolak (HTTP {status})")
    sesudah = [w.teks_log().count('"POST /masuk/') - s for w, s in zip(web, sebelum, strict=True)]
    pastikan(all(n >= 2 for n in sesudah), f"percobaan salah tersebar ke kedua server (POST per server: {sesudah})")
    status, _, isi = k.post("/masuk/", {"username": nip, "password": SANDI})
    pastikan(status == 429 and b"Terlalu banyak percobaan" in isi,
             f"sandi yang benar pun ditolak setelah {batas} kali salah (HTTP {status}, halaman terkunci)")
    for port in PORT_APP:
        lain = Klien(port=port, tls=False, xff="127.0.0.1")  # as nginx forwards this client
        status = lain.masuk(nip)
        pastikan(status == 429, f"server :{port} juga menganggap akun+alamat ini terkunci (HTTP {status})")
    tempat_lain = Klien(port=PORT_APP[0], tls=False, xff="198.51.100.23")
    pastikan(tempat_lain.masuk(nip) == 302, "akun yang sama masih bisa masuk dari alamat lain (kunci = akun + alamat)")
    sql("DELETE FROM axes_accessattempt")  # leave the account usable for the later proofs


def zip_pdf(isi: bytes) -> tuple[int, list[str]]:
    berkas = KERJA / "ekspor.zip"
    berkas.write_bytes(isi)
    with zipfile.ZipFile(berkas) as zf:
        rusak = zf.testzip()
        if rusak:
            raise Gagal(f"ZIP rusak pada {rusak}")
        nama = zf.namelist()
        indeks = zf.read("indeks.csv").decode("utf-8-sig").splitlines()
        for n in nama:
            if n.endswith(".pdf") and not zf.read(n).startswith(b"%PDF-"):
                raise Gagal(f"{n} bukan PDF")
    return sum(n.endswith(".pdf") for n in nama), indeks[1:]


def masuk_bpsdm() -> tuple[Klien, str]:
    (nip,) = sql("SELECT u.username FROM auth_user u JOIN auth_user_groups ug ON ug.user_id = u.id "
                 "JOIN auth_group g ON g.id = ug.group_id WHERE g.name = 'Pengelola BPSDM' ORDER BY u.id LIMIT 1")[0]
    k = Klien()
    status = k.masuk(nip)
    pastikan(status == 302, f"Pengelola BPSDM masuk lewat nginx (HTTP {status})")
    return k, nip


JENIS_LEMBAR = ["coaching", "mentoring", "belajar_mandiri"]


def lembar_per_opd() -> list[tuple[int, int]]:
    """(OPD, number of sheets) as the export counts them (bangkom/dokumen/ekspor.py), most first."""
    return sql("SELECT p.opd_id, COUNT(DISTINCT (k.pegawai_id, k.jenis)) FROM jp_conversion_kegiatan k "
               "JOIN pegawai_pegawai p ON p.id = k.pegawai_id WHERE k.status = 'disetujui' AND k.tahun = %s "
               "AND k.jenis = ANY(%s) GROUP BY p.opd_id ORDER BY 2 DESC, 1", (TAHUN, JENIS_LEMBAR))


class Ekspor:
    """One bulk sheet export, requested and followed through nginx like the progress page does."""

    def __init__(self, k: Klien, opd_id: int, harapan: int):
        self.k, self.harapan = k, harapan
        k.get("/dokumen/ekspor/")
        status, kepala, _ = k.post("/dokumen/ekspor/",
                                   [("opd", opd_id), ("tahun", TAHUN), *[("jenis", j) for j in JENIS_LEMBAR]])
        self.dikirim = time.monotonic()
        cocok = re.search(r"/dokumen/ekspor/(\d+)/", kepala.get("Location", ""))
        pastikan(status == 302 and cocok, f"ekspor diminta lewat nginx (HTTP {status} → {kepala.get('Location')})")
        assert cocok is not None
        self.pk = int(cocok.group(1))

    def status(self) -> dict:
        s, _, isi = self.k.get(f"/dokumen/ekspor/{self.pk}/status/")
        return json.loads(isi) if s == 200 else {}

    def tunggu_berjalan(self) -> dict:
        return tunggu(lambda: (lambda s: s if s.get("selesai_n", 0) >= 1 and s["status"] == "berjalan" else None)(
            self.status()), batas=120, jeda=0.3, pesan="ekspor berjalan di worker (lembar pertama selesai)")

    def tunggu_selesai(self) -> dict:
        selesai = tunggu(lambda: (lambda s: s if s.get("status") in ("selesai", "gagal") else None)(self.status()),
                         batas=240, jeda=1, pesan="ekspor selesai setelah dikirim ulang")
        pastikan(selesai["status"] == "selesai" and selesai["jumlah_gagal"] == 0,
                 f"ekspor selesai tanpa lembar gagal ({selesai['selesai_n']}/{selesai['total']})")
        return selesai

    def periksa(self, log_worker: str, abaikan: frozenset[str] = frozenset()) -> str:
        """Delivered twice (once more after the kill), succeeded once, the ZIP complete."""
        (id_tugas,) = set(re.findall(r"dokumen\.ekspor_lembar\[([0-9a-f-]{36})\] received", log_worker)) - abaikan
        diterima = log_worker.count(f"dokumen.ekspor_lembar[{id_tugas}] received")
        berhasil = log_worker.count(f"dokumen.ekspor_lembar[{id_tugas}] succeeded")
        pastikan(diterima == 2 and berhasil == 1,
                 f"tugas {id_tugas}: diterima {diterima}× (sekali lagi setelah SIGKILL), selesai {berhasil}×")
        status, _, isi = self.k.get(f"/dokumen/ekspor/{self.pk}/unduh/")
        pastikan(status == 200, f"ZIP diunduh lewat nginx dari MEDIA_ROOT bersama ({len(isi)} byte)")
        jumlah, indeks = zip_pdf(isi)
        pastikan(jumlah == self.harapan and len(indeks) == self.harapan and all(",berhasil," in b for b in indeks),
                 f"ZIP lengkap: {jumlah} PDF dari {self.harapan} lembar, indeks {len(indeks)} baris semua berhasil")
        (n,) = sql("SELECT COUNT(*) FROM dokumen_prosesekspor WHERE id = %s AND status = 'selesai'", (self.pk,))[0]
        pastikan(n == 1, "satu proses ekspor, selesai satu kali")
        return id_tugas


def unacked() -> str:
    return subprocess.run([*redis_cli(REDIS_DB), "HLEN", "unacked"], capture_output=True, text=True).stdout.strip()


def bukti_b_ekspor(worker: Proses) -> tuple[Proses, int]:
    log("b. ekspor lembar massal di worker, seluruh worker dibunuh (SIGKILL) di tengah jalan")
    per_opd = lembar_per_opd()
    opd_id, harapan = per_opd[0]
    pastikan(harapan >= 4, f"OPD {opd_id} punya {harapan} lembar untuk diekspor")
    k, _ = masuk_bpsdm()
    e = Ekspor(k, opd_id, harapan)
    berjalan = e.tunggu_berjalan()
    pastikan("dokumen.ekspor_lembar[" in worker.teks_log(), "tugas diterima oleh worker Celery, bukan server web")
    worker.bunuh(signal.SIGKILL)
    log(f"    worker dibunuh (SIGKILL, induk dan proses pool) pada lembar {berjalan['selesai_n']}/{berjalan['total']}")
    time.sleep(2)
    s = e.status()
    pastikan(s["status"] == "berjalan" and s["selesai_n"] < harapan,
             f"ekspor terhenti di tengah ({s['selesai_n']}/{s['total']}, status {s['status']})")
    pastikan(unacked() == "1", "pesan tugas belum di-ack, tetap di Redis (unacked = 1)")
    # systemd would restart it (Restart=always); the job is handed out again once the visibility
    # timeout has passed since it was first delivered.
    time.sleep(max(0.0, e.dikirim + VISIBILITAS + 2 - time.monotonic()))
    baru = Proses("worker-2", worker.perintah, worker.env).mulai()
    e.tunggu_selesai()
    id_pertama = e.periksa(worker.teks_log() + baru.teks_log())

    log("b2. hanya proses pool yang dibunuh (SIGKILL, seperti OOM killer): tugas langsung dikembalikan")
    opd_id, harapan = next((o, n) for o, n in reversed(per_opd) if n >= 3)
    e2 = Ekspor(k, opd_id, harapan)
    e2.tunggu_berjalan()
    assert baru.p is not None
    anak = subprocess.run(["pgrep", "-P", str(baru.p.pid)], capture_output=True, text=True).stdout.split()
    pastikan(anak, f"proses pool worker: {anak}")

    def diterima() -> int:
        return len(re.findall(r"dokumen\.ekspor_lembar\[[0-9a-f-]{36}\] received", baru.teks_log()))

    sebelum = diterima()
    for pid in anak:
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(pid), signal.SIGKILL)
    dibunuh = time.monotonic()
    tunggu(lambda: diterima() > sebelum, batas=VISIBILITAS * 3, pesan="tugas diterima lagi setelah SIGKILL")
    lama = time.monotonic() - dibunuh
    pastikan(lama < VISIBILITAS and baru.hidup(),
             f"diterima lagi {lama:.1f} s setelah SIGKILL, tanpa menunggu visibility timeout ({VISIBILITAS} s); "
             "induk worker tetap hidup")
    e2.tunggu_selesai()
    e2.periksa(baru.teks_log(), abaikan=frozenset({id_pertama}))
    return baru, e.pk


def bukti_c_server_mati(web: list[Proses], env: dict[str, str]) -> None:
    log("c. satu server aplikasi dibunuh: nginx tetap melayani")
    k, _ = masuk_bpsdm()
    web[0].bunuh(signal.SIGKILL)
    pastikan(not siap_langsung_aman(PORT_APP[0]), f"server :{PORT_APP[0]} mati")
    hasil = []
    for _ in range(10):
        for jalur in ("/readyz", "/", "/dokumen/ekspor/"):
            status, _, _ = k.get(jalur)
            hasil.append(status)
    pastikan(all(s == 200 for s in hasil), f"{len(hasil)} permintaan lewat nginx semuanya HTTP 200 ({set(hasil)})")
    k.get("/dokumen/ekspor/")
    status, kepala, _ = k.post("/dokumen/ekspor/", [("opd", ""), ("tahun", TAHUN)])
    pastikan(status in (200, 302), f"POST (formulir) juga dilayani (HTTP {status})")
    web[0].mulai()
    tunggu(lambda: siap_langsung(PORT_APP[0]), batas=60, pesan=f"server :{PORT_APP[0]} hidup lagi")
    log(f"    server :{PORT_APP[0]} dinyalakan lagi")


def siap_langsung_aman(port: int) -> bool:
    try:
        return siap_langsung(port)
    except OSError:
        return False


def jp_pegawai(pegawai_id: int) -> list[tuple]:
    return sql("SELECT tahun, total::text FROM jp_conversion_rekaptahunan WHERE pegawai_id = %s ORDER BY tahun",
               (pegawai_id,))


def bukti_d_postgresql() -> None:
    log("d. PostgreSQL dimatikan: /readyz 503, lalu pulih; persetujuan sebelumnya tidak hilang")
    baris = sql("SELECT e.id, k.id, k.pegawai_id, u.username FROM jp_conversion_kegiataneksternal e "
                "JOIN jp_conversion_kegiatan k ON k.id = e.kegiatan_id "
                "JOIN pegawai_pegawai pb ON pb.id = k.pembimbing_id JOIN auth_user u ON u.id = pb.user_id "
                "WHERE k.status = 'diajukan' AND u.is_active ORDER BY e.id LIMIT 1")
    pastikan(baris, "ada kegiatan eksternal yang menunggu verifikasi")
    eksternal_id, kegiatan_id, pegawai_id, nip = baris[0]
    k = Klien()
    pastikan(k.masuk(nip) == 302, "pembimbing masuk lewat nginx")
    sebelum = jp_pegawai(pegawai_id)
    k.get(f"/jp/eksternal/{eksternal_id}/")
    status, _, _ = k.post(f"/jp/eksternal/{eksternal_id}/verifikasi/", {"aksi": "setujui"})
    (st,) = sql("SELECT status FROM jp_conversion_kegiatan WHERE id = %s", (kegiatan_id,))[0]
    pastikan(status == 302 and st == "disetujui", f"kegiatan {kegiatan_id} disetujui lewat nginx (HTTP {status})")
    setelah_setuju = jp_pegawai(pegawai_id)
    log(f"    JP pegawai {pegawai_id}: {sebelum} → {setelah_setuju}")
    pastikan(readyz() == 200, "/readyz 200 sebelum PostgreSQL dimatikan")
    t0 = time.monotonic()
    pg_ctl("stop")
    try:
        log(f"    PostgreSQL {versi_pg()} dimatikan")
        tunggu(lambda: readyz(batas=8) == 503, batas=20, pesan="/readyz 503 saat PostgreSQL mati")
        log("OK  /readyz 503 saat PostgreSQL mati")
        status, _, isi = k.get("/")
        pastikan(status == 503, f"halaman biasa pun 503 yang jelas, bukan 500 (HTTP {status})")
    finally:
        pg_ctl("start")
        log(f"    PostgreSQL dinyalakan lagi setelah {time.monotonic() - t0:.1f} s")
    tunggu(lambda: readyz() == 200, batas=60, pesan="/readyz kembali 200")
    log("OK  /readyz kembali 200")
    # Every gunicorn process held a persistent connection that died with the server: each must
    # reconnect by itself on its next request (CONN_HEALTH_CHECKS), not answer one 503 first.
    hasil = [k.get(f"/jp/eksternal/{eksternal_id}/")[0] for _ in range(12)]
    pastikan(all(s == 200 for s in hasil),
             f"sesi masuk yang sama berlaku lagi; 12 permintaan berturut-turut ke kedua server: {hasil}")
    (st,) = sql("SELECT status FROM jp_conversion_kegiatan WHERE id = %s", (kegiatan_id,))[0]
    pastikan(st == "disetujui" and jp_pegawai(pegawai_id) == setelah_setuju,
             "persetujuan dan JP pegawai tetap ada setelah PostgreSQL dinyalakan ulang")


def total_jp() -> dict[str, list]:
    """Every employee's JP, by NIP: the yearly recap totals and the sum of counted credits."""
    hasil: dict[str, list] = {}
    for nip, tahun, total in sql("SELECT p.nip, r.tahun, r.total::text FROM jp_conversion_rekaptahunan r "
                                 "JOIN pegawai_pegawai p ON p.id = r.pegawai_id ORDER BY 1, 2"):
        hasil.setdefault(nip, []).append([tahun, total])
    for nip, jumlah in sql("SELECT p.nip, COALESCE(SUM(k.jp) FILTER (WHERE k.dihitung), 0)::text FROM "
                           "pegawai_pegawai p LEFT JOIN jp_conversion_kegiatan k ON k.pegawai_id = p.id GROUP BY 1"):
        hasil.setdefault(nip, []).append(["kredit", jumlah])
    return hasil


def isi_media() -> dict[str, int]:
    akar = KERJA / "media"
    return {str(p.relative_to(akar)): p.stat().st_size for p in akar.rglob("*") if p.is_file()}


def bukti_e_cadangan(layanan: list[Proses], env: dict[str, str], ekspor_pk: int) -> None:
    log("e. cadangan → pemulihan (scripts/cadangan.sh, scripts/pulihkan.sh) mengembalikan JP setiap pegawai")
    sebelum, media_sebelum = total_jp(), isi_media()
    pastikan(len(sebelum) >= 100 and any(v[-1][1] != "0" for v in sebelum.values()),
             f"JP {len(sebelum)} pegawai dicatat sebelum pencadangan")
    (KERJA / "jp-sebelum.json").write_text(json.dumps(sebelum, indent=1, sort_keys=True))
    tujuan = KERJA / "cadangan"
    keluar = subprocess.run(["bash", str(AKAR / "scripts" / "cadangan.sh"), str(tujuan)], cwd=AKAR, env=env,
                            capture_output=True, text=True, timeout=300)
    pastikan(keluar.returncode == 0, f"cadangan.sh berhasil saat aplikasi berjalan {keluar.stderr[-500:]}")
    dump, media = (Path(b) for b in keluar.stdout.split())
    log(f"    {dump.name} ({dump.stat().st_size} byte), {media.name} ({media.stat().st_size} byte)")
    # The restore procedure of docs/operations.md § 3: stop the app and Celery, an empty database.
    for p in layanan:
        p.bunuh(signal.SIGTERM)
    db_baru()
    shutil.rmtree(KERJA / "media")
    (KERJA / "media").mkdir()
    tabel = sql("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'")[0][0]
    pastikan(tabel == 0 and not isi_media(), "basis data dan MEDIA_ROOT dikosongkan")
    keluar = subprocess.run(["bash", str(AKAR / "scripts" / "pulihkan.sh"), str(dump), str(media)], cwd=AKAR,
                            env=env, capture_output=True, text=True, timeout=300)
    pastikan(keluar.returncode == 0, f"pulihkan.sh berhasil {keluar.stderr[-500:]}")
    manage(env, "migrate", "--noinput")
    for p in layanan:
        p.mulai()
    for port in PORT_APP:
        tunggu(lambda port=port: siap_langsung(port), batas=90, pesan=f"server :{port} hidup lagi")
    tunggu(lambda: readyz() == 200, batas=30, pesan="/readyz 200 setelah pemulihan")
    sesudah = total_jp()
    (KERJA / "jp-sesudah.json").write_text(json.dumps(sesudah, indent=1, sort_keys=True))
    beda = sorted(n for n in set(sebelum) | set(sesudah) if sebelum.get(n) != sesudah.get(n))
    pastikan(not beda, f"JP {len(sesudah)} pegawai sama persis sebelum dan sesudah pemulihan (beda: {beda[:5]})")
    pastikan(isi_media() == media_sebelum, f"MEDIA_ROOT kembali utuh ({len(media_sebelum)} berkas)")
    k, _ = masuk_bpsdm()
    status, _, isi = k.get(f"/dokumen/ekspor/{ekspor_pk}/unduh/")
    pastikan(status == 200 and zip_pdf(isi)[0] > 0, "ZIP ekspor dari sebelum pencadangan masih dapat diunduh")


# ---------------------------------------------------------------------------------------------


def prasyarat() -> None:
    for program in ("nginx", "openssl", "pg_dump", "pg_restore", "redis-cli"):
        if not shutil.which(program) and not Path(f"/usr/sbin/{program}").exists():
            raise Gagal(f"{program} tidak terpasang (apt-get install nginx-light postgresql-client redis-tools)")
    if os.geteuid() != 0:
        raise Gagal("jalankan sebagai root: bukti d mematikan dan menyalakan PostgreSQL dengan pg_ctlcluster")
    for port in (PORT_HTTP, PORT_HTTPS, *PORT_APP):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                raise Gagal(f"port {port} sudah dipakai (TOPOLOGI_PORT=… untuk port lain)")
    sql("SELECT 1", db="postgres")
    subprocess.run([*redis_cli(REDIS_DB), "PING"], check=True, capture_output=True)


def jalankan(simpan: bool) -> None:
    prasyarat()
    for folder in ("log", "media", "static", "data", "state"):
        (KERJA / folder).mkdir()
    log(f"folder kerja {KERJA}")
    env_berkas, env = siapkan_env()
    db_baru()
    redis_kosongkan()
    # collectstatic needs no database: it runs beside migrate
    statis = subprocess.Popen([str(BIN / "python"), "manage.py", "collectstatic", "--noinput"], cwd=AKAR, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    manage(env, "migrate", "--noinput")
    log("basis data dimigrasi")
    _, galat = statis.communicate(timeout=600)
    if statis.returncode != 0:
        raise Gagal(f"collectstatic: {galat[-3000:]}")
    log("berkas statis dikumpulkan")
    manage(env, "seed_demo", batas=900)
    log("data demo diisi (seed_demo)")

    units = {n: Unit(DEPLOY / "systemd" / n) for n in ("bangkom-web@.service", "bangkom-worker.service",
                                                         "bangkom-beat.service")}
    for u in units.values():
        pastikan(u.nilai["EnvironmentFile"] == "/etc/bangkom/bangkom.env"
                 and u.nilai["WorkingDirectory"] == "/srv/bangkom",
                 f"{u.nama}: EnvironmentFile dan WorkingDirectory seperti di docs/operations.md")
    periksa_unit(env_berkas)
    web = [Proses(f"web-{port}", units["bangkom-web@.service"].perintah(instance=str(port)), env).mulai()
           for port in PORT_APP]
    worker = Proses("worker", units["bangkom-worker.service"].perintah(), env).mulai()
    beat = Proses("beat", units["bangkom-beat.service"].perintah(), env).mulai()
    nginx = siapkan_nginx(sertifikat_tls()).mulai()
    for port in PORT_APP:
        tunggu(lambda port=port: siap_langsung(port), batas=90, pesan=f"gunicorn :{port} siap")
    tunggu(lambda: readyz() == 200, batas=30, pesan="nginx → /readyz 200")
    tunggu(lambda: "ready." in worker.teks_log(), batas=90, pesan="worker Celery siap")
    log(f"topologi berjalan: nginx :{PORT_HTTPS} (TLS) → gunicorn :{PORT_APP[0]} dan :{PORT_APP[1]}, worker, beat")
    status, kepala, _ = Klien(port=PORT_HTTP, tls=False).get("/readyz")
    pastikan(status == 301 and kepala["Location"].startswith("https://"), "HTTP dialihkan ke HTTPS oleh nginx")
    status, _, isi = Klien().get("/static/css/bangkom.css")
    pastikan(status == 200 and isi, "berkas statis dilayani (WhiteNoise) lewat nginx")
    besar = int(env["UNGGAHAN_MAKS_BYTE"]) if "UNGGAHAN_MAKS_BYTE" in env else 5 * 1024 * 1024
    status, _, _ = Klien().minta("POST", "/masuk/", {"x": "a" * (besar + 512 * 1024)})
    pastikan(status != 413, f"badan sebesar unggahan terbesar yang diterima aplikasi lolos nginx (HTTP {status})")
    status, _, _ = Klien().minta("POST", "/masuk/", {"x": "a" * (13 * 1024 * 1024)})
    pastikan(status == 413, f"badan permintaan > client_max_body_size ditolak nginx (HTTP {status})")

    bukti_a_penguncian(web, env)
    worker, ekspor_pk = bukti_b_ekspor(worker)
    bukti_c_server_mati(web, env)
    bukti_d_postgresql()
    pastikan(beat.hidup() and "beat: Starting" in beat.teks_log(), "Celery beat berjalan sepanjang uji")
    # beat keeps its schedule file open (and locked): read a copy
    for berkas in (KERJA / "state").glob("celerybeat-schedule*"):
        shutil.copy(berkas, KERJA / berkas.name.replace("celerybeat-schedule", "jadwal-salinan"))
    jadwal = subprocess.run([str(BIN / "python"), "-c", "import shelve, sys; d = shelve.open(sys.argv[1], 'r'); "
                             "print(' '.join(sorted(d['entries'])))", str(KERJA / "jadwal-salinan")],
                            capture_output=True, text=True).stdout.split()
    pastikan({"pengingat-coaching", "hapus-sesi-kedaluwarsa"} <= set(jadwal), f"jadwal beat tersimpan: {jadwal}")
    bukti_e_cadangan([*web, worker, beat], env, ekspor_pk)
    for p in (nginx, *web, worker, beat):
        pastikan(p.hidup(), f"{p.nama} masih hidup di akhir uji")
    log(f"SEMUA BUKTI LULUS dalam {time.monotonic() - MULAI:.0f} s")


def bereskan(simpan: bool, lulus: bool) -> None:
    pg_pulihkan_selalu()
    for p in reversed(Proses.semua):
        with contextlib.suppress(Exception):
            p.bunuh(signal.SIGTERM)
    if not lulus:
        for p in Proses.semua:
            if p.log.exists():
                print(f"\n---- {p.nama} (akhir log {p.log}) ----\n" + p.teks_log()[-3000:], flush=True)
        galat = KERJA / "log" / "nginx-error.log"
        if galat.exists():
            print("\n---- nginx-error.log ----\n" + galat.read_text()[-2000:], flush=True)
    if simpan or not lulus:
        print(f"[topologi] log dan data disimpan di {KERJA}", flush=True)
        return
    with contextlib.suppress(Exception):
        sql(f"DROP DATABASE IF EXISTS {NAMA_DB} WITH (FORCE)", db="postgres")
    with contextlib.suppress(Exception):
        redis_kosongkan()
    shutil.rmtree(KERJA, ignore_errors=True)


def _berhenti(nomor, _frame) -> None:
    raise KeyboardInterrupt(f"sinyal {nomor}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--simpan", action="store_true", help="keep the work folder and the database")
    args = parser.parse_args()
    atexit.register(pg_pulihkan_selalu)
    for sinyal in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sinyal, _berhenti)
    lulus = False
    try:
        jalankan(args.simpan)
        lulus = True
    except Gagal as exc:
        log(f"GAGAL: {exc}")
    except KeyboardInterrupt:
        log("dihentikan")
    finally:
        bereskan(args.simpan, lulus)
    return 0 if lulus else 1


if __name__ == "__main__":
    sys.exit(main())
