"""First sign-in of an imported employee: BPSDM's list gives the activation link, the employee opens
it on a phone, sets a password, lands on the home page, and afterwards signs in with NIP and password."""
import io

from openpyxl import load_workbook

from bangkom.pegawai import impor
from tests.e2e.bantu_e2e import PONSEL
from tests.pegawai.test_impor import baris, xlsx

SANDI_BARU = "Kopi-Tubruk-2026"


def test_an_imported_employee_activates_and_signs_in(cast, browser, masuk, live_server):
    sari = cast.sari
    impor.pegawai_impor(isi=xlsx(baris("199001012015031001", "Andi Baru", atasan=cast.budi.nip,
                                       opd=sari.opd.kode, unit=sari.unit.kode, jabatan=sari.jabatan.kode)))
    unduhan = masuk(cast.dewi).post("/pegawai/aktivasi/daftar.xlsx", {"opd": sari.opd.pk},
                                    HTTP_HOST=live_server.url.split("//")[1])
    tautan = next(r[5] for r in load_workbook(io.BytesIO(unduhan.content)).active.iter_rows(values_only=True)
                  if r[1] == "199001012015031001")
    ctx = browser.new_context(viewport=PONSEL, locale="id-ID")
    page = ctx.new_page()
    try:
        page.goto(f"{live_server.url}/masuk/")  # before activation: told why, not "wrong password"
        page.get_by_label("NIP atau NI PPPK").fill("199001012015031001")
        page.get_by_label("Kata sandi").fill("tebak-tebakan-1")
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_selector("text=Akun ini belum diaktifkan")

        page.goto(tautan)
        page.locator("#id_new_password1").fill(SANDI_BARU)
        page.locator("#id_new_password2").fill(SANDI_BARU)
        page.get_by_role("button", name="Aktifkan akun").click()
        page.wait_for_selector("text=Akun Anda sudah aktif")
        assert "Andi Baru" in page.content()

        page.context.clear_cookies()
        page.goto(f"{live_server.url}/masuk/")
        page.get_by_label("NIP atau NI PPPK").fill("199001012015031001")
        page.get_by_label("Kata sandi").fill(SANDI_BARU)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(lambda u: "/masuk/" not in u)
        page.wait_for_load_state("load")
        assert "Andi Baru" in page.content()  # the name menu (collapsed on a phone)
        page.goto(tautan)  # the link works once
        page.wait_for_selector("text=tidak berlaku lagi")
    finally:
        ctx.close()
