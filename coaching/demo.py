"""Demo coaching: Budi coaches Sari through the year (sessions most months, some months over the
cap, one international, a rejected one, the current month's waiting for paraf), about fifteen other
supervisors each coach one subordinate, and some coachees and supervisors rate their coaching.
Everything goes through the services (so credits are the ledger's), dates are never after today,
and a second run changes nothing: agreements are keyed by (atasan, pegawai, tujuan), a session
with the same date and topic is not logged twice, evaluations already given are left alone."""
from __future__ import annotations

from datetime import date, time, timedelta
from functools import partial
from unittest import mock

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone

from bangkom.notifikasi.services import notifikasi_kirim
from bangkom.pegawai.models import Mentor, Pegawai
from bangkom.sesi.kontrak import IsiSesi
from bangkom.sesi.models import IndikatorEvaluasi, Sesi
from bangkom.sesi.services import evaluasi_simpan, sesi_konfirmasi, sesi_paraf

from . import services
from .models import KesepakatanCoaching, PenunjukanCoach

MATERI = [
    "Menyepakati kerangka laporan kinerja", "Membaca capaian indikator kinerja", "Menyusun narasi analisis capaian",
    "Mengurai kendala pengumpulan data", "Menetapkan langkah perbaikan", "Meninjau draf bab capaian kinerja",
    "Menyusun rencana aksi triwulan", "Memeriksa konsistensi data dukung", "Latihan paparan hasil kinerja",
    "Umpan balik atas paparan", "Merumuskan inovasi layanan", "Refleksi dan tindak lanjut",
]
TOPIK_LAIN = [
    ("Penyusunan SKP dan rencana aksi", "Dokumen SKP tersusun dan disepakati tepat waktu"),
    ("Penatausahaan arsip dinamis", "Arsip unit tertata sesuai klasifikasi"),
    ("Pelayanan pengaduan masyarakat", "Pengaduan ditindaklanjuti paling lambat 3 hari kerja"),
    ("Penyusunan telaahan staf", "Telaahan staf ringkas dan siap diputuskan pimpinan"),
    ("Pengelolaan data kepegawaian", "Data kepegawaian unit mutakhir setiap bulan"),
]


def _kesepakatan(*, atasan, pegawai, tujuan, **data) -> KesepakatanCoaching:
    k = KesepakatanCoaching.objects.filter(atasan=atasan, pegawai=pegawai, tujuan=tujuan).first()
    return k or services.kesepakatan_buat(atasan=atasan, pegawai=pegawai, tujuan=tujuan, **data)


def _isi_sesi(tanggal: date, jam: int, materi: str, lingkup: str = "nasional") -> IsiSesi:
    return IsiSesi(
        tanggal=tanggal, mulai=time(jam), selesai=time(jam, 45), materi=materi, lingkup=lingkup,
        mode=Sesi.Mode.TATAP_MUKA if jam < 14 else Sesi.Mode.DARING,
        catatan_pra="Coachee menyiapkan data dan pertanyaan.",
        catatan_pelaksanaan=f"Dibahas: {materi.lower()}.", catatan_pasca="Coachee merangkum hasil diskusi.",
        tindak_lanjut="Draf perbaikan diserahkan pada sesi berikutnya.",
    )


def _sesi(k: KesepakatanCoaching, tanggal: date, jam: int, materi: str, *, paraf: bool | None = True,
          alasan: str = "", lingkup: str = "nasional", hari_ini: date) -> None:
    """Log one session unless it exists; paraf True = initialled, False = rejected, None = waiting."""
    if tanggal > hari_ini or not k.mulai <= tanggal <= k.selesai:
        return
    sesi = k.sesi.filter(tanggal=tanggal, materi=materi).first()
    if sesi is None:
        if not k.menerima_sesi:
            return
        try:
            sesi = services.coaching_sesi_catat(
                kesepakatan=k, oleh=k.atasan, isi=_isi_sesi(tanggal, jam, materi, lingkup)
            )
        except ValidationError:
            return  # clashes with an activity another demo step recorded for the employee that day
    if paraf:  # two-party confirmation: the coachee stood behind the initialled ones
        sesi_konfirmasi(sesi=sesi, oleh=k.pegawai, setuju=True)
    if paraf is not None:
        sesi_paraf(sesi=sesi, oleh=k.atasan, setuju=paraf, alasan=alasan)


