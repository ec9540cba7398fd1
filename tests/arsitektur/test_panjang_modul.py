"""House rule: no product module over 450 lines — a longer one is split along a seam (the sheets:
`lembar` issues them, `isi_lembar` says what a sheet shows, `paraf_basah` prints the paper form)."""
from tests.arsitektur.test_lapisan import AKAR, LAPISAN

BATAS_BARIS = 450


def test_no_product_module_is_over_450_lines():
    berkas = [
        p for app in LAPISAN for p in (AKAR / app.replace(".", "/")).rglob("*.py") if "migrations" not in p.parts
    ]
    baris = {str(p.relative_to(AKAR)): len(p.read_text(encoding="utf-8").splitlines()) for p in berkas}
    panjang = {nama: n for nama, n in baris.items() if n > BATAS_BARIS}
    assert not panjang, f"Modules over {BATAS_BARIS} lines (split them): {panjang}"
