"""Print variant "formulir kosong untuk paraf basah" (Panduan Langsa §G–I), for agencies that still
sign on paper: the exact Langsa layout (Nama, NIP, Jabatan; No | Hari, Tanggal | Materi Bimbingan |
Paraf Pembimbing — Paraf Atasan for self-study — with every paraf cell blank; the three signature
blocks). Its rows are the period's recorded activities that were not rejected, then empty numbered
rows to write by hand. It is neither issued nor signed nor recorded (no code, no QR), and it says on
its face that it is a form to be signed by hand, not a proof of JP (the issued sheet is `lembar`)."""
from __future__ import annotations

from datetime import date

from bangkom.lib.tanggal import hari_tanggal
from bangkom.pegawai.models import Pegawai
from jp_conversion.models import StatusKegiatan

from .isi_lembar import (
    bingkai,
    cek_jenis,
    cetak_pdf,
    daftar_pembimbing,
    kegiatan_lembar,
    nama_berkas_lembar,
)

BARIS_KOSONG_MIN = 4  # the Langsa form prints four numbered empty rows
BARIS_KOSONG_TAMBAHAN = 4  # room to write the sessions still to come


def formulir_paraf_basah_data(*, pegawai: Pegawai, jenis: str, mulai: date, selesai: date) -> dict:
    """The Langsa blank form: rows prefilled with the period's recorded activities (not rejected),
    then empty numbered rows; every paraf cell blank; the signature blocks with the names known."""
    cek_jenis(jenis)
    kegiatan = [
        k for k in kegiatan_lembar(pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai, internal=True)
        if k.status != StatusKegiatan.DITOLAK
    ]
    baris: list[dict] = [
        {"no": no, "hari_tanggal": hari_tanggal(k.tanggal), "materi": k.materi,
         "pembimbing": k.pembimbing.nama_lengkap if k.pembimbing_id else ""}
        for no, k in enumerate(kegiatan, start=1)
    ]
    kosong = max(BARIS_KOSONG_MIN - len(baris), BARIS_KOSONG_TAMBAHAN)
    baris += [{"no": len(baris) + i, "hari_tanggal": "", "materi": "", "pembimbing": ""} for i in range(1, kosong + 1)]
    data = bingkai(pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai, pembimbing=daftar_pembimbing(kegiatan))
    return {**data, "kolom_paraf": data["judul"].kolom_paraf, "baris": baris}


def formulir_paraf_basah_pdf(*, pegawai: Pegawai, jenis: str, mulai: date, selesai: date) -> bytes:
    """The blank form as PDF: unsigned, not issued, not recorded."""
    data = formulir_paraf_basah_data(pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai)
    return cetak_pdf("dokumen/lembar_paraf_basah.html", data)


def nama_berkas_paraf_basah(*, pegawai: Pegawai, jenis: str, mulai: date, selesai: date) -> str:
    return nama_berkas_lembar("formulir-paraf-basah", pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai)
