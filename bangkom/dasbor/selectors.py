"""Dashboard-only reads (the compliance numbers themselves live in `jp_conversion.selectors`).
Each takes the person or OPD the caller already obtained through `akses`."""
from __future__ import annotations

from django.db.models import QuerySet

from bangkom.dokumen.models import ProsesEkspor
from bangkom.kompetensi.selectors import kesenjangan_untuk
from bangkom.notifikasi.models import Notifikasi
from bangkom.pegawai.models import Mentor, Pegawai, PerangkatDaerah, RiwayatImpor
from coaching.models import KesepakatanCoaching
from jp_conversion import perencana
from jp_conversion.models import Kegiatan
from jp_conversion.selectors import menunggu_paraf
from mentoring.models import PermintaanMentoring


def notifikasi_belum_dibaca(*, pegawai: Pegawai, batas: int = 5) -> list[Notifikasi]:
    return list(Notifikasi.objects.filter(penerima=pegawai, dibaca=False).order_by("-dibuat")[:batas])


def kegiatan_saya(*, pegawai: Pegawai, tahun: int, status: str, batas: int = 10) -> list[Kegiatan]:
    return list(
        Kegiatan.objects.filter(pegawai=pegawai, tahun=tahun, status=status)
        .select_related("pembimbing").order_by("-tanggal", "-pk")[:batas]
    )


def permintaan_mentor(*, mentor: Pegawai, status: str) -> QuerySet[PermintaanMentoring]:
    return (
        PermintaanMentoring.objects.filter(mentor=mentor, status=status)
        .select_related("pemohon", "pemohon__jabatan", "pemohon__opd").order_by("-dibuat")
    )


def coaching_siap_sesi(*, coach: Pegawai, batas: int = 10) -> list[KesepakatanCoaching]:
    """The coach's running, acknowledged agreements: each gets a "Catat sesi" button on the team
    dashboard, so logging a session is one tap from the home page."""
    return list(
        KesepakatanCoaching.objects.filter(atasan=coach, status=KesepakatanCoaching.Status.BERJALAN,
                                           diakui_pada__isnull=False)
        .select_related("pegawai").order_by("pegawai__nama", "pk")[:batas]
    )


def sesi_mentoring_menunggu(*, mentor: Pegawai) -> QuerySet[Kegiatan]:
    return menunggu_paraf(pembimbing=mentor).filter(jenis="mentoring")


def jumlah_coach_bersertifikat(*, opd: PerangkatDaerah | None = None) -> int:
    """Active registered mentors/coaches with a certification (RULES §6: few certified coaches)."""
    qs = Mentor.objects.filter(aktif=True, pegawai__aktif=True).exclude(sertifikasi="")
    if opd is not None:
        qs = qs.filter(pegawai__opd=opd)
    return qs.count()


def impor_terakhir(*, batas: int = 5) -> list[RiwayatImpor]:
    return list(RiwayatImpor.objects.select_related("oleh__pegawai")[:batas])


def ekspor_terakhir(*, batas: int = 5) -> list[ProsesEkspor]:
    """The latest export jobs of every kind (activity-sheet ZIPs and compliance reports), for BPSDM."""
    return list(ProsesEkspor.objects.select_related("diminta_oleh__pegawai", "opd", "unit")[:batas])


def rencana_pegawai(*, pegawai: Pegawai, tahun: int, target, total, hari_ini) -> perencana.Rencana:
    """The planner's advice from the year's counted coaching/mentoring sessions (one query)."""
    terpakai = perencana.sesi_terpakai(
        Kegiatan.objects.filter(pegawai=pegawai, tahun=tahun, dihitung=True, jenis__in=perencana.JENIS_SESI)
        .values_list("jenis", "tanggal")
    )
    return perencana.rencana(tahun=tahun, hari_ini=hari_ini, target=target, total=total, terpakai=terpakai)


def jumlah_kesenjangan(qs_pegawai: QuerySet[Pegawai]) -> dict[int, int]:
    """Open competency gaps per employee (`kesenjangan_untuk`, a fixed number of queries)."""
    return {k.pegawai.pk: len(k.kesenjangan) for k in kesenjangan_untuk(qs_pegawai)}
