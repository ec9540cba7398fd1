"""Browser tests: Playwright for Python driving Debian's Chromium (no browser download)."""
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTEFAK = Path(os.environ.get("E2E_ARTEFAK", "e2e-artefak"))

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# clicks are still synchronous, so Django's async-safety guard is lifted for these tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


class _LewatWSGI:
    """Static handler that hands every request to the full WSGI stack, so WhiteNoise serves the
    static files compressed and with cache headers exactly as in production."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        return self.application(environ, start_response)


@pytest.fixture(scope="session")
def live_server(request, tmp_path_factory, django_db_setup, django_db_blocker):
    """pytest-django's live server, but serving static files through WhiteNoise from a collected,
    compressed STATIC_ROOT, so the page-weight budgets measure what a user on a slow connection
    really downloads."""
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings
    from pytest_django.live_server_helper import LiveServer

    root = tmp_path_factory.mktemp("static")
    storages = {**settings.STORAGES,
                "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}
    statis = override_settings(STATIC_ROOT=root, STORAGES=storages, WHITENOISE_MAX_AGE=3600)
    statis.enable()
    call_command("collectstatic", "--noinput", verbosity=0)
    server = LiveServer("localhost", start=False)
    server.thread.static_handler = _LewatWSGI
    with django_db_blocker.unblock():
        server.start()
    yield server
    server.stop()
    statis.disable()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium tidak ditemukan di {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield b
        b.close()


@pytest.fixture
def halaman(browser, request):
    """A fresh browser context per test; on failure a screenshot and the HTML are kept."""
    # bypass_csp lets the tests inject axe-core; the app's own pages never need inline scripts.
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    gagal = getattr(request.node, "rep_call", None)
    if gagal is not None and gagal.failed:
        ARTEFAK.mkdir(exist_ok=True)
        nama = request.node.name.replace("/", "_")
        page.screenshot(path=str(ARTEFAK / f"{nama}.png"), full_page=True)
        (ARTEFAK / f"{nama}.html").write_text(page.content())
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)


@pytest.fixture
def masuk_peramban(live_server):
    """Sign in through the real form: `masuk_peramban(page, pegawai)`."""
    from tests.conftest import SANDI

    def _masuk(page, pegawai):
        page.goto(f"{live_server.url}/masuk/")
        page.get_by_label("NIP atau NI PPPK").fill(pegawai.nip)
        page.get_by_label("Kata sandi").fill(SANDI)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _masuk


@pytest.fixture(autouse=True)
def _db_terlihat_server(transactional_db):
    """The live server runs in another thread with its own connection: data must be committed.
    Seeds removed by a transactional flush are restored by tests/conftest.py."""


AXE = Path(
    os.environ.get("AXE_PATH", Path(__file__).resolve().parents[2] / ".cache/axe/node_modules/axe-core/axe.min.js")
)
BATAS_PERTAMA = 300 * 1024
BATAS_ULANG = 60 * 1024


class PemeriksaHalaman:
    """Counts the bytes a page really transfers (Chrome DevTools Protocol) and runs axe-core.

    Many users work on slow mobile connections: a page may weigh at most 300 KB on a first visit
    and 60 KB on a repeat visit with cached static files; serious accessibility violations fail."""

    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.byte = 0
        self.cdp.on("Network.loadingFinished", self._selesai)
        self.catatan: list[dict] = []

    def _selesai(self, event):
        self.byte += int(event.get("encodedDataLength", 0))

    def buka(self, url: str, *, nama: str | None = None) -> dict:
        """Visit twice (first, then cached) and check both budgets and accessibility."""
        hasil = {"halaman": nama or url}
        for kunci in ("pertama", "ulang"):
            self.byte = 0
            self.page.goto(url, wait_until="load")
            self.page.wait_for_load_state("networkidle")
            hasil[kunci] = self.byte
        self.catatan.append(hasil)
        assert hasil["pertama"] <= BATAS_PERTAMA, f"{hasil['halaman']}: {hasil['pertama']} byte pada kunjungan pertama"
        assert hasil["ulang"] <= BATAS_ULANG, f"{hasil['halaman']}: {hasil['ulang']} byte pada kunjungan ulang"
        self.aksesibilitas()
        return hasil

    def aksesibilitas(self) -> None:
        if not AXE.exists():
            pytest.fail(f"axe-core tidak ditemukan di {AXE}; jalankan `make e2e-siap` (npm install axe-core).")
        self.page.add_script_tag(path=str(AXE))
        pelanggaran = self.page.evaluate(
            """async () => {
                const r = await axe.run(document, {resultTypes: ['violations']});
                return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                    .map(v => v.id + ': ' + v.help + ' — '
                         + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
            }"""
        )
        assert not pelanggaran, "Pelanggaran aksesibilitas serius:\n" + "\n".join(pelanggaran)

    def lambat_3g(self) -> None:
        """Throttle like a slow 3G connection (400 ms latency, ~50 KB/s down, ~20 KB/s up)."""
        self.cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": 400, "downloadThroughput": 50 * 1024, "uploadThroughput": 20 * 1024,
        })


@pytest.fixture
def pemeriksa(halaman):
    return PemeriksaHalaman(halaman)
