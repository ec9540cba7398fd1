"""Writes of the API app: clients and their keys, the audit of calls, the idempotent submission of
external activities (through `jp_conversion.eksternal`, so an API submission is verified exactly
like one made with the form)."""
from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bangkom.lib import rahasia
from bangkom.pegawai.models import Pegawai, PerangkatDaerah
from jp_conversion.eksternal import kegiatan_eksternal_ajukan

from .models import Cakupan, CatatanPanggilan, KirimanAPI, KlienAPI

AWALAN_KUNCI = "bkm"  # every key starts with it: secret scanners and logs can recognise one
PERBARUI_TERAKHIR_DIPAKAI = timedelta(minutes=1)  # at most one write per client per minute for "last used"


def kunci_baru() -> tuple[str, str]:
    """(prefix, key): `bkm_<prefix>_<secret>`; the prefix (not secret) finds the client, the key's
    SHA-256 proves it. 256 bits of randomness: a stored SHA-256 needs no slow hash."""
    awalan = rahasia.awalan_baru()
    return awalan, f"{AWALAN_KUNCI}_{awalan}_{secrets.token_urlsafe(32)}"


@transaction.atomic
def klien_buat(
    *, nama: str, cakupan: list[str], oleh, opd: PerangkatDaerah | None = None, kedaluwarsa: date | None = None
) -> tuple[KlienAPI, str]:
    """A new client and its key (returned once, never stored in clear)."""
    salah = [c for c in cakupan if c not in Cakupan.values]
    if not cakupan or salah:
        raise ValidationError({"cakupan": "Pilih sedikitnya satu cakupan yang dikenal."})
    if kedaluwarsa is not None and kedaluwarsa < timezone.localdate():
        raise ValidationError({"kedaluwarsa": "Tanggal berlaku tidak boleh sebelum hari ini."})
    awalan, kunci = kunci_baru()
    klien = KlienAPI.objects.create(
        nama=nama.strip(), cakupan=sorted(set(cakupan)), opd=opd, kedaluwarsa=kedaluwarsa, awalan=awalan,
        sidik=rahasia.sidik(kunci), dibuat_oleh=oleh,
    )
    return klien, kunci


def klien_cabut(*, klien: KlienAPI, oleh) -> KlienAPI:
    """Revoke a key at once (the next call answers 401). Revoking twice keeps the first record."""
    if klien.dicabut_pada is None:
        klien.dicabut_pada = timezone.now()
        klien.dicabut_oleh = oleh
        klien.save(update_fields=["dicabut_pada", "dicabut_oleh"])
    return klien


def klien_dari_kunci(kunci: str) -> KlienAPI | None:
    """The valid (not revoked, not expired) client a key belongs to, or None."""
    bagian = kunci.strip().split("_", 2)
    if len(bagian) != 3 or bagian[0] != AWALAN_KUNCI:
        return None
    klien = KlienAPI.objects.select_related("opd").filter(awalan=bagian[1]).first()
    if klien is None or not klien.cocok(kunci.strip()) or not klien.berlaku():
        return None
    sekarang = timezone.now()
    if klien.terakhir_dipakai is None or sekarang - klien.terakhir_dipakai > PERBARUI_TERAKHIR_DIPAKAI:
        KlienAPI.objects.filter(pk=klien.pk).update(terakhir_dipakai=sekarang)
    return klien


def panggilan_catat(*, klien: KlienAPI | None, metode: str, endpoint: str, jalur: str, status: int,
                    alamat: str | None) -> CatatanPanggilan:
    return CatatanPanggilan.objects.create(
        klien=klien, metode=metode[:8], endpoint=endpoint[:100], jalur=jalur[:300], status=status, alamat=alamat,
    )


def sidik_kiriman(data: dict) -> str:
    """SHA-256 of a submission's content (the idempotency key left out), to tell a retry from a
    different activity sent under a key already used."""
    isi = {k: v for k, v in data.items() if k != "kunci_idempotensi"}
    return hashlib.sha256(json.dumps(isi, sort_keys=True, default=str).encode()).hexdigest()


class KunciSudahDipakai(Exception):
    """The idempotency key was used before for a different activity."""


@dataclass
class HasilKiriman:
    kiriman: KirimanAPI
    baru: bool


def kiriman_ajukan(*, klien: KlienAPI, pegawai: Pegawai, kunci: str, data: dict, sertifikat) -> HasilKiriman:
    """Submit an external activity for `pegawai` once per (client, key): the first call records it as
    "diajukan" for the supervisor's verification (the form's service, with its validation and its
    notification); a retry with the same key returns the same activity; the same key with a different
    content raises KunciSudahDipakai. Concurrent retries meet the unique constraint."""
    sidik = sidik_kiriman(data)
    ada = KirimanAPI.objects.select_related("eksternal__kegiatan").filter(klien=klien, kunci=kunci).first()
    if ada is not None:
        if ada.sidik != sidik:
            raise KunciSudahDipakai(kunci)
        return HasilKiriman(ada, baru=False)
    keterangan = f"Dikirim melalui API oleh {klien.nama}."
    if data.get("url_bukti"):
        keterangan += f" Bukti: {data['url_bukti']}"
    try:
        with transaction.atomic():
            eksternal = kegiatan_eksternal_ajukan(
                pegawai=pegawai, jenis=data["jenis"], tanggal=data["tanggal"], materi=data["materi"],
                penyelenggara=data["penyelenggara"], sertifikat=sertifikat, lingkup=data["lingkup"],
                jp_belajar=data.get("jp"), nomor_sertifikat=data.get("nomor_sertifikat") or "",
                keterangan=keterangan, tanggal_selesai=data.get("tanggal_selesai"),
            )
            kiriman = KirimanAPI.objects.create(klien=klien, kunci=kunci, sidik=sidik, eksternal=eksternal)
    except IntegrityError:
        ada = KirimanAPI.objects.filter(klien=klien, kunci=kunci).first()
        if ada is None:
            raise
        if ada.sidik != sidik:
            raise KunciSudahDipakai(kunci) from None
        return HasilKiriman(ada, baru=False)
    return HasilKiriman(kiriman, baru=True)
