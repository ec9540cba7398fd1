"""Role dashboards: who sees which, the numbers equal the ledger's, approve-several, query counts."""
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from bangkom.pegawai.models import Pegawai
from jp_conversion import services
from jp_conversion.models import Kegiatan, RekapTahunan, StatusKegiatan
from mentoring.models import PermintaanMentoring
from tests.dasbor.bantu_dasbor import TAHUN, isi_sari_dan_budi
from tests.factories import PegawaiFactory

DASBOR = ["dasbor-pegawai", "dasbor-atasan", "dasbor-mentor", "dasbor-kepala", "dasbor-bpsdm"]


@pytest.fixture
def terisi(cast):
    isi_sari_dan_budi(cast)
    return cast


def _get(client, nama, **param):
    return client.get(reverse(nama), {"tahun": TAHUN, **param})


def test_home_opens_the_broadest_dashboard_with_tabs_to_the_others(terisi, masuk):
    c = masuk(terisi.hasan)
    r = c.get("/")
    assert r.status_code == 200
    assert "Tren rata-rata JP" in r.content.decode()  # kepala dashboard
    html = r.content.decode()
    assert reverse("dasbor-atasan") in html and reverse("dasbor-pegawai") in html
    assert reverse("dasbor-bpsdm") not in html
    r = masuk(terisi.sari).get("/")
    assert "Kemajuan menuju target" in r.content.decode()


@pytest.mark.parametrize(
    "siapa,boleh",
    [("sari", {"dasbor-pegawai"}), ("budi", {"dasbor-pegawai", "dasbor-atasan"}),
     ("rina", {"dasbor-pegawai", "dasbor-mentor"}),
     ("hasan", {"dasbor-pegawai", "dasbor-atasan", "dasbor-kepala"}),
     ("dewi", {"dasbor-pegawai", "dasbor-bpsdm"}), ("joko", {"dasbor-pegawai"})],
)
def test_each_dashboard_is_for_its_role_only(cast, masuk, siapa, boleh):
    c = masuk(getattr(cast, siapa))
    for nama in DASBOR:
        assert _get(c, nama).status_code == (200 if nama in boleh else 403), nama


def test_pegawai_dashboard_shows_the_ledger_numbers(terisi, masuk):
    r = _get(masuk(terisi.sari), "dasbor-pegawai")
    rekap = RekapTahunan.objects.get(pegawai=terisi.sari, tahun=TAHUN)
    assert r.context["b"].total_jp == rekap.total == Decimal("16")
    assert dict(r.context["per_jenis"])["Belajar Mandiri"] == rekap.jp_belajar_mandiri
    assert [str(v) for _, v in r.context["per_bulan"]] == [str(Decimal(v).quantize(Decimal("0.01")))
                                                         for v in rekap.jp_per_bulan]
    html = r.content.decode()
    assert "<svg" in html and "<title" in html and "Mei: 6 JP" in html
    assert 'data-uji="total-jp">16<' in html
    assert r.context["berisiko"]  # 16 of 20 at year end
    assert "kekurangan 4 JP tidak dapat dikejar" in html  # the planner's advice


def test_pegawai_dashboard_lists_rejected_and_waiting_items(cast, masuk):
    from datetime import date

    k = services.kegiatan_catat(pegawai=cast.sari, jenis="coaching", tanggal=date(TAHUN, 3, 3),
                                materi="Menyusun SKP", pembimbing=cast.budi)
    services.kegiatan_paraf(kegiatan=k, oleh=cast.budi, setuju=False, alasan="Bukti belum ada")
    services.kegiatan_catat(pegawai=cast.sari, jenis="coaching", tanggal=date(TAHUN, 4, 3),
                            materi="Analisis beban kerja", pembimbing=cast.budi)
    html = _get(masuk(cast.sari), "dasbor-pegawai").content.decode()
    assert "Bukti belum ada" in html and "Analisis beban kerja" in html
    # what waits for Sari is not shown to Joko: his own dashboard is empty
    html = _get(masuk(cast.joko), "dasbor-pegawai").content.decode()
    assert "Menyusun SKP" not in html and "Tidak ada kabar baru" in html


def test_atasan_sees_team_waiting_items_and_risk(terisi, masuk):
    from datetime import date

    services.kegiatan_catat(pegawai=terisi.sari, jenis="coaching", tanggal=date(TAHUN, 9, 1),
                            materi="Coaching September", pembimbing=terisi.budi)
    r = _get(masuk(terisi.budi), "dasbor-atasan")
    tim = {b.pk: b for b in r.context["halaman"]}
    assert set(tim) == {terisi.sari.pk}
    assert tim[terisi.sari.pk].total_jp == Decimal("16") and tim[terisi.sari.pk].menunggu_n == 1
    assert [b.pk for b in r.context["berisiko"]] == [terisi.sari.pk]
    assert tim[terisi.sari.pk].kesenjangan_n == 0  # no position standard recorded: no open gap
    assert "Coaching September" in r.content.decode()
    # hasan's team: budi (reached) and rina (nothing); filter by status
    r = _get(masuk(terisi.hasan), "dasbor-atasan", status="belum")
    assert [b.pk for b in r.context["halaman"]] == [terisi.rina.pk]
    r = _get(masuk(terisi.hasan), "dasbor-atasan", urut="-total")
    assert [b.pk for b in r.context["halaman"]] == [terisi.budi.pk, terisi.rina.pk]


