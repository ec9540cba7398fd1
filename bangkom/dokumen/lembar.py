"""Activity sheets ("Tabel Kegiatan Coaching / Mentoring / Belajar Mandiri", RULES §4, Panduan
Langsa §G–I): the data read from the ledger, the PDF (WeasyPrint), and the issue record that the
QR code on the sheet points to.

- `lembar_data(...)`: pure data for the template (header, rows, totals, signature blocks);
- `lembar_pdf(...)`: the PDF bytes (unsigned, not recorded: previews and tests);
- `lembar_terbitkan(...)`: records a `LembarTerbit`, renders it with its code, signs it (the
  demo identity by default, the agency's certificate in production) and records version 1 with
  the SHA-256 of the final bytes. Every download goes here;
- `versi_tambah(...)`: a later version of the PDF (the kepala's countersignature);
- `sidik_kegiatan(...)` / `lembar_masih_berlaku(lembar)` / `lembar_berlaku_banyak(daftar)`: the
  fingerprint of the approved activities behind a sheet, recomputed by the public verification
  page and the kepala's countersigning queue;
- what both printed variants show (titles, rows with who logged and who confirmed, letterhead,
  signature blocks) is `isi_lembar`; the print variant "formulir kosong untuk paraf basah" is
  `paraf_basah` (see below).

Several pembimbing on one sheet — **(decision)**: one sheet per employee and activity
kind, with ONE "Pembimbing" signature block that lists every pembimbing of the sessions it covers
(name and NIP each, the one with most sessions first), not one sheet per pembimbing. The Panduan
Langsa form ("Tabel Kegiatan Coaching / Mentoring / Belajar Mandiri") is one table per peserta
with a single Pembimbing/Atasan block beside the Peserta and Kepala Perangkat Daerah blocks, and
it is the sheet as a whole (its rows and its JP total) that is the evidence of the 20 JP (§J.5);
splitting it per pembimbing would cut that total across several documents and break the
one-sheet-per-kind rule the exports, the verification codes and the kepala's countersigning rely
on. Which pembimbing stood behind which session is already on each row: every row's paraf cell
names that session's pembimbing (and who initialled it, when someone else did), and a column says
who logged it and who confirmed it (`isi_lembar.pencatatan`).

Print variant "formulir kosong untuk paraf basah": the exact Langsa layout with blank paraf cells,
neither issued nor signed nor recorded (`paraf_basah`).
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from bangkom.lib.tanggal import tanggal_panjang, waktu_panjang
from bangkom.pegawai.models import Pegawai
from jp_conversion.models import Kegiatan, StatusKegiatan

from . import tandatangan
from .isi_lembar import (
    NOL,
    baris_lembar,
    bingkai,
    cek_jenis,
    cetak_pdf,
    daftar_pembimbing,
    jp_teks,
    kegiatan_lembar,
    nama_berkas_lembar,
)
from .isi_lembar import periode_tahun as periode_tahun  # re-exported: forms, ekspor and contoh ask lembar
from .models import LembarTerbit, VersiLembar

KOLOM_SIDIK = ("pk", "tanggal", "status", "materi", "jp", "jp_belajar", "diparaf_oleh_id", "diparaf_pada")


def _sidik(pegawai_id: int, jenis: str, mulai: date, selesai: date, baris) -> str:
    """SHA-256 over `baris` (tuples of KOLOM_SIDIK, in pk order)."""
    h = hashlib.sha256(f"{pegawai_id}|{jenis}|{mulai}|{selesai}\n".encode())
    for pk, tgl, status, materi, jp, jp_belajar, oleh, pada in baris:
        h.update(json.dumps([
            pk, tgl.isoformat(), status, materi, f"{jp:.2f}",
            f"{jp_belajar:.2f}" if jp_belajar is not None else None,
            oleh, pada.isoformat() if pada else None,
        ]).encode() + b"\n")
    return h.hexdigest()


def sidik_kegiatan(*, pegawai: Pegawai | int, jenis: str, mulai: date, selesai: date) -> str:
    """SHA-256 over the approved activities behind a sheet (id, date, status, material, JP, who
    initialled and when). Any change — a withdrawn paraf, a new approval, a recomputed credit —
    gives another fingerprint, so an issued sheet can be declared no longer valid."""
    pegawai_id = pegawai.pk if isinstance(pegawai, Pegawai) else pegawai
    baris = (
        Kegiatan.objects.filter(
            pegawai_id=pegawai_id, jenis=jenis, tanggal__gte=mulai, tanggal__lte=selesai,
            status=StatusKegiatan.DISETUJUI,
        )
        .order_by("pk")
        .values_list(*KOLOM_SIDIK)
    )
    return _sidik(pegawai_id, jenis, mulai, selesai, baris)


def lembar_masih_berlaku(lembar: LembarTerbit) -> bool:
    return lembar_berlaku_banyak([lembar])[lembar.pk]


def lembar_berlaku_banyak(daftar: Sequence[LembarTerbit]) -> dict[int, bool]:
    """`lembar_masih_berlaku` for many sheets in one query (a queue page), keyed by sheet pk."""
    if not daftar:
        return {}
    baris = (
        Kegiatan.objects.filter(
            pegawai_id__in={t.pegawai_id for t in daftar}, jenis__in={t.jenis for t in daftar},
            tanggal__gte=min(t.mulai for t in daftar), tanggal__lte=max(t.selesai for t in daftar),
            status=StatusKegiatan.DISETUJUI,
        )
        .order_by("pk")
        .values_list("pegawai_id", "jenis", *KOLOM_SIDIK)
    )
    per_pegawai_jenis: dict[tuple[int, str], list[tuple]] = {}
    for pegawai_id, jenis, *kolom in baris:
        per_pegawai_jenis.setdefault((pegawai_id, jenis), []).append(tuple(kolom))
    return {
        t.pk: _sidik(t.pegawai_id, t.jenis, t.mulai, t.selesai, [
            b for b in per_pegawai_jenis.get((t.pegawai_id, t.jenis), []) if t.mulai <= b[1] <= t.selesai
        ]) == t.sidik_kegiatan
        for t in daftar
    }


def alamat_situs(situs: str = "") -> str:
    """The address QR codes point to: SITUS_URL (required in production), or in development
    (DEBUG) the address of the request that issued the sheet, when there was one."""
    if settings.DEBUG and situs:
        return situs.rstrip("/")
    return settings.SITUS_URL.rstrip("/")


def situs_permintaan(request) -> str:
    """A request's own address ("http://192.168.1.5:8000"), for `alamat_situs` in development."""
    return request.build_absolute_uri("/").rstrip("/")


