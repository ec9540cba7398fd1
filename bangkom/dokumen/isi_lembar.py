"""What every printed activity sheet shows, whichever variant prints it — the issued electronic
sheet (`lembar`) or the blank form for handwritten paraf (`paraf_basah`): the titles of each kind,
the ledger rows a sheet covers, the letterhead, the employee's identity, the rows of the table and
the signature blocks that name every pembimbing (the decision is in `lembar`'s docstring).

A row of the electronic sheet says who stood behind its activity (two-party confirmation): the
pembimbing whose paraf it carries (and who initialled it, when someone else did), who logged it and
who confirmed it — the participant's confirmation when the pembimbing logged the session; logging
it is the confirmation when the participant did. A self-study log is logged by the employee and
confirmed by the supervisor's paraf."""
from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import filetype
from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from bangkom.lib.angka import format_jp
from bangkom.lib.cetak import bersihkan as bersihkan_cetak
from bangkom.lib.tanggal import hari_tanggal, periode
from bangkom.pegawai.models import Pegawai, PerangkatDaerah
from bangkom.sesi.models import Konfirmasi, Paraf, PesertaSesi
from bangkom.sesi.selectors import peserta_per_kegiatan
from jp_conversion.models import Kegiatan, StatusKegiatan

from .models import JenisLembar

NOL = Decimal("0")
JENIS = tuple(JenisLembar.values)


@dataclass(frozen=True)
class Judul:
    tabel: str
    kolom_materi: str
    kolom_paraf: str
    peran_pembimbing: str
    jp_belajar: bool  # self-study prints the JP studied beside the material


JUDUL = {
    "coaching": Judul("Tabel Kegiatan Coaching", "Materi Bimbingan", "Paraf Pembimbing", "Pembimbing", False),
    "mentoring": Judul("Tabel Kegiatan Mentoring", "Materi Bimbingan", "Paraf Pembimbing", "Pembimbing", False),
    "belajar_mandiri": Judul(
        "Tabel Kegiatan Belajar Mandiri", "Materi/Sumber Belajar", "Paraf Atasan", "Atasan", True
    ),
}
LABEL_STATUS: dict[str, str] = {
    StatusKegiatan.DIAJUKAN: "MENUNGGU PARAF",
    StatusKegiatan.DITOLAK: "DITOLAK",
}


def periode_tahun(tahun: int) -> tuple[date, date]:
    return date(tahun, 1, 1), date(tahun, 12, 31)


def nama_berkas_lembar(awalan: str, *, pegawai: Pegawai, jenis: str, mulai: date, selesai: date,
                       akhiran: str = "") -> str:
    """A sheet's PDF file name: kind, NIP and the period (the year when it is a whole year)."""
    per = str(mulai.year) if (mulai, selesai) == periode_tahun(mulai.year) else f"{mulai:%Y%m%d}-{selesai:%Y%m%d}"
    return f"{awalan}-{jenis.replace('_', '-')}-{pegawai.nip}-{per}{akhiran}.pdf"


def cek_jenis(jenis: str) -> None:
    if jenis not in JENIS:
        raise ValueError(f"Jenis lembar tidak dikenal: {jenis!r}. Pilih: {', '.join(JENIS)}.")


def kegiatan_lembar(*, pegawai: Pegawai, jenis: str, mulai: date, selesai: date, internal: bool = False) -> QuerySet:
    """The ledger rows a sheet prints: approved ones only, unless it is an internal review copy."""
    cek_jenis(jenis)
    qs = Kegiatan.objects.filter(pegawai=pegawai, jenis=jenis, tanggal__gte=mulai, tanggal__lte=selesai)
    if not internal:
        qs = qs.filter(status=StatusKegiatan.DISETUJUI)
    return qs.select_related("pegawai", "pembimbing", "diparaf_oleh").order_by("tanggal", "mulai", "pk")


def data_uri(field_file) -> str:
    """A configured letterhead logo as a data URI (empty when none or unreadable)."""
    if not field_file:
        return ""
    try:
        with field_file.open("rb") as f:
            isi = f.read()
    except (OSError, ValueError):
        return ""
    mime = "image/svg+xml" if Path(field_file.name).suffix.lower() == ".svg" else filetype.guess_mime(isi)
    if not mime or not mime.startswith("image/"):
        return ""
    return f"data:{mime};base64,{base64.b64encode(isi).decode()}"


def kop(opd: PerangkatDaerah) -> dict:
    """The letterhead (`dokumen/_kop.html`): province, OPD, address, the OPD's logo or the province's."""
    instansi = opd.instansi
    return {
        "instansi": instansi.nama,
        "opd": opd.nama,
        "alamat": opd.alamat or instansi.alamat,
        "logo": data_uri(opd.logo) or data_uri(instansi.logo),
    }


def identitas(pegawai: Pegawai) -> dict:
    return {
        "nama": pegawai.nama_lengkap,
        "nip": pegawai.nip,
        "label_nip": "NI PPPK" if pegawai.jenis_asn == Pegawai.JenisASN.PPPK else "NIP",
        "jabatan": pegawai.jabatan.nama,
        "pangkat": " ".join(x for x in (pegawai.pangkat, f"({pegawai.golongan})" if pegawai.golongan else "") if x),
        "unit": pegawai.unit.nama,
        "opd": pegawai.opd.nama,
    }


def blok(peran: str, orang: Pegawai | None, tempat: str, tanggal: str) -> dict:
    return {
        "peran": peran,
        "nama": orang.nama_lengkap if orang else "",
        "nip": orang.nip if orang else "",
        "tempat": tempat,
        "tanggal": tanggal,
    }


