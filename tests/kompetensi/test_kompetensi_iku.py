"""The OPD's IKU (issue 20, evaluation tied to outcomes): master data per OPD and year kept by the kepala
(own OPD) and BPSDM (any OPD); a plan line may name one IKU of the employee's OPD and year; the kepala
sees, per IKU, the plan lines, employees, planned JP and the ledger's achieved JP."""
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bangkom.kompetensi import iku, services
from bangkom.kompetensi.models import PESAN_IKU_LAIN, BarisRencana, IndikatorKinerjaUtama
from jp_conversion import services as jp
from tests.factories import PegawaiFactory
from tests.kompetensi.test_kompetensi_layanan import HARI_INI

TAHUN = HARI_INI.year
D = Decimal


def _iku(opd, kode="IKU-1", nama="Indeks kepuasan masyarakat", tahun=TAHUN):
    return iku.iku_simpan(opd=opd, tahun=tahun, kode=kode, nama=nama)


def _rencana(pegawai, ikunya, *, bentuk="coaching", jp_rencana="4", bulan=1):
    return services.rencana_baris_tambah(pegawai=pegawai, tahun=TAHUN, bentuk=bentuk, uraian=f"{bentuk} untuk IKU",
                                         jp_direncanakan=D(jp_rencana), bulan_mulai=bulan, bulan_selesai=bulan,
                                         iku=ikunya)


def _coaching_disetujui(pegawai, pembimbing):
    k = jp.kegiatan_catat(pegawai=pegawai, jenis="coaching", tanggal=date(TAHUN, 1, 5), materi="Coaching",
                          pembimbing=pembimbing)
    jp.kegiatan_paraf(kegiatan=k, oleh=pembimbing, setuju=True)


def test_an_iku_code_is_unique_per_opd_and_year_with_a_clear_message(cast):
    _iku(cast.dinkes)
    with pytest.raises(ValidationError) as e:
        _iku(cast.dinkes, kode="iku-1 ")
    assert "sudah dipakai Dinas Kesehatan" in str(e.value.message_dict["kode"])
    _iku(cast.dpupr)  # another OPD may use the same code
    _iku(cast.dinkes, tahun=TAHUN - 1)  # and so may another year


def test_a_plan_line_may_only_name_an_iku_of_the_employees_opd_and_year(cast):
    with pytest.raises(ValidationError) as e:
        _rencana(cast.sari, _iku(cast.dpupr))
    assert e.value.message_dict["iku"] == [PESAN_IKU_LAIN]
    with pytest.raises(ValidationError):
        _rencana(cast.sari, _iku(cast.dinkes, tahun=TAHUN - 1))
    assert _rencana(cast.sari, _iku(cast.dinkes)).iku.kode == "IKU-1"


def test_the_plan_form_refuses_another_opds_iku_and_keeps_the_input(cast, masuk):
    asing = _iku(cast.dpupr, kode="PU-1")
    url = reverse("kompetensi:rencana", args=[cast.sari.pk])
    data = {"tahun": TAHUN, "bentuk": "coaching", "uraian": "Coaching pelayanan", "jp_direncanakan": "3",
            "bulan_mulai": 2, "bulan_selesai": 2, "iku": asing.pk}
    r = masuk(cast.budi).post(url, data)
    assert r.status_code == 200 and PESAN_IKU_LAIN in r.content.decode()
    assert r.context["form"]["uraian"].value() == "Coaching pelayanan"
    sendiri = _iku(cast.dinkes)
    r = masuk(cast.budi).post(url, {**data, "iku": sendiri.pk})
    assert r.status_code == 302
    assert BarisRencana.objects.get(uraian="Coaching pelayanan").iku == sendiri


def test_per_iku_counts_lines_employees_planned_and_ledger_jp(cast):
    satu = _iku(cast.dinkes)
    _iku(cast.dinkes, kode="IKU-2", nama="Angka kematian ibu")
    _rencana(cast.sari, satu, jp_rencana="4", bulan=1)
    _rencana(cast.sari, None, jp_rencana="1", bulan=2)  # a later line of the same form, not for an IKU
    _rencana(cast.budi, satu, jp_rencana="2")
    _iku(cast.dpupr)  # another OPD's IKU is not listed
    _coaching_disetujui(cast.sari, cast.budi)  # 2 JP counted for Sari's coaching
    hasil = {c.iku.kode: c for c in iku.capaian_per_iku(opd=cast.dinkes, tahun=TAHUN)}
    assert list(hasil) == ["IKU-1", "IKU-2"]
    c = hasil["IKU-1"]
    assert (c.jumlah_baris, c.jumlah_pegawai, c.jp_direncanakan, c.jp_tercapai) == (2, 2, D("6"), D("2"))
    assert (hasil["IKU-2"].jumlah_baris, hasil["IKU-2"].jp_tercapai) == (0, D("0"))


