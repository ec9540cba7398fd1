import io

from openpyxl import Workbook

from bangkom.pegawai import impor
from bangkom.pegawai.models import Pegawai


def _xlsx(baris):
    wb = Workbook()
    ws = wb.active
    ws.append([judul for _, judul in impor.KOLOM])
    for b in baris:
        ws.append(b)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _baris(nip, nama):
    return [nip, nama, "", "S.Kom.", "PNS", "III/a", "Penata Muda", "ANALIS", "DINKES", "S1", "", ""]


def test_bpsdm_fixes_a_bad_row_then_imports(cast, halaman, pemeriksa, masuk_peramban, live_server):
    masuk_peramban(halaman, cast.dewi)
    pemeriksa.buka(f"{live_server.url}/pegawai/impor/", nama="impor pegawai")
    buruk = _xlsx([_baris("199001012015031001", "Andi Baru"), _baris("1990", "NIP Pendek")])
    halaman.set_input_files("input[type=file]", files=[{"name": "pegawai.xlsx", "mimeType": "application/octet-stream",
                                                      "buffer": buruk}])
    halaman.get_by_role("button", name="Periksa berkas").click()
    halaman.wait_for_selector("text=Tidak ada data yang diimpor")
    halaman.wait_for_selector("text=harus 18 digit")
    assert not Pegawai.objects.filter(nip="199001012015031001").exists()

    baik = _xlsx([_baris("199001012015031001", "Andi Baru"), _baris("199202022016042002", "Wati Baru")])
    halaman.set_input_files("input[type=file]", files=[{"name": "pegawai.xlsx", "mimeType": "application/octet-stream",
                                                      "buffer": baik}])
    halaman.get_by_role("button", name="Periksa berkas").click()
    halaman.get_by_role("button", name="Impor 2 pegawai").click()
    halaman.wait_for_selector("text=Impor selesai: 2 pegawai baru")
    assert Pegawai.objects.filter(nip__in=["199001012015031001", "199202022016042002"]).count() == 2