def url_verifikasi(kode: str, situs: str = "") -> str:
    return alamat_situs(situs) + reverse("verifikasi:detail", args=[kode])


def lembar_data(
    *, pegawai: Pegawai, jenis: str, mulai: date, selesai: date, internal: bool = False,
    kode: str = "", diterbitkan_pada: datetime | None = None, perlu_pengesahan: bool = False, situs: str = "",
) -> dict:
    """Everything the sheet template prints; no rendering, no writes. `perlu_pengesahan`: the
    issued sheet waits for the kepala's countersignature (a note beside its QR code says where
    to find it)."""
    cek_jenis(jenis)
    opd = pegawai.opd
    kegiatan = list(kegiatan_lembar(pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai, internal=internal))
    disetujui = [k for k in kegiatan if k.status == StatusKegiatan.DISETUJUI]
    terbit = timezone.localtime(diterbitkan_pada) if diterbitkan_pada else timezone.localtime()
    tempat = opd.kota or opd.instansi.kota
    tgl = tanggal_panjang(terbit.date())
    url = url_verifikasi(kode, situs) if kode else ""
    data = bingkai(pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai,
                   pembimbing=daftar_pembimbing(disetujui), tempat=tempat, tanggal=tgl)
    return {
        **data,
        "jenis": jenis,
        "internal": internal,
        "baris": baris_lembar(kegiatan),
        "jumlah_sesi": len(disetujui),
        "total_jp": jp_teks(sum((k.jp for k in disetujui), NOL)),
        "total_jp_belajar": jp_teks(sum((k.jp_belajar or NOL for k in disetujui), NOL)),
        "total_jp_angka": sum((k.jp for k in disetujui), NOL),
        "tanda_tangan": [data["pembimbing"], data["peserta"]],
        "kode": kode,
        "url_verifikasi": url,
        "qr": _qr(url) if url else "",
        "diterbitkan": waktu_panjang(terbit),
        "ditandatangani": tandatangan.tersedia(),
        "tanda_tangan_demo": tandatangan.memakai_demo(),
        # The PDF is fixed at issue: the countersignature comes later, on the verification page.
        "perlu_pengesahan": perlu_pengesahan,
    }


def _qr(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=1)


def render_pdf(data: dict) -> bytes:
    return cetak_pdf("dokumen/lembar.html", data)