# (days before today, who logs it, what the coachee does): whatever today's date, each queue of the
# guide has a row: one Sari confirmed and Budi has yet to initial, one Sari logged herself (waiting
# for Budi's paraf) and one Budi logged that Sari disputed.
TERKINI = [
    (1, "atasan", "konfirmasi", "Meninjau capaian indikator bulan berjalan"),
    (3, "pegawai", None, "Membahas data dukung yang belum lengkap"),
    (5, "atasan", "sanggah", "Simulasi paparan capaian kinerja"),
]


def _sesi_terkini(k: KesepakatanCoaching, hari_ini: date) -> None:
    """The sessions of TERKINI, dated back from today (or the agreement's end); each one once, keyed
    by its topic, so a later run on another day adds nothing."""
    akhir = min(hari_ini, k.selesai)
    for mundur, pencatat, tanggapan, materi in TERKINI:
        tanggal = akhir - timedelta(days=mundur)
        if tanggal < k.mulai or k.sesi.filter(materi=materi).exists():
            continue
        try:
            sesi = services.coaching_sesi_catat(
                kesepakatan=k, oleh=k.atasan if pencatat == "atasan" else k.pegawai, isi=_isi_sesi(tanggal, 10, materi)
            )
        except ValidationError:
            continue  # clashes with another activity of the employee that day
        if tanggapan == "konfirmasi":
            sesi_konfirmasi(sesi=sesi, oleh=k.pegawai, setuju=True)
        elif tanggapan == "sanggah":
            sesi_konfirmasi(sesi=sesi, oleh=k.pegawai, setuju=False,
                            alasan="Sesi hari itu dibatalkan; kami hanya berdiskusi singkat lewat telepon.")


def _nilai(k: KesepakatanCoaching, skala: str, penilai: Pegawai, geser: int) -> None:
    if k.evaluasi.filter(skala=skala, penilai=penilai).exists():
        return
    indikator = IndikatorEvaluasi.objects.filter(skala=skala, aktif=True)
    skor = {i.pk: 3 + (geser + n) % 3 for n, i in enumerate(indikator)}
    evaluasi_simpan(skala=skala, induk=k, jenis="coaching", pembimbing=k.atasan, peserta=k.pegawai,
                    penilai=penilai, skor=skor, catatan="Coaching membantu menyelesaikan pekerjaan." if geser else "")


def isi(k) -> None:
    # Demo notices stay in-app: mailing hundreds of them to the console would bury the login list.
    with mock.patch.object(services, "notifikasi_kirim", partial(notifikasi_kirim, email=False)):
        _isi(k)


