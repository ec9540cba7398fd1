"""The layout crawl: every HTML page each main role can open (found from the URLconf and the access
matrix's world, tests/keamanan/peta_url.py) is visited on a 390 px phone and a 1366 px laptop. No
page may be wider than the screen, and at 1366 px the decision columns of the report and team
tables (name, total JP, target, status) must start and end inside the screen, not behind a
sideways scroll."""
import os

import pytest

from tests.e2e.bantu_e2e import PONSEL
from tests.keamanan.peta_url import (
    ParameterTidakDikenal,
    bangun_dunia,
    klien,
    rute_admin,
    semua_rute,
    url_untuk,
)

PERAN = os.environ.get("TATA_LETAK_PERAN", "sari budi rina hasan dewi").split()
LAPTOP = {"width": 1366, "height": 768}
# Not pages a person reads: sign-out, health checks, downloads, the password-reset and activation token
# pages (the activation page is crawled at 390 px by test_aktivasi.py).
LEWATI = ("keluar", "healthz", "readyz", "atur-sandi", "aktivasi", "masuk", "lupa-sandi", "lupa-sandi-terkirim")

# The decision columns of any table: who, how many JP, against which target, in which state.
UKUR = """() => {
    const lebar = window.innerWidth;
    const keputusan = /^(Nama|Pegawai|Total JP|Total|JP|Target|Status)$/;
    const tabel = [...document.querySelectorAll('table')].filter(t => t.getClientRects().length).map(t => {
        const wadah = t.closest('.table-responsive');
        const kanan = Math.min(lebar, wadah ? wadah.getBoundingClientRect().right : lebar);
        const kolom = [...t.querySelectorAll('thead th')]
            .filter(th => th.getClientRects().length && keputusan.test(th.innerText.trim()))
            .map(th => ({teks: th.innerText.trim(), kanan: th.getBoundingClientRect().right}));
        return {kanan, kolom};
    });
    // The innermost elements reaching past the screen's edge, to name the culprit in the message.
    const pelaku = [...document.body.querySelectorAll('*')]
        .filter(e => e.getBoundingClientRect().right > lebar + 1 && !e.closest('.table-responsive'))
        .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > lebar + 1))
        .slice(0, 3).map(e => e.tagName.toLowerCase()
            + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
            + ' "' + (e.innerText || '').trim().slice(0, 30) + '"');
    return {lebar: document.documentElement.scrollWidth, layar: lebar, tabel, pelaku};
}"""


def _halaman_per_peran(d) -> dict[str, list[str]]:
    """The HTML pages (GET 200) each role opens, read with the test client (fast) before the browser."""
    rute = [r for r in semua_rute() if r.bernama and not rute_admin(r) and r.nama not in LEWATI]
    hasil = {}
    for peran in PERAN:
        c = klien(d, peran)
        daftar = []
        for r in rute:
            try:
                url = url_untuk(d, r)
            except ParameterTidakDikenal:
                continue
            resp = c.get(url)
            if resp.status_code == 200 and resp.get("Content-Type", "").startswith("text/html"):
                daftar.append(url)
        hasil[peran] = daftar
    return hasil


@pytest.fixture
def dunia(cast):
    return bangun_dunia(cast)


def _masuk_dengan_kuki(context, d, peran, live_server):
    c = klien(d, peran)
    context.clear_cookies()
    context.add_cookies([{"name": "sessionid", "value": c.cookies["sessionid"].value, "url": live_server.url}])


def test_no_page_is_wider_than_the_screen_and_decision_columns_show(dunia, browser, live_server):
    halaman_peran = _halaman_per_peran(dunia)
    assert sum(len(v) for v in halaman_peran.values()) > 12 * len(PERAN), halaman_peran  # the crawl really crawls
    luber, kolom_hilang, tabel_diperiksa = [], [], 0
    for ukuran, nama_ukuran in ((PONSEL, "390"), (LAPTOP, "1366")):
        context = browser.new_context(locale="id-ID", viewport=ukuran)
        page = context.new_page()
        page.set_default_timeout(15_000)
        for peran, daftar in halaman_peran.items():
            _masuk_dengan_kuki(context, dunia, peran, live_server)
            for url in daftar:
                page.goto(f"{live_server.url}{url}", wait_until="load")
                ukur = page.evaluate(UKUR)
                if ukur["lebar"] > ukur["layar"]:
                    luber.append(f"{nama_ukuran} px {peran} {url}: {ukur['lebar']} px {ukur['pelaku']}")
                if nama_ukuran == "1366":
                    for t in ukur["tabel"]:
                        tabel_diperiksa += bool(t["kolom"])
                        for k in t["kolom"]:
                            if k["kanan"] > t["kanan"] + 1:
                                kolom_hilang.append(f"{peran} {url}: '{k['teks']}' berakhir di {k['kanan']:.0f} px")
        context.close()
    assert not luber, "Halaman lebih lebar dari layar:\n" + "\n".join(luber)
    assert tabel_diperiksa >= 10
    assert not kolom_hilang, "Kolom keputusan di luar layar 1366 px:\n" + "\n".join(kolom_hilang)
