"""A bounded load test on loopback: gunicorn (2 workers) serving the app, N virtual users each
signed in, requesting the main pages for a fixed time. Only 127.0.0.1 is ever contacted."""
from __future__ import annotations

import http.cookiejar
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .ukur import persentil

AKAR = Path(__file__).resolve().parent.parent


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _masuk(base: str, username: str, sandi: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(f"{base}/masuk/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"username": username, "password": sandi, "csrfmiddlewaretoken": token}).encode()
    req = urllib.request.Request(f"{base}/masuk/", data=data, headers={"Referer": f"{base}/masuk/"})
    opener.open(req, timeout=10).read()
    return opener


# Seconds a virtual user reads a page before the next click (locust's `between(1, 3)`). With 0 the
# users fire back to back: that measures the saturation throughput, not what 20 users experience.
JEDA_BACA = (1.0, 3.0)


def jalankan(*, database_url: str, peran: list[tuple[str, list[str]]], sandi: str, vu: int, detik: float,
             jeda: tuple[float, float] = JEDA_BACA) -> dict:
    """`peran`: (username, pages) per role; virtual user i signs in as role i mod len(peran) and
    cycles over that role's pages, pausing `jeda` seconds (uniform) between pages. Any non-2xx
    answer or network error counts as an error."""
    port = _port_bebas()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "0", "SECRET_KEY": "bench-" + "x" * 50,
           "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0", "SITUS_URL": base,
           # plain HTTP on loopback: cookies must not be Secure-only or the virtual users can't sign in
           "COOKIE_SECURE": "0", "AXES_FAILURE_LIMIT": "100000",
           "CONN_MAX_AGE": "60"}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=AKAR, env=env, check=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "bangkom.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level",
         "warning"], cwd=AKAR, env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        waktu: list[float] = []
        galat = [0]
        kunci = threading.Lock()
        # Every virtual user signs in before the clock starts: sign-in hashing is not what we measure.
        sesi = [_masuk(base, peran[i % len(peran)][0], sandi) for i in range(vu)]
        batas = time.monotonic() + detik

        def pengguna_maya(i: int) -> None:
            opener = sesi[i]
            halaman = peran[i % len(peran)][1]
            acak = random.Random(i)
            j = 0
            while time.monotonic() < batas:
                if jeda[1]:
                    # Users arrive spread over the first pause, as locust's spawn rate spreads them.
                    time.sleep(acak.uniform(jeda[0] if j else 0, jeda[1]))
                url = base + halaman[(i // len(peran) + j) % len(halaman)]
                j += 1
                mulai = time.perf_counter()
                try:
                    resp = opener.open(url, timeout=30)
                    resp.read()
                    # A lost session would be redirected to the sign-in page with 200: an error too.
                    ok = "/masuk/" not in resp.geturl()
                except (urllib.error.URLError, OSError):
                    ok = False
                dt = time.perf_counter() - mulai
                with kunci:
                    waktu.append(dt)
                    galat[0] += 0 if ok else 1

        threads = [threading.Thread(target=pengguna_maya, args=(i,)) for i in range(vu)]
        mulai = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        total = time.monotonic() - mulai
    finally:
        server.terminate()
        server.wait(timeout=10)
    return {
        "virtual_users": vu, "duration_s": round(total, 1), "requests": len(waktu),
        "rps": round(len(waktu) / total, 1) if total else 0, "p50": round(persentil(waktu, 0.5), 4),
        "p95": round(persentil(waktu, 0.95), 4), "errors": galat[0],
        "pages": {nama: hal for nama, hal in peran}, "gunicorn_workers": 2, "think_time_s": list(jeda),
    }