@pytest.mark.parametrize("jumlah", [1, 6])
def test_per_iku_takes_two_queries_whatever_the_number_of_employees(cast, jumlah, django_assert_max_num_queries):
    satu = _iku(cast.dinkes)
    for _ in range(jumlah):
        p = PegawaiFactory(unit=cast.sari.unit, jabatan=cast.sari.jabatan, atasan=cast.budi)
        _rencana(p, satu)
        _rencana(p, None, bentuk="mentoring", bulan=3)
        _coaching_disetujui(p, cast.budi)
    with django_assert_max_num_queries(2):
        hasil = iku.capaian_per_iku(opd=cast.dinkes, tahun=TAHUN)
    assert hasil[0].jumlah_pegawai == jumlah and hasil[0].jp_tercapai == D("2") * jumlah


def test_the_kepala_dashboard_shows_the_per_iku_section(cast, masuk):
    _rencana(cast.sari, _iku(cast.dinkes))
    halaman = masuk(cast.hasan).get(reverse("dasbor-kepala")).content.decode()
    assert 'data-uji="per-iku"' in halaman and "Indeks kepuasan masyarakat" in halaman
    assert reverse("kompetensi:akpk") in halaman


# --- the IKU pages ------------------------------------------------------------------------------
def test_the_kepala_adds_and_edits_an_iku_of_their_own_opd(cast, masuk):
    c = masuk(cast.hasan)
    r = c.post(reverse("kompetensi:iku-tambah"), {"opd": cast.dinkes.pk, "tahun": TAHUN, "kode": "IKU-7",
                                                  "nama": "Cakupan imunisasi"}, follow=True)
    assert "Dinas Kesehatan kini memiliki 1 IKU" in r.content.decode()
    baru = IndikatorKinerjaUtama.objects.get(kode="IKU-7")
    r = c.post(reverse("kompetensi:iku-ubah", args=[baru.pk]),
               {"opd": cast.dinkes.pk, "tahun": TAHUN, "kode": "IKU-7", "nama": "Cakupan imunisasi dasar"})
    assert r.status_code == 302
    baru.refresh_from_db()
    assert baru.nama == "Cakupan imunisasi dasar"
    # Not for another OPD: the choice is refused, another OPD's IKU is not found.
    r = c.post(reverse("kompetensi:iku-tambah"), {"opd": cast.dpupr.pk, "tahun": TAHUN, "kode": "X",
                                                  "nama": "Jalan mantap"})
    assert "Pilih perangkat daerah yang Anda kelola." in r.content.decode()
    assert r.context["form"]["nama"].value() == "Jalan mantap"
    assert c.get(reverse("kompetensi:iku-ubah", args=[_iku(cast.dpupr).pk])).status_code == 404


def test_bpsdm_lists_and_searches_every_opds_iku_and_joko_is_refused(cast, masuk):
    _iku(cast.dinkes, kode="KES-1", nama="Cakupan imunisasi")
    _iku(cast.dpupr, kode="PU-1", nama="Jalan kondisi mantap")
    c = masuk(cast.dewi)
    r = c.get(reverse("kompetensi:iku"), {"tahun": TAHUN})
    assert [i.kode for i in r.context["halaman"]] == ["KES-1", "PU-1"]
    r = c.get(reverse("kompetensi:iku"), {"tahun": TAHUN, "q": "jalan"})
    assert [i.kode for i in r.context["halaman"]] == ["PU-1"]
    r = masuk(cast.hasan).get(reverse("kompetensi:iku"), {"tahun": TAHUN})
    assert [i.kode for i in r.context["halaman"]] == ["KES-1"]
    assert masuk(cast.joko).get(reverse("kompetensi:iku")).status_code == 403
