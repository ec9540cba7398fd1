"""Demo mentoring: Sari asked Rina early in the year (accepted; sessions in several
months, one month with three so one is not counted, most initialled, the latest still waiting),
about twenty other requests (waiting, accepted, declined, one paused, one finished, one
re-matched), one group session, and a few evaluations. Everything goes through the services, so
credits, guards and history are real; keyed by (pemohon, topik) so a second run changes nothing."""
from __future__ import annotations

from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from bangkom.pegawai.models import Mentor, Pegawai
from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.models import IndikatorEvaluasi, Sesi
from bangkom.sesi.services import evaluasi_simpan, sesi_konfirmasi, sesi_paraf

from . import services
from .models import PermintaanMentoring
from .saran import mentor_layak

Status = PermintaanMentoring.Status
TOPIK = [
    "Penyusunan analisis beban kerja", "Pengelolaan data kepegawaian", "Penyusunan rencana strategis",
    "Evaluasi program kerja", "Pengelolaan arsip digital", "Penyusunan SOP pelayanan",
    "Analisis kebijakan daerah", "Pengelolaan anggaran kegiatan", "Pelaporan kinerja instansi",
    "Manajemen proyek infrastruktur",
]


def _tgl(k, bulan: int, hari: int) -> date:
    return min(date(k.tahun, bulan, hari), timezone.localdate() - timedelta(days=1))


def _minta(k, pemohon, mentor, topik, *, tanggal, format="satu_satu", kesenjangan="") -> PermintaanMentoring:
    ada = PermintaanMentoring.objects.filter(pemohon=pemohon, topik=topik).order_by("pk").first()
    if ada is not None:
        return ada
    return services.permintaan_ajukan(pemohon=pemohon, mentor=mentor, topik=topik, kesenjangan=kesenjangan,
                                      format=format, hari_ini=tanggal)


def _terima(p, *, tanggal, aspek, rencana="Dua kali sebulan, tatap muka"):
    if p.status != Status.DIAJUKAN:
        return p
    return services.permintaan_terima(permintaan=p, oleh=p.mentor, aspek=aspek, rencana_pertemuan=rencana,
                                      tanggal_mulai=tanggal, hari_ini=tanggal)


def _sesi(p, tanggal, materi, *, paraf=True, jam=15, lingkup="nasional", peserta_lain=()) -> Sesi | None:
    sesi = p.sesi.filter(materi=materi).first()
    if sesi is None:
        for geser in range(4):  # another workflow's demo may already hold that hour: try the next day
            try:
                sesi = services.mentoring_sesi_catat(
                    permintaan=p, oleh=p.mentor, peserta_lain=list(peserta_lain),
                    isi=IsiSesi(
                        tanggal=tanggal + timedelta(days=geser), mulai=time(jam), selesai=time(jam, 45), materi=materi,
                        lingkup=lingkup, catatan_pelaksanaan=f"Diskusi {materi.lower()}.",
                        tindak_lanjut="Menyusun draf dan membahasnya.",
                    ),
                )
                break
            except ValidationError:
                continue
    if sesi is not None and paraf:
        for ps in sesi.peserta.select_related("pegawai"):  # two-party confirmation: each mentee confirms
            sesi_konfirmasi(sesi=sesi, oleh=ps.pegawai, setuju=True)
        sesi_paraf(sesi=sesi, oleh=p.mentor, setuju=True)
    return sesi


def _evaluasi(p, penilai, skala, dasar: int) -> None:
    if p.evaluasi.filter(skala=skala, penilai=penilai).exists():
        return
    indikator = IndikatorEvaluasi.objects.filter(skala=skala, aktif=True).order_by("urutan", "pk")
    skor = {i.pk: min(5, max(1, dasar + (n % 2))) for n, i in enumerate(indikator)}
    evaluasi_simpan(skala=skala, induk=p, jenis="mentoring", pembimbing=p.mentor, peserta=p.pemohon,
                    penilai=penilai, skor=skor, catatan="Bimbingan membantu pekerjaan sehari-hari.")


