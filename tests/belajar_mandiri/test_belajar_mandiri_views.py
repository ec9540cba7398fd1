"""Pages: what each of the cast sees and may do; forms keep input; files; approve several."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bangkom.kompetensi.models import Kompetensi
from belajar_mandiri import services
from belajar_mandiri.models import LogBelajar, PenugasanBelajar, Resume, SumberBelajar
from jp_conversion.models import StatusKegiatan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b" " * 200
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def url(nama, *args):
    return reverse(f"belajar_mandiri:{nama}", args=args)


def _log(penugasan, tanggal, jp="1", materi="Membaca modul"):
    return services.log_catat(penugasan=penugasan, tanggal=tanggal, jp_belajar=Decimal(jp), materi=materi)


def test_sari_sees_her_assignment_with_a_log_today_button(cast, masuk, penugasan, hari_ini):
    r = masuk(cast.sari).get(url("beranda"))
    assert r.status_code == 200
    assert penugasan.topik in r.content.decode()
    assert f'{url("log_catat", penugasan.pk)}?tanggal={hari_ini:%Y-%m-%d}' in r.content.decode()


def test_joko_sees_nothing_of_saris(cast, masuk, penugasan, hari_ini):
    log = _log(penugasan, hari_ini)
    c = masuk(cast.joko)
    assert penugasan.topik not in c.get(url("beranda")).content.decode()
    assert penugasan.topik not in c.get(url("tim")).content.decode()
    for nama, pk in [("detail", penugasan.pk), ("log_catat", penugasan.pk), ("sumber_tambah", penugasan.pk)]:
        assert c.get(url(nama, pk)).status_code == 404
    assert c.post(url("log_paraf", log.pk), {"aksi": "setujui"}).status_code == 404
    assert c.post(url("log_hapus", log.pk)).status_code == 404


def test_another_supervisor_cannot_initial(cast, masuk, penugasan, hari_ini):
    log = _log(penugasan, hari_ini)
    rina = masuk(cast.rina)
    assert rina.get(url("detail", penugasan.pk)).status_code == 404
    assert rina.post(url("log_paraf", log.pk), {"aksi": "setujui"}).status_code == 404
    rina.post(url("paraf"), {"log": [log.pk]})
    # Hasan (kepala OPD) may read the assignment but the paraf belongs to Budi.
    hasan = masuk(cast.hasan)
    assert hasan.get(url("detail", penugasan.pk)).status_code == 200
    assert hasan.post(url("log_paraf", log.pk), {"aksi": "setujui"}).status_code == 403
    log.kegiatan.refresh_from_db()
    assert log.kegiatan.status == StatusKegiatan.DIAJUKAN


def test_periksa_shows_the_cap_warning_and_saves_nothing(cast, masuk, penugasan, hari_ini):
    _log(penugasan, hari_ini, "2", "Bab 1")
    c = masuk(cast.sari)
    data = {"tanggal": f"{hari_ini:%Y-%m-%d}", "jp_belajar": "1", "materi": "Bab 2", "aksi": "periksa"}
    r = c.post(url("log_catat", penugasan.pk), data)
    isi = r.content.decode()
    assert "Hari ini sudah 2 JP tercatat" in isi and "Log ini tidak menambah JP" in isi
    assert LogBelajar.objects.count() == 1
    r = c.post(url("log_catat", penugasan.pk), {**data, "aksi": "simpan"})
    assert r.status_code == 302
    assert LogBelajar.objects.count() == 2


def test_minutes_are_accepted_instead_of_jp(cast, masuk, penugasan, hari_ini):
    r = masuk(cast.sari).post(url("log_catat", penugasan.pk), {
        "tanggal": f"{hari_ini:%Y-%m-%d}", "menit": "90", "materi": "Video", "aksi": "simpan",
    })
    assert r.status_code == 302
    log = LogBelajar.objects.get()
    assert (log.menit, log.kegiatan.jp_belajar) == (90, Decimal("2.00"))


@pytest.mark.parametrize(
    ("hari", "jp", "pesan"),
    [(1, "1", "masa depan"), (-80, "1", "di luar periode"), (0, "0", "lebih dari 0"), (0, "30", "lebih dari 24")],
)
def test_a_refused_log_keeps_what_was_typed(cast, masuk, penugasan, hari_ini, hari, jp, pesan):
    r = masuk(cast.sari).post(url("log_catat", penugasan.pk), {
        "tanggal": f"{hari_ini + timedelta(days=hari):%Y-%m-%d}", "jp_belajar": jp,
        "materi": "Materi yang saya ketik", "aksi": "simpan",
    })
    assert r.status_code == 200
    isi = r.content.decode()
    assert pesan in isi and "Materi yang saya ketik" in isi
    assert not LogBelajar.objects.exists()


def test_a_supervisor_cannot_log_for_the_employee(cast, masuk, penugasan):
    assert masuk(cast.budi).get(url("log_catat", penugasan.pk)).status_code == 403


def test_a_renamed_exe_is_refused_and_the_resume_text_is_kept(cast, masuk, penugasan):
    r = masuk(cast.sari).post(url("resume_tulis", penugasan.pk), {
        "judul": "Resume bab 1", "isi": "Isi resume saya yang panjang",
        "lampiran": SimpleUploadedFile("resume.pdf", EXE, content_type="application/pdf"),
    })
    assert r.status_code == 200
    isi = r.content.decode()
    assert "Isi berkas tidak sesuai dengan ekstensinya" in isi
    assert "Resume bab 1" in isi and "Isi resume saya yang panjang" in isi
    assert not Resume.objects.exists()


def test_a_source_document_is_downloaded_only_by_those_who_may_see_it(cast, masuk, penugasan):
    r = masuk(cast.budi).post(url("sumber_tambah", penugasan.pk), {
        "jenis": "dokumen", "judul": "Pedoman ANJAB", "berkas": SimpleUploadedFile("pedoman.pdf", PDF),
    })
    assert r.status_code == 302
    sumber = SumberBelajar.objects.get()
    assert not sumber.berkas.name.endswith("/pedoman.pdf") or "/" in sumber.berkas.name
    r = masuk(cast.sari).get(url("sumber_unduh", sumber.pk))
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    assert masuk(cast.joko).get(url("sumber_unduh", sumber.pk)).status_code == 404
    assert masuk(cast.rina).get(url("sumber_unduh", sumber.pk)).status_code == 404


def test_a_document_source_needs_its_file(cast, masuk, penugasan):
    r = masuk(cast.budi).post(url("sumber_tambah", penugasan.pk), {"jenis": "dokumen", "judul": "Tanpa berkas"})
    assert r.status_code == 200
    assert "wajib diunggah" in r.content.decode() and "Tanpa berkas" in r.content.decode()


def test_budi_approves_several_logs_at_once_and_rejects_one_with_a_reason(cast, masuk, penugasan, hari_ini):
    logs = [_log(penugasan, hari_ini - timedelta(days=i)) for i in range(3)]
    c = masuk(cast.budi)
    r = c.get(url("paraf"))
    assert all(f'value="{lg.pk}"' in r.content.decode() for lg in logs)
    c.post(url("paraf"), {"log": [logs[0].pk, logs[1].pk]})
    r = c.post(url("log_paraf", logs[2].pk), {"aksi": "tolak", "alasan": ""})
    assert LogBelajar.objects.get(pk=logs[2].pk).kegiatan.status == StatusKegiatan.DIAJUKAN
    c.post(url("log_paraf", logs[2].pk), {"aksi": "tolak", "alasan": "Tidak sesuai topik"})
    status = {lg.pk: LogBelajar.objects.get(pk=lg.pk).kegiatan.status for lg in logs}
    assert status == {
        logs[0].pk: StatusKegiatan.DISETUJUI, logs[1].pk: StatusKegiatan.DISETUJUI, logs[2].pk: StatusKegiatan.DITOLAK
    }


def test_budi_assigns_only_his_own_subordinates(cast, masuk, hari_ini):
    c = masuk(cast.budi)
    data = {
        "topik": "Kebijakan kesehatan", "kesenjangan": "Analisis kebijakan", "lingkup": "nasional",
        "mulai": f"{hari_ini:%Y-%m-%d}", "selesai": f"{hari_ini + timedelta(days=30):%Y-%m-%d}", "jp_rencana": "10",
    }
    r = c.post(url("tugaskan"), {**data, "pegawai": cast.joko.pk})
    assert r.status_code == 200 and "Pegawai tidak valid" in r.content.decode()
    kompetensi, _ = Kompetensi.objects.get_or_create(
        kode="uji-bm", defaults={"jenis": "teknis", "nama": "Analisis kebijakan", "definisi": "Uji"}
    )
    r = c.post(url("tugaskan"), {**data, "pegawai": cast.sari.pk, "kompetensi": kompetensi.pk})
    assert r.status_code == 302
    penugasan = PenugasanBelajar.objects.get()
    assert (penugasan.atasan, penugasan.kompetensi) == (cast.budi, kompetensi)
    assert masuk(cast.sari).get(url("tugaskan")).status_code == 403


def test_a_period_ending_before_it_starts_is_refused_with_input_kept(cast, masuk, hari_ini):
    r = masuk(cast.sari).post(url("usulkan"), {
        "topik": "Topik usulan saya", "kesenjangan": "x", "lingkup": "nasional",
        "mulai": f"{hari_ini:%Y-%m-%d}", "selesai": f"{hari_ini - timedelta(days=1):%Y-%m-%d}", "jp_rencana": "4",
    })
    assert r.status_code == 200
    assert "Periode selesai harus sama atau setelah" in r.content.decode()
    assert "Topik usulan saya" in r.content.decode()


def test_resume_page_renders_sanitised_html_and_budi_initials_it(cast, masuk, penugasan):
    resume = services.resume_simpan(
        penugasan=penugasan, oleh=cast.sari, judul="Resume", isi="<p>Ini <b>tebal</b></p><img src=x onerror=alert(1)>"
    )
    r = masuk(cast.budi).get(url("resume", resume.pk))
    assert "<b>tebal</b>" in r.content.decode() and "onerror" not in r.content.decode()
    masuk(cast.budi).post(url("resume_paraf", resume.pk), {"aksi": "setujui"})
    resume.refresh_from_db()
    assert resume.status == Resume.Status.DIPARAF
    assert masuk(cast.joko).get(url("resume", resume.pk)).status_code == 404


def test_lists_keep_a_fixed_number_of_queries(cast, masuk, buat_penugasan, hari_ini, django_assert_max_num_queries):
    for i in range(12):
        p = buat_penugasan(topik=f"Topik {i}")
        _log(p, hari_ini - timedelta(days=i), materi=f"Materi {i}")
    services.resume_simpan(penugasan=p, oleh=cast.sari, judul="R", isi="isi")
    c = masuk(cast.budi)
    for nama in ("tim", "paraf"):
        with django_assert_max_num_queries(16):
            r = c.get(url(nama))
        assert r.status_code == 200
        assert "Topik 11" in r.content.decode() or "Materi 11" in r.content.decode()
    c = masuk(cast.sari)
    for alamat in (url("beranda"), url("kalender"), url("detail", p.pk), url("resume_saya")):
        with django_assert_max_num_queries(16):
            assert c.get(alamat).status_code == 200


def test_calendar_page_shows_counted_and_logged(cast, masuk, penugasan, hari_ini):
    a = _log(penugasan, hari_ini, "2", "Bab 1")
    _log(penugasan, hari_ini, "1", "Bab 2")
    services.log_paraf_banyak(log_ids=LogBelajar.objects.values_list("pk", flat=True), oleh=cast.budi)
    r = masuk(cast.sari).get(url("kalender") + f"?bulan={hari_ini:%Y-%m}")
    sel = f'data-tanggal="{hari_ini:%Y-%m-%d}">'
    assert sel + '<span title="JP tercatat">3</span> / <strong title="JP dihitung">2</strong>' in r.content.decode()
    assert a.pk


def test_the_saved_log_message_states_the_days_total_including_it(cast, masuk, penugasan, hari_ini):
    _log(penugasan, hari_ini, "1", "Bab 1")
    data = {"tanggal": f"{hari_ini:%Y-%m-%d}", "jp_belajar": "1", "materi": "Bab 2", "aksi": "simpan"}
    r = masuk(cast.sari).post(url("log_catat", penugasan.pk), data, follow=True)
    isi = r.content.decode()
    assert "Hari ini tercatat 2 JP belajar mandiri, termasuk log ini" in isi
    assert "2 JP menunggu paraf" in isi


def test_the_paraf_desk_shows_the_credit_and_the_days_cap(
    cast, masuk, penugasan, hari_ini, django_assert_max_num_queries
):
    _log(penugasan, hari_ini, "2", "Bab 1")
    _log(penugasan, hari_ini, "1", "Bab 2")
    c = masuk(cast.budi)
    with django_assert_max_num_queries(25):
        isi = c.get(url("paraf")).content.decode()
    assert "Dihitung bila diparaf" in isi and "dibatasi" in isi
    assert "Jika diparaf sekarang" not in isi