def lembar_pdf(
    *, pegawai: Pegawai, jenis: str, mulai: date, selesai: date, internal: bool = False,
    kode: str = "", diterbitkan_pada: datetime | None = None,
) -> bytes:
    """The unsigned, unrecorded PDF (previews, benchmarks). Downloads use `lembar_terbitkan`."""
    return render_pdf(lembar_data(
        pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai, internal=internal,
        kode=kode, diterbitkan_pada=diterbitkan_pada,
    ))


def sha256(isi: bytes) -> str:
    return hashlib.sha256(isi).hexdigest()


def berkas_versi(lembar: LembarTerbit, nomor: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "lembar" / f"{lembar.kode}-v{nomor}.pdf"


def versi_tambah(
    lembar: LembarTerbit, pdf: bytes, *, peristiwa: str, simpan: bool, pada: datetime | None = None,
) -> VersiLembar:
    """Record a version of the sheet's PDF: its SHA-256, who signed its last signature and the
    TSA's time. `simpan` keeps the bytes under MEDIA_ROOT/lembar/ (sheets that a countersignature
    will sign again); other sheets are not stored: their hash is enough to verify them."""
    nomor = (lembar.versi.order_by("-nomor").values_list("nomor", flat=True).first() or 0) + 1
    penanda, cap = "", None
    if lembar.ditandatangani:
        if tandatangan.timestamper() is not None:
            info = tandatangan.baca_tanda_tangan(pdf)[-1]
            penanda, cap = info.penanda, info.cap_waktu
        else:
            penanda = tandatangan.nama_penanda()
    relatif = ""
    if simpan:
        path = berkas_versi(lembar, nomor)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf)
        relatif = str(path.relative_to(settings.MEDIA_ROOT))
    return VersiLembar.objects.create(
        lembar=lembar, nomor=nomor, peristiwa=peristiwa, sha256=sha256(pdf), dibuat_pada=pada or timezone.now(),
        penanda=penanda[:300], cap_waktu=cap, berkas=relatif,
    )


@transaction.atomic
def lembar_terbitkan(
    *, pegawai: Pegawai, jenis: str, mulai: date, selesai: date, internal: bool = False, oleh=None,
    situs: str = "",
) -> tuple[LembarTerbit, bytes]:
    """Issue one sheet: record it (code, who, when, fingerprint of the activities), render it
    with its QR code, sign it (the configured signer, the demo identity by default), and record
    version 1 with the hash of the final bytes. `situs`: the issuing request's address (used in
    development only, see `alamat_situs`). Returns the record and the PDF."""
    cek_jenis(jenis)
    if selesai < mulai:
        raise ValueError("Tanggal selesai periode harus sama dengan atau setelah tanggal mulai.")
    sekarang = timezone.now()
    lembar = None
    for _ in range(5):  # a code collision is astronomically rare; retry instead of failing
        try:
            with transaction.atomic():
                lembar = LembarTerbit.objects.create(
                    pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai, internal=internal,
                    diterbitkan_oleh=oleh, diterbitkan_pada=sekarang,
                    perlu_pengesahan=not internal and pegawai.opd.wajib_pengesahan_kepala,
                    sidik_kegiatan=sidik_kegiatan(pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai),
                )
            break
        except IntegrityError:
            continue
    if lembar is None:
        raise RuntimeError("Kode verifikasi unik tidak dapat dibuat; coba lagi.")
    data = lembar_data(
        pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai, internal=internal,
        kode=lembar.kode, diterbitkan_pada=sekarang, perlu_pengesahan=lembar.perlu_pengesahan, situs=situs,
    )
    pdf = render_pdf(data)
    if tandatangan.tersedia():
        pdf = tandatangan.tandatangani(
            pdf, alasan=f"{data['judul'].tabel} {pegawai.nip} ({data['periode']})",
            lokasi=data["kepala"]["tempat"],
        )
        lembar.ditandatangani = True
    lembar.sha256 = sha256(pdf)
    lembar.jumlah_sesi = data["jumlah_sesi"]
    lembar.total_jp = data["total_jp_angka"]
    lembar.save(update_fields=["sha256", "jumlah_sesi", "total_jp", "ditandatangani"])
    versi_tambah(lembar, pdf, peristiwa=VersiLembar.Peristiwa.TERBIT, simpan=lembar.perlu_pengesahan, pada=sekarang)
    return lembar, pdf


def nama_berkas(lembar: LembarTerbit) -> str:
    return nama_berkas_lembar(
        "lembar", pegawai=lembar.pegawai, jenis=lembar.jenis, mulai=lembar.mulai, selesai=lembar.selesai,
        akhiran="-internal" if lembar.internal else "",
    )