def isi(k) -> None:
    sari, rina, budi = k.pemeran["sari"], k.pemeran["rina"], k.pemeran["budi"]
    hari_ini = timezone.localdate()

    # Sari → Rina: accepted in January; sessions through the year, three in March (one not counted).
    utama = _minta(k, sari, rina, "Penyusunan analisis jabatan dan beban kerja", tanggal=_tgl(k, 1, 6),
                   kesenjangan="Kompetensi teknis analisis jabatan: level 2, standar jabatan level 3.")
    utama = _terima(utama, tanggal=_tgl(k, 1, 9),
                    aspek="Metode analisis jabatan, perhitungan beban kerja, penyusunan peta jabatan.",
                    rencana="Dua kali sebulan, Selasa pukul 15.00, ruang rapat Seksi Pelayanan 2.")
    jadwal = [(2, 4, "Pengantar analisis jabatan"), (2, 18, "Uraian tugas dan hasil kerja"),
              (3, 4, "Perhitungan beban kerja"), (3, 11, "Norma waktu dan volume kerja"),
              (3, 25, "Evaluasi jabatan"), (5, 6, "Peta jabatan"), (7, 8, "Studi kasus puskesmas"),
              (9, 9, "Presentasi hasil ABK"), (10, 14, "Penyempurnaan dokumen ABK"),
              (11, 4, "Rencana tindak lanjut")]
    for n, (bulan, hari, materi) in enumerate(jadwal):
        tanggal = _tgl(k, bulan, hari)
        if tanggal < utama.tanggal_mulai:
            continue
        _sesi(utama, tanggal, materi, paraf=n < len(jadwal) - 2,
              lingkup="internasional" if materi == "Studi kasus puskesmas" else "nasional")
    _evaluasi(utama, sari, "manfaat", 4)
    _evaluasi(utama, budi, "kontribusi", 4)

    # About twenty others, deterministic by NIP: staff of the three OPDs nearest the cast.
    staf = list(
        Pegawai.objects.filter(aktif=True, jabatan__tingkat__lte=2, opd__kode__in=["DINKES", "BAPPEDA", "DISDIK"])
        .exclude(pk__in=[p.pk for p in k.pemeran.values()]).select_related("jabatan", "atasan__atasan__jabatan",
                                                                             "atasan__jabatan")
        .order_by("nip")[:21]
    )
    terdaftar = {m.pegawai_id for m in Mentor.objects.filter(aktif=True)}
    kelompok = []
    for n, pegawai in enumerate(staf):
        calon = [m for m in mentor_layak(pegawai).filter(pk__in=terdaftar | {rina.pk})[:6]]
        if pegawai.atasan is not None:
            calon.append(pegawai.atasan)
        mentor = rina if n < 4 else calon[n % len(calon)]
        bulan = 2 + n % 9
        tanggal = _tgl(k, bulan, 3 + n)
        jenis = n % 7
        topik = TOPIK[n % len(TOPIK)]
        fmt = "kelompok" if n in (1, 2) else ("sesama" if jenis == 5 else "satu_satu")
        p = _minta(k, pegawai, mentor, topik, tanggal=tanggal, format=fmt)
        if jenis in (0, 1, 5) or n in (1, 2):  # accepted
            p = _terima(p, tanggal=tanggal + timedelta(days=2), aspek=f"{topik}: konsep, praktik, evaluasi.")
            if p.status == Status.DITERIMA and p.tanggal_mulai + timedelta(days=10) < hari_ini:
                _sesi(p, p.tanggal_mulai + timedelta(days=7), f"{topik} — pertemuan 1", jam=14)
            if n in (1, 2):
                kelompok.append(p)
        elif jenis == 2 and p.status == Status.DIAJUKAN:  # declined
            services.permintaan_tolak(permintaan=p, oleh=p.mentor, alasan="Jadwal saya penuh sampai akhir tahun.",
                                      hari_ini=tanggal + timedelta(days=3))
        elif jenis == 3 and n == 3 and p.status == Status.DIAJUKAN:  # paused
            p = _terima(p, tanggal=tanggal + timedelta(days=1), aspek="Pengelolaan arsip digital.")
            services.permintaan_jeda(permintaan=p, oleh=p.pemohon, alasan="Mengikuti pelatihan dasar dua bulan.")
        elif jenis == 4 and p.status == Status.DIAJUKAN and n == 4:  # finished
            p = _terima(p, tanggal=tanggal + timedelta(days=1), aspek="Analisis kebijakan.")
            services.permintaan_akhiri(permintaan=p, oleh=p.mentor, alasan="Tujuan tercapai.", tuntas=True,
                                       hari_ini=min(tanggal + timedelta(days=60), hari_ini))
        elif jenis == 6 and n == 6 and p.status == Status.DIAJUKAN and mentor != rina:  # re-matched by BPSDM
            services.permintaan_alihkan(permintaan=p, oleh=k.pemeran["dewi"], mentor_baru=rina,
                                        alasan="Mentor awal mutasi.", hari_ini=min(tanggal + timedelta(days=15),
                                                                                   hari_ini))
        # the rest stay waiting (some for more than 14 days: the reminder offers other mentors)

    # One group session: Rina with her two group mentees.
    if len(kelompok) == 2 and all(p.status == Status.DITERIMA and p.mentor == rina for p in kelompok):
        awal = max(p.tanggal_mulai for p in kelompok)
        tanggal = min(awal + timedelta(days=14), hari_ini - timedelta(days=1))
        if tanggal >= awal:
            _sesi(kelompok[0], tanggal, "Mentoring kelompok: berbagi praktik baik", jam=10,
                  peserta_lain=[kelompok[1].pemohon])
            for p in kelompok:
                _evaluasi(p, p.pemohon, "manfaat", 3)