def test_atasan_filter_errors_are_shown_in_indonesian(cast, masuk):
    r = masuk(cast.budi).get(reverse("dasbor-atasan"), {"tahun": "abc", "status": "x"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Tahun harus berupa angka" in html and "Pilih status yang tersedia" in html


def test_approve_several(cast, masuk):
    from datetime import date

    ks = [services.kegiatan_catat(pegawai=cast.sari, jenis="coaching", tanggal=date(TAHUN, m, 2),
                                  materi=f"sesi {m}", pembimbing=cast.budi) for m in (1, 2)]
    lain = services.kegiatan_catat(pegawai=cast.joko, jenis="coaching", tanggal=date(TAHUN, 1, 2),
                                   materi="bukan milik budi", pembimbing=cast.agus)
    r = masuk(cast.budi).post(reverse("dasbor-paraf-banyak"),
                              {"kegiatan": [ks[0].pk, ks[1].pk, lain.pk], "kembali": "https://jahat.example/"})
    assert r.status_code == 302 and r["Location"] == reverse("dasbor-atasan")
    assert set(Kegiatan.objects.filter(pk__in=[k.pk for k in ks]).values_list("status", flat=True)) == {
        StatusKegiatan.DISETUJUI}
    assert Kegiatan.objects.get(pk=lain.pk).status == StatusKegiatan.DIAJUKAN
    assert RekapTahunan.objects.get(pegawai=cast.sari, tahun=TAHUN).total == Decimal("4")
    # Joko cannot approve Sari's activity through this form either
    k3 = services.kegiatan_catat(pegawai=cast.sari, jenis="coaching", tanggal=date(TAHUN, 3, 2),
                                 materi="sesi 3", pembimbing=cast.budi)
    masuk(cast.joko).post(reverse("dasbor-paraf-banyak"), {"kegiatan": [k3.pk]})
    assert Kegiatan.objects.get(pk=k3.pk).status == StatusKegiatan.DIAJUKAN
    r = masuk(cast.budi).post(reverse("dasbor-paraf-banyak"), {}, follow=True)
    assert "Pilih minimal satu kegiatan" in r.content.decode()


def test_mentor_dashboard(cast, masuk):
    from datetime import date

    PermintaanMentoring.objects.create(pemohon=cast.sari, mentor=cast.rina, topik="Kebijakan publik",
                                       status=PermintaanMentoring.Status.DITERIMA)
    PermintaanMentoring.objects.create(pemohon=cast.budi, mentor=cast.rina, topik="Kepemimpinan")
    services.kegiatan_catat(pegawai=cast.sari, jenis="mentoring", tanggal=date(TAHUN, 5, 5),
                            materi="Mentoring kebijakan", pembimbing=cast.rina)
    r = _get(masuk(cast.rina), "dasbor-mentor")
    html = r.content.decode()
    assert "Kebijakan publik" in html and "Kepemimpinan" in html and "Mentoring kebijakan" in html
    assert [m.pemohon_id for m, _ in r.context["mentee"]] == [cast.sari.pk]
    assert _get(masuk(cast.joko), "dasbor-mentor").status_code == 403


def test_kepala_sees_own_opd_numbers(terisi, masuk):
    r = _get(masuk(terisi.hasan), "dasbor-kepala")
    ctx = r.context
    assert ctx["r"].jumlah == Pegawai.objects.filter(opd=terisi.dinkes).count() == 4
    assert ctx["r"].tercapai == 1 and ctx["r"].rata_jp == Decimal("9.50")
    assert ctx["r"].terjangkau_bimbingan == 2
    assert ctx["coach_bersertifikat"] == 0
    tren = ctx["tren"]
    assert tren[-1][1] == Decimal("9.50") and tren[-1][2] == Decimal("20.00")  # past year: all 12 months
    assert [b.pk for b in ctx["di_bawah"]] == [terisi.hasan.pk, terisi.rina.pk, terisi.sari.pk] or \
        {b.pk for b in ctx["di_bawah"]} == {terisi.hasan.pk, terisi.rina.pk, terisi.sari.pk}
    html = r.content.decode()
    assert "Joko" not in html and "Dinas Pekerjaan Umum" not in html


def test_bpsdm_sees_the_province(terisi, masuk):
    from bangkom.pegawai.models import RiwayatImpor

    RiwayatImpor.objects.create(jenis="kinerja", nama_berkas="skp.xlsx", oleh=terisi.dewi.user, jumlah_baris=3)
    r = _get(masuk(terisi.dewi), "dasbor-bpsdm")
    assert "Predikat kinerja (SKP)" in r.content.decode()  # the kind by its name, not its stored code
    per_opd = {a.kunci: a for a in r.context["per_opd"]}
    assert set(per_opd) == {terisi.dinkes.pk, terisi.dpupr.pk, terisi.bpsdm_opd.pk}
    assert r.context["r"].jp_total == sum(RekapTahunan.objects.filter(tahun=TAHUN).values_list("total", flat=True))


def test_bpsdm_sees_the_province_gap_summary(cast, masuk):
    from bangkom.kompetensi.models import Kompetensi, PenilaianKompetensi, StandarKompetensi

    komunikasi = Kompetensi.objects.get(kode="komunikasi")
    StandarKompetensi.objects.create(jabatan=cast.sari.jabatan, kompetensi=komunikasi, level_standar=3)
    for p, level in ((cast.sari, 1), (cast.joko, 3)):
        PenilaianKompetensi.objects.create(pegawai=p, kompetensi=komunikasi, level=level, sumber="asesmen",
                                           tanggal=date(TAHUN, 2, 1))
    r = _get(masuk(cast.dewi), "dasbor-bpsdm")
    (k, sel), = r.context["kesenjangan"]
    assert k == komunikasi and (sel.dinilai, sel.di_bawah, sel.belum_dinilai) == (2, 1, 1)  # Dewi: not assessed
    tabel = r.content.decode().split('data-uji="kesenjangan-provinsi"')[1].split("</table>")[0]
    assert "Komunikasi" in tabel and "50,0%" in tabel


@pytest.mark.parametrize("nama,siapa", [("dasbor-pegawai", "sari"), ("dasbor-atasan", "hasan"),
                                        ("dasbor-kepala", "hasan"), ("dasbor-bpsdm", "dewi"),
                                        ("dasbor-mentor", "rina")])
def test_dashboard_query_count_is_constant(cast, masuk, django_assert_max_num_queries, nama, siapa):
    c = masuk(getattr(cast, siapa))
    _get(c, nama)  # warm caches (content types, sessions)
    hitung = []
    for n in (5, 50):
        baru = PegawaiFactory.create_batch(7 + n - Pegawai.objects.count(), unit=cast.rina.unit, opd=cast.dinkes,
                                           jabatan=cast.sari.jabatan, atasan=cast.hasan)
        # rows only (the ledger itself is exercised elsewhere): what matters here is their number
        RekapTahunan.objects.bulk_create([RekapTahunan(pegawai=p, tahun=TAHUN, jp_coaching=2, total=2,
                                                       jp_per_bulan=["2.00"] + ["0.00"] * 11) for p in baru])
        PermintaanMentoring.objects.bulk_create([PermintaanMentoring(
            pemohon=p, mentor=cast.rina, topik="t", status=PermintaanMentoring.Status.DITERIMA) for p in baru])
        Kegiatan.objects.bulk_create([Kegiatan(pegawai=p, jenis="coaching", tanggal=date(TAHUN, 3, 1), tahun=TAHUN,
                                               materi="m", pembimbing=getattr(cast, siapa)) for p in baru])
        with django_assert_max_num_queries(30) as ctx:
            assert _get(c, nama).status_code == 200
        hitung.append(len(ctx))
    assert hitung[0] == hitung[1], hitung


def test_atasan_pages_a_large_team_and_lists_the_oldest_waiting_items(cast, masuk):
    from datetime import date

    from bangkom.dasbor.views import PARAF_DI_DASBOR, TIM_PER_HALAMAN

    tim = [PegawaiFactory(unit=cast.sari.unit, atasan=cast.budi, jabatan=cast.sari.jabatan)
           for _ in range(TIM_PER_HALAMAN + 4)]
    for i in range(PARAF_DI_DASBOR + 2):
        services.kegiatan_catat(pegawai=tim[i % len(tim)], jenis="coaching", materi=f"sesi {i:02d}",
                                tanggal=date(TAHUN, 1 + i // 28, 1 + i % 28), pembimbing=cast.budi)
    c = masuk(cast.budi)
    r = _get(c, "dasbor-atasan", status="belum")
    html = r.content.decode()
    jumlah_tim = TIM_PER_HALAMAN + 4  # Sari is a member too (below target), the new ones have no JP
    assert len(r.context["halaman"].object_list) == TIM_PER_HALAMAN
    assert f"Anggota tim ({jumlah_tim + 1})" in html
    assert "status=belum&amp;page=2" in html  # the pager keeps the filter
    assert len(r.context["berisiko"]) == jumlah_tim + 1  # risk is over the whole team, not the page
    r = _get(c, "dasbor-atasan", status="belum", page=2)
    assert len(r.context["halaman"].object_list) == jumlah_tim + 1 - TIM_PER_HALAMAN
    # the queue: the oldest first, as many as one bulk paraf handles, with the true count
    assert [k.materi for k in r.context["menunggu"]][:2] == ["sesi 00", "sesi 01"]
    assert len(r.context["menunggu"]) == PARAF_DI_DASBOR
    assert f"Menunggu paraf saya ({PARAF_DI_DASBOR + 2})" in r.content.decode()