def _isi(k) -> None:
    hari_ini = timezone.localdate()
    tahun = k.tahun
    budi, sari = k.pemeran["budi"], k.pemeran["sari"]
    utama = _kesepakatan(
        atasan=budi, pegawai=sari, tujuan="Laporan kinerja bidang pelayanan tersusun tepat waktu dan sesuai format",
        kegiatan="Penyusunan Laporan Kinerja Instansi Pemerintah (LKjIP) bidang pelayanan kesehatan",
        kesenjangan="Orientasi pada Hasil: level 2, standar jabatan level 3",
        target=(
            "Draf LKjIP triwulanan selesai paling lambat tanggal 10 bulan berikutnya; "
            "revisi tidak lebih dari satu kali."
        ),
        mulai=date(tahun, 1, 6), selesai=date(tahun, 12, 31),
    )
    if not utama.diakui:
        # The service saves a fresh copy: without taking it back, `utama` still reads "not yet
        # acknowledged" and every session below is refused (silently, as a clash).
        utama = services.kesepakatan_akui(kesepakatan=utama, oleh=sari)
    urutan = 0
    for bulan in range(1, 13):
        if bulan == 6:
            continue  # a month without coaching (leave)
        hari = [7, 21] if bulan not in (3, 8) else [5, 12, 19]
        bulan_ini = (tahun, bulan) == (hari_ini.year, hari_ini.month)
        for n, d in enumerate(hari):
            materi = MATERI[urutan % len(MATERI)] + (f" ({bulan}/{n + 1})" if urutan >= len(MATERI) else "")
            urutan += 1
            paraf, alasan = (None, "") if bulan_ini else (True, "")
            if (bulan, n) == (9, 1):
                paraf, alasan = False, "Sesi tidak terlaksana: coachee bertugas ke luar daerah."
            lingkup = "internasional" if (bulan, n) == (5, 0) else "nasional"
            _sesi(utama, date(tahun, bulan, d), 13 + n, materi, paraf=paraf, alasan=alasan, lingkup=lingkup,
                  hari_ini=hari_ini)
    _sesi_terkini(utama, hari_ini)
    _nilai(utama, "manfaat", sari, 1)
    _nilai(utama, "kontribusi", budi, 2)
    _coach_ditunjuk(k, hari_ini)

    # About fifteen other supervisors, each coaching their first subordinate.
    pemeran = {p.pk for p in k.pemeran.values()}
    atasan_lain = (
        Pegawai.objects.filter(aktif=True).exclude(pk__in=pemeran)
        .annotate(n=Count("bawahan")).filter(n__gt=0).order_by("nip")[:15]
    )
    for i, atasan in enumerate(atasan_lain):
        coachee = atasan.bawahan.filter(aktif=True).exclude(pk__in=pemeran).order_by("nip").first()
        if coachee is None:
            continue
        kegiatan, tujuan = TOPIK_LAIN[i % len(TOPIK_LAIN)]
        mulai = date(tahun, 2 + i % 8, 3)
        if mulai > hari_ini:
            continue
        kk = _kesepakatan(
            atasan=atasan, pegawai=coachee, tujuan=tujuan, kegiatan=kegiatan, target=tujuan,
            kesenjangan="Kerjasama: level 1, standar jabatan level 2" if i % 2 else "",
            mulai=mulai, selesai=mulai + timedelta(days=120),
        )
        if i % 4 != 3 and not kk.diakui:
            kk = services.kesepakatan_akui(kesepakatan=kk, oleh=coachee)
        for n in range(4):
            tanggal = mulai + timedelta(days=4 + 14 * n)
            _sesi(kk, tanggal, 9 + n % 2, MATERI[(i + n) % len(MATERI)], paraf=True if n < 3 else None,
                  hari_ini=hari_ini)
        if kk.selesai < hari_ini and kk.menerima_sesi:
            services.kesepakatan_tutup(
                kesepakatan=kk, oleh=atasan, status=KesepakatanCoaching.Status.SELESAI,
                catatan_evaluasi="Tujuan tercapai; target dipenuhi dengan satu kali revisi.",
            )
        if i % 3 == 0:
            _nilai(kk, "manfaat", coachee, i)
        if i % 5 == 0:
            _nilai(kk, "kontribusi", atasan, i + 1)


def _coach_ditunjuk(k, hari_ini: date) -> None:
    """One appointed certified coach: Hasan (kepala Dinkes) appoints the registered certified coach of
    pegawai/demo.py for a Dinkes employee outside the cast, from today to the end of the year; the
    coach opens an agreement. Once per year (an existing appointment of the pair is kept)."""
    profil = (
        Mentor.objects.filter(sertifikasi=Mentor.Sertifikasi.COACH, aktif=True)
        .exclude(pegawai__in=k.pemeran.values()).select_related("pegawai").order_by("pegawai__nip").first()
    )
    hasan = k.pemeran["hasan"]
    if profil is None:
        return
    coach = profil.pegawai
    pemeran = {p.pk for p in k.pemeran.values()}
    coachee = (
        Pegawai.objects.filter(opd=hasan.opd, aktif=True, atasan__isnull=False).exclude(pk__in=pemeran | {coach.pk})
        .exclude(atasan=coach).order_by("nip").first()
    )
    if coachee is None or PenunjukanCoach.objects.filter(coach=coach, pegawai=coachee).exists():
        return
    pn = services.penunjukan_buat(
        oleh=hasan.user, pegawai=coachee, coach=coach, mulai=hari_ini, selesai=date(hari_ini.year, 12, 31),
        alasan="Coach bersertifikat untuk percepatan penyusunan laporan kinerja unit.", hari_ini=hari_ini,
    )
    services.kesepakatan_buat(
        atasan=coach, pegawai=coachee, kegiatan="Penyusunan laporan kinerja unit",
        tujuan="Laporan kinerja unit tersusun tepat waktu", target="Draf laporan selesai sebelum akhir periode",
        mulai=hari_ini, selesai=pn.selesai, hari_ini=hari_ini,
    )
