"""The two-step import shared by every upload page (employees, position standards, performance results,
LMS completions).

Step 1 (preview): the uploaded file is read by the app's `pratinjau(isi)`; every rejected row is
shown and, when the file is clean, its bytes are kept under a random UUID token
(MEDIA_ROOT/impor/<token>.xlsx) that the preview page posts back.
Step 2 (confirm): the token's file is claimed exactly once (an atomic rename, so a double click
or a resubmitted form finds nothing instead of importing and logging twice), committed all or
nothing by the app's commit function, and recorded as a `RiwayatImpor` in the same transaction.

The views keep their own texts, templates and redirects; this module holds the mechanism only.
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render

from .impor import BerkasTidakValid
from .models import RiwayatImpor

KEDALUWARSA = "Pratinjau impor sudah kedaluwarsa atau sudah diimpor. Unggah berkas sekali lagi."
# How long a previewed upload waits for its confirmation; `bersihkan` (manage.py bersihkan_impor,
# daily) deletes older ones, and an older one is refused even before it is cleaned up.
MASA_BERLAKU = timedelta(hours=24)


class TokenTidakBerlaku(Exception):
    """The token is not one we issued, or its file was already imported (or cleaned up)."""


def _berkas(token: str) -> Path:
    """Where a token's upload lives. Tokens come from the POST: anything but the canonical form of a
    UUID (as issued by `simpan`) is refused before the filesystem is touched."""
    try:
        if not isinstance(token, str) or str(uuid.UUID(token)) != token:
            raise ValueError(token)
    except ValueError:
        raise TokenTidakBerlaku("token tidak dikenal") from None
    return Path(settings.MEDIA_ROOT) / "impor" / f"{token}.xlsx"


def simpan(isi: bytes) -> str:
    """Keep an uploaded file until it is confirmed; returns its token."""
    token = str(uuid.uuid4())
    path = _berkas(token)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(isi)
    return token


def ambil_sekali(token: str) -> bytes:
    """The bytes stored under `token`, once: the file is claimed by an atomic rename and removed, so
    a second claim of the same token (double submit) raises `TokenTidakBerlaku`."""
    path = _berkas(token)
    klaim = path.with_name(f"{path.stem}.{uuid.uuid4().hex}.proses")
    try:
        path.rename(klaim)
    except OSError:
        raise TokenTidakBerlaku("berkas tidak ada atau sudah diklaim") from None
    try:
        if time.time() - klaim.stat().st_mtime > MASA_BERLAKU.total_seconds():
            raise TokenTidakBerlaku("pratinjau kedaluwarsa")
        return klaim.read_bytes()
    except OSError:
        raise TokenTidakBerlaku("berkas tidak dapat dibaca") from None
    finally:
        klaim.unlink(missing_ok=True)


def bersihkan(*, umur: timedelta = MASA_BERLAKU) -> int:
    """Delete previewed uploads never confirmed (and claims left by a crash) older than `umur`.
    Returns how many files were removed."""
    folder = Path(settings.MEDIA_ROOT) / "impor"
    if not folder.is_dir():
        return 0
    batas = time.time() - umur.total_seconds()
    dihapus = 0
    for berkas in [*folder.glob("*.xlsx"), *folder.glob("*.proses")]:
        try:
            if berkas.stat().st_mtime < batas:
                berkas.unlink()
                dihapus += 1
        except FileNotFoundError:  # claimed or removed meanwhile
            continue
    return dihapus


@dataclass(frozen=True)
class Pratinjau:
    """What the import page renders after an upload (all empty on a GET or an invalid form)."""

    hasil: Any = None
    token: str | None = None
    nama_berkas: str = ""

    def konteks(self) -> dict:
        return {"hasil": self.hasil, "token": self.token, "nama_berkas": self.nama_berkas}


def pratinjau_unggahan(form, pratinjau: Callable[[bytes], Any]) -> Pratinjau:
    """Step 1. `form` is a bound import form with a `berkas` file field; an unreadable file becomes an
    error on that field. A clean preview gets a token for step 2; one with rejected rows does not."""
    if not form.is_valid():
        return Pratinjau()
    berkas = form.cleaned_data["berkas"]
    isi = berkas.read()
    try:
        hasil = pratinjau(isi)
    except BerkasTidakValid as exc:
        form.add_error("berkas", str(exc))
        return Pratinjau()
    return Pratinjau(hasil=hasil, token=simpan(isi) if hasil.valid else None, nama_berkas=berkas.name)


def unggahan(request, form_kelas, pratinjau: Callable[[bytes], Any]) -> tuple[Any, Pratinjau]:
    """The upload page's form and step: on POST the bound form and its preview, else an empty one."""
    if request.method == "POST":
        form = form_kelas(request.POST, request.FILES)
        return form, pratinjau_unggahan(form, pratinjau)
    return form_kelas(), Pratinjau()


def konfirmasi(request, *, jenis: str, impor: Callable[..., dict], kedaluwarsa: str = KEDALUWARSA) -> dict | None:
    """Step 2, for a POST carrying `token` (and `nama_berkas`). Commits with `impor(isi=...)` and records
    a `RiwayatImpor` of `jenis`, all or nothing, and returns the commit's summary. On an unknown, expired
    or already used token, or a file the commit refuses, it queues an error message and returns None:
    the view redirects back to its upload page."""
    try:
        isi = ambil_sekali(request.POST["token"])
    except TokenTidakBerlaku:
        messages.error(request, kedaluwarsa)
        return None
    try:
        with transaction.atomic():
            ringkas = impor(isi=isi)
            RiwayatImpor.objects.create(
                jenis=jenis, nama_berkas=request.POST.get("nama_berkas", "")[:255], oleh=request.user,
                jumlah_baris=ringkas["baris"], dibuat=ringkas["dibuat"], diperbarui=ringkas["diperbarui"],
            )
    except BerkasTidakValid as exc:
        messages.error(request, str(exc))
        return None
    return ringkas


def riwayat(jenis: str):
    """The last ten imports of one kind, for the page that makes them."""
    return RiwayatImpor.objects.filter(jenis=jenis).select_related("oleh")[:10]


def halaman(request, *, jenis: str, form_kelas, pratinjau: Callable[[bytes], Any], impor: Callable[..., dict],
            pesan: Callable[[dict], str], template: str, selesai: str | None = None,
            kedaluwarsa: str = KEDALUWARSA, konteks: Callable[[], dict] = dict):
    """A whole import page: a POST with a token commits (step 2) and redirects with `pesan(summary)` to
    `selesai` (default: this page); anything else shows the upload form and, after an upload, its preview
    (step 1) with this kind's recent imports and the view's own `konteks()`."""
    if request.method == "POST" and "token" in request.POST:
        ringkas = konfirmasi(request, jenis=jenis, impor=impor, kedaluwarsa=kedaluwarsa)
        if ringkas is None:
            return redirect(request.path)
        messages.success(request, pesan(ringkas))
        return redirect(selesai or request.path)
    form, langkah = unggahan(request, form_kelas, pratinjau)
    return render(request, template, {"form": form, **langkah.konteks(), "riwayat": riwayat(jenis), **konteks()})
