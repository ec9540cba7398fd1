"""The shared form and view helpers of `bangkom/lib/formulir.py` and the period constraint of
`bangkom/lib/model.py`."""
import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from bangkom.lib.formulir import PesanGalat, jalankan_aksi, periksa_urutan
from bangkom.lib.model import periode_urut
from jp_conversion.penjaga import paraf_tujuan


def _permintaan(data=None):
    request = RequestFactory().post("/", data or {})
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _pesan(request):
    return [(m.level_tag, m.message) for m in get_messages(request)]


def test_a_service_error_becomes_one_error_message_and_skips_the_rest_of_the_block():
    request = _permintaan()
    with PesanGalat(request) as hasil:
        raise ValidationError(["Tanggal di masa depan.", "Sesi bertumpuk."])
    assert hasil.gagal
    assert _pesan(request) == [("error", "Tanggal di masa depan. Sesi bertumpuk.")]


def test_a_successful_block_runs_to_its_end():
    request = _permintaan()
    with PesanGalat(request) as hasil:
        selesai = True
    assert selesai and not hasil.gagal and _pesan(request) == []


def test_other_errors_are_not_swallowed():
    with pytest.raises(PermissionError), PesanGalat(_permintaan()):
        raise PermissionError


def test_the_chosen_action_runs_and_says_its_message():
    request, jalan = _permintaan({"aksi": "tolak"}), []
    jalankan_aksi(request, {
        "setujui": (lambda: jalan.append("setujui"), "Diparaf."),
        "tolak": (lambda: jalan.append("tolak") or 3, lambda n: f"Ditolak ({n})."),
    })
    assert jalan == ["tolak"] and _pesan(request) == [("success", "Ditolak (3).")]


@pytest.mark.parametrize("data", [{}, {"aksi": "hapus"}])
def test_an_unknown_action_runs_nothing(data):
    request, jalan = _permintaan(data), []
    jalankan_aksi(request, {"setujui": (lambda: jalan.append("setujui"), "Diparaf.")})
    assert jalan == [] and _pesan(request) == [("error", "Aksi tidak dikenal.")]


def test_a_refused_action_says_why_and_not_its_success():
    def layanan():
        raise ValidationError("Alasan penolakan wajib diisi.")

    request = _permintaan({"aksi": "tolak"})
    jalankan_aksi(request, {"tolak": (layanan, "Ditolak.")})
    assert _pesan(request) == [("error", "Alasan penolakan wajib diisi.")]


class _Periode(forms.Form):
    mulai = forms.DateField()
    selesai = forms.DateField()

    def clean(self):
        data = super().clean()
        periksa_urutan(self, data, "mulai", "selesai", "Selesai sebelum mulai.")
        return data


@pytest.mark.parametrize(("mulai", "selesai", "galat"), [
    ("2025-03-02", "2025-03-01", ["Selesai sebelum mulai."]),
    ("2025-03-01", "2025-03-01", None),
])
def test_a_period_ends_on_or_after_its_start(mulai, selesai, galat):
    form = _Periode(data={"mulai": mulai, "selesai": selesai})
    assert form.is_valid() is (galat is None)
    assert form.errors.get("selesai") == galat


def test_a_missing_end_gets_only_its_own_error():
    form = _Periode(data={"mulai": "2025-03-01", "selesai": ""})
    assert not form.is_valid() and "Selesai sebelum mulai." not in form.errors["selesai"]


def test_the_period_constraint_keeps_its_name_and_condition():
    c = periode_urut("baris_bulan_urut", mulai="bulan_mulai", selesai="bulan_selesai")
    assert c.name == "baris_bulan_urut"
    assert c.condition.children == [("bulan_selesai__gte", c.condition.children[0][1])]
    assert c.condition.children[0][1].name == "bulan_mulai"


PARAF = {"menunggu": "menunggu", "disetujui": "diparaf", "ditolak": "ditolak", "yang": "Sesi ini sudah diparaf"}


def test_paraf_moves_from_waiting_and_twice_is_once():
    assert paraf_tujuan("menunggu", setuju=True, alasan="", **PARAF) == "diparaf"
    assert paraf_tujuan("menunggu", setuju=False, alasan="Tidak hadir", **PARAF) == "ditolak"
    assert paraf_tujuan("diparaf", setuju=True, alasan="", **PARAF) is None


def test_a_decided_paraf_is_withdrawn_first_and_a_rejection_needs_a_reason():
    with pytest.raises(ValidationError, match="Sesi ini sudah diparaf. Batalkan paraf"):
        paraf_tujuan("ditolak", setuju=True, alasan="", **PARAF)
    with pytest.raises(ValidationError) as exc:
        paraf_tujuan("menunggu", setuju=False, alasan="  ", **PARAF)
    assert exc.value.message_dict == {"alasan": ["Alasan penolakan wajib diisi."]}