def daftar_pembimbing(kegiatan: Sequence[Kegiatan]) -> list[Pegawai]:
    """Every pembimbing of these activities, most sessions first, then the earliest session."""
    hitung = Counter(k.pembimbing_id for k in kegiatan if k.pembimbing_id)
    urutan: dict[int, tuple[int, int, Pegawai]] = {}
    for i, k in enumerate(kegiatan):
        if k.pembimbing is not None and k.pembimbing.pk not in urutan:
            urutan[k.pembimbing.pk] = (-hitung[k.pembimbing.pk], i, k.pembimbing)
    return [p for _, _, p in sorted(urutan.values(), key=lambda t: t[:2])]


def blok_pembimbing(peran: str, daftar: list[Pegawai], cadangan: Pegawai | None, tempat: str, tanggal: str) -> dict:
    """The one Pembimbing/Atasan block, listing every pembimbing (the supervisor when none)."""
    orang = daftar or ([cadangan] if cadangan else [])
    hasil = blok(peran, orang[0] if orang else None, tempat, tanggal)
    hasil["daftar"] = [{"nama": o.nama_lengkap, "nip": o.nip} for o in orang]
    return hasil


def bingkai(*, pegawai: Pegawai, jenis: str, mulai: date, selesai: date, pembimbing: list[Pegawai],
            tempat: str = "", tanggal: str = "") -> dict:
    """What frames a sheet's rows in every variant: its title, the letterhead, the employee, the
    period and the three signature blocks (pembimbing, participant, kepala), dated when issued."""
    judul = JUDUL[jenis]
    return {
        "judul": judul,
        "kop": kop(pegawai.opd),
        "pegawai": identitas(pegawai),
        "periode": periode(mulai, selesai),
        "pembimbing": blok_pembimbing(judul.peran_pembimbing, pembimbing, pegawai.atasan, tempat, tanggal),
        "peserta": blok("Peserta", pegawai, tempat, tanggal),
        "kepala": blok("Kepala Perangkat Daerah", pegawai.opd.kepala, tempat, tanggal),
    }


def waktu_pendek(dt: datetime) -> str:
    lokal = timezone.localtime(dt)
    return f"{lokal:%d-%m-%Y %H.%M}"


def jp_teks(nilai: Decimal | None) -> str:
    return format_jp(nilai, kosong="-")


def pencatatan(k: Kegiatan, ps: PesertaSesi | None) -> dict:
    """Who logged the activity and who confirmed it (the other side is the paraf column)."""
    if ps is None:
        # A self-study log is the employee's own entry; an activity with no session behind it
        # (recorded before sessions existed) names nobody.
        dicatat = k.pegawai.nama_lengkap if k.jenis == "belajar_mandiri" else ""
        return {"dicatat": dicatat, "dikonfirmasi": "", "dikonfirmasi_waktu": "", "konfirmasi_status": ""}
    dikonfirmasi = ps.konfirmasi == Konfirmasi.DIKONFIRMASI
    return {
        "dicatat": ps.sesi.dicatat_oleh.nama_lengkap,
        "dikonfirmasi": ps.pegawai.nama_lengkap if dikonfirmasi else "",
        "dikonfirmasi_waktu": waktu_pendek(ps.dikonfirmasi_pada) if dikonfirmasi and ps.dikonfirmasi_pada else "",
        "konfirmasi_status": "" if dikonfirmasi else ps.get_konfirmasi_display().upper(),
    }


def baris_lembar(kegiatan: Sequence[Kegiatan]) -> list[dict]:
    """The table rows of the electronic sheet: date, material, JP, the paraf (and its pembimbing)
    and who logged and confirmed each one (two queries for any number of rows)."""
    sesi = peserta_per_kegiatan(k.pk for k in kegiatan)
    baris = []
    for no, k in enumerate(kegiatan, start=1):
        disetujui = k.status == StatusKegiatan.DISETUJUI
        ps = sesi.get(k.pk)
        status = LABEL_STATUS.get(k.status, "")
        if ps is not None and ps.paraf == Paraf.DIPARAF and k.status == StatusKegiatan.DIAJUKAN:
            status = "DIPARAF, MENUNGGU KONFIRMASI"  # an internal copy: the participant has not confirmed yet
        baris.append({
            "no": no,
            "hari_tanggal": hari_tanggal(k.tanggal),
            "materi": k.materi,
            "jp_belajar": jp_teks(k.jp_belajar),
            "jp": jp_teks(k.jp) if disetujui else "-",
            "dihitung": disetujui and k.dihitung,
            "alasan": "" if (not disetujui or k.dihitung) else k.alasan,
            "paraf_nama": k.diparaf_oleh.nama_lengkap if (disetujui and k.diparaf_oleh) else "",
            "pembimbing": k.pembimbing.nama_lengkap if k.pembimbing is not None else "",
            "diparaf_orang_lain": bool(disetujui and k.diparaf_oleh_id and k.diparaf_oleh_id != k.pembimbing_id),
            "paraf_waktu": waktu_pendek(k.diparaf_pada) if (disetujui and k.diparaf_pada) else "",
            "status": status,
            "alasan_status": k.alasan_status if not disetujui else "",
            **pencatatan(k, ps),
        })
    return baris


def cetak_pdf(templat: str, data: dict) -> bytes:
    """A sheet's template rendered to PDF bytes (WeasyPrint), unsigned."""
    from weasyprint import HTML

    html = bersihkan_cetak(render_to_string(templat, data))  # no bidi controls, no tofu
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
