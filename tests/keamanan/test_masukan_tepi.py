"""Issue 17 [R] item 7: inputs the outside probe turned into a server error now get a page or a
message. Each case is the probe's own request."""
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from belajar_mandiri.models import LogBelajar
from tests.pegawai.test_impor import baris, xlsx

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("bulan", ["1-1", "9999-12", "0-1", "10000-1", "2025-13", "¹-1", "-1-1", "9" * 30 + "-1"])
def test_calendar_month_out_of_range_shows_the_current_month(cast, masuk, bulan):
    r = masuk(cast.sari).get(reverse("belajar_mandiri:kalender"), {"bulan": bulan})
    assert r.status_code == 200
    hari_ini = timezone.localdate()
    assert str(hari_ini.year) in r.content.decode()


@pytest.mark.parametrize("opd", ["9" * 20, "1" + "0" * 19, "²", "٣"])
def test_jp_report_with_a_huge_opd_number_is_not_a_server_error(cast, masuk, opd):
    c = masuk(cast.dewi)
    assert c.get(reverse("laporan-jp"), {"opd": opd}).status_code in (200, 400)
    assert c.get(reverse("laporan-jp"), {"unit": opd}).status_code in (200, 400)


def test_a_30_digit_minute_count_is_refused_with_a_message(cast, masuk, penugasan):
    r = masuk(cast.sari).post(reverse("belajar_mandiri:log_catat", args=[penugasan.pk]), {
        "tanggal": f"{timezone.localdate():%Y-%m-%d}", "menit": "9" * 30, "materi": "Video", "aksi": "simpan",
    })
    assert r.status_code == 200
    assert "menit" in r.content.decode().lower()
    assert not LogBelajar.objects.exists()


def test_a_nip_with_a_superscript_digit_in_the_import_gets_a_message(cast, masuk):
    isi = xlsx(baris("19900101201503100¹", "Superskrip"))
    r = masuk(cast.dewi).post(reverse("pegawai:impor"), {
        "berkas": SimpleUploadedFile("p.xlsx", isi, "application/octet-stream")})
    assert r.status_code == 200
    assert "angka 0-9" in r.content.decode()


@pytest.fixture
def penugasan(cast):
    from decimal import Decimal

    from belajar_mandiri import services

    hari_ini = timezone.localdate()
    return services.penugasan_buat(
        atasan=cast.budi, pegawai=cast.sari, topik="Analisis", kesenjangan="Belum mampu.", lingkup="nasional",
        mulai=hari_ini - timedelta(days=60), selesai=hari_ini + timedelta(days=30), jp_rencana=Decimal("20"),
    )


@pytest.mark.parametrize("nilai", ["²", "٣", "9" * 20])
@pytest.mark.parametrize(("siapa", "halaman", "param"), [
    ("sari", "mentoring:ajukan", "kompetensi"),
    ("sari", "mentoring:ajukan", "mentor"),
    ("dewi", "mentoring:semua", "opd"),
    ("budi", "coaching:buat", "pegawai"),
])
def test_an_id_in_the_query_string_with_look_alike_or_huge_digits_is_ignored(cast, masuk, siapa, halaman, param,
                                                                             nilai):
    assert masuk(getattr(cast, siapa)).get(reverse(halaman), {param: nilai}).status_code == 200


@pytest.mark.parametrize("nilai", ["²", "٣", "9" * 20])
def test_a_plan_page_with_a_strange_dialog_id_is_not_a_server_error(cast, masuk, nilai):
    url = reverse("kompetensi:rencana", args=[cast.sari.pk])
    assert masuk(cast.budi).get(url, {"dialog": nilai}).status_code == 200


def test_the_employee_import_refuses_a_workbook_with_a_macro(cast, masuk):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "a") as zf, zipfile.ZipFile(io.BytesIO(xlsx(baris(cast.sari.nip, "X")))) as asli:
        for info in asli.infolist():
            zf.writestr(info, asli.read(info))
        zf.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    r = masuk(cast.dewi).post(reverse("pegawai:impor"), {
        "berkas": SimpleUploadedFile("p.xlsx", buf.getvalue(), "application/octet-stream")})
    assert r.status_code == 200
    assert "makro" in r.content.decode()
