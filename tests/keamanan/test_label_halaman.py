"""Labels a person can read (issue 19): no page shows Django's bare "---------" empty choice, and a
menu entry never opens the same page as another entry under a different name."""
import re

import pytest

from tests.keamanan.peta_url import ParameterTidakDikenal, bangun_dunia, klien, rute_admin, semua_rute, url_untuk

PERAN = ["sari", "budi", "rina", "hasan", "dewi"]
LEWATI = {"keluar", "healthz", "readyz", "atur-sandi"}


@pytest.fixture
def dunia(cast):
    return bangun_dunia(cast)


def test_no_page_shows_a_bare_dashes_choice_or_duplicate_menu_entries(dunia):
    rute = [r for r in semua_rute() if r.bernama and not rute_admin(r) and r.nama not in LEWATI]
    temuan, ganda = [], []
    for peran in PERAN:
        c = klien(dunia, peran)
        for r in rute:
            try:
                url = url_untuk(dunia, r)
            except ParameterTidakDikenal:
                continue
            resp = c.get(url)
            if resp.status_code != 200 or not resp.get("Content-Type", "").startswith("text/html"):
                continue
            html = resp.content.decode()
            if "---------" in html:
                temuan.append(f"{peran} {url}")
            if r.nama == "beranda":
                menu = html[html.index('id="menu"'):]
                tautan = re.findall(r'class="dropdown-item" href="([^"]+)">([^<]+)<', menu)
                per_url: dict[str, set[str]] = {}
                for href, label in tautan:
                    per_url.setdefault(href, set()).add(label.strip())
                ganda += [f"{peran}: {href} {sorted(lbl)}" for href, lbl in per_url.items() if len(lbl) > 1]
    assert not temuan, "Pilihan kosong '---------' tampil di:\n" + "\n".join(temuan)
    assert not ganda, "Dua entri menu berbeda nama membuka halaman yang sama:\n" + "\n".join(ganda)
