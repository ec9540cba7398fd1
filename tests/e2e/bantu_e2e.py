"""Helpers shared by the browser journeys."""

PONSEL = {"width": 390, "height": 844}


def buka_menu(page, kelompok, nama):
    """Click `nama` in the navigation group `kelompok` (e.g. "Tim", "Verifikasi JP"), opening the
    collapsed menu first on a phone-sized viewport."""
    page.wait_for_load_state("load")  # Bootstrap's collapse must be wired before the toggler is tapped
    toggler = page.get_by_role("button", name="Buka menu")
    if toggler.is_visible():
        toggler.click()
    navigasi = page.get_by_role("navigation", name="Navigasi utama")
    navigasi.get_by_role("button", name=kelompok, exact=True).click()
    navigasi.get_by_role("link", name=nama, exact=True).click()
    page.wait_for_load_state("load")
