"""Uploaded evidence (learning sources, resumes, certificates): checked by size and by content,
stored under MEDIA_ROOT with a safe generated name, and handed out only through views that
have checked access (`unduh_berkas`). Shared by every app that takes files."""
from __future__ import annotations

import uuid
from pathlib import Path

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.text import get_valid_filename

# extension → MIME types accepted for it, detected from the file's first bytes
JENIS_DIIZINKAN = {
    "pdf": {"application/pdf"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
}
LABEL = "PDF, DOCX, XLSX, JPG atau PNG"


def validasi_berkas(berkas, *, jenis: tuple[str, ...] = ("pdf", "docx", "jpg", "jpeg", "png")) -> None:
    """Raise ValidationError (Indonesian) unless the upload is small enough and really is what its
    extension claims."""
    maks = settings.UNGGAHAN_MAKS_BYTE
    if berkas.size > maks:
        raise ValidationError(f"Berkas terlalu besar ({berkas.size / 1048576:.1f} MB); maksimal {maks // 1048576} MB.")
    if berkas.size == 0:
        raise ValidationError("Berkas kosong.")
    ekstensi = Path(berkas.name).suffix.lower().lstrip(".")
    if ekstensi not in jenis:
        raise ValidationError(f"Jenis berkas .{ekstensi or '?'} tidak diizinkan. Gunakan: {', '.join(jenis).upper()}.")
    posisi = berkas.tell() if hasattr(berkas, "tell") else 0
    kepala = berkas.read(8192)
    berkas.seek(posisi)
    terdeteksi = filetype.guess_mime(kepala)
    if terdeteksi not in JENIS_DIIZINKAN[ekstensi]:
        raise ValidationError(
            f"Isi berkas tidak sesuai dengan ekstensinya (.{ekstensi}). Unggah berkas {ekstensi.upper()} yang asli."
        )


class BerkasField(forms.FileField):
    """A form field that applies `validasi_berkas`; the rest of the form keeps its values on error."""

    def __init__(self, *, jenis: tuple[str, ...] = ("pdf", "docx", "jpg", "jpeg", "png"), **kwargs):
        self.jenis = jenis
        maks_mb = settings.UNGGAHAN_MAKS_BYTE // 1048576
        kwargs.setdefault("help_text", f"{', '.join(jenis).upper()}; maksimal {maks_mb} MB.")
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        berkas = super().clean(data, initial)
        if berkas and berkas is not initial:
            validasi_berkas(berkas, jenis=self.jenis)
        return berkas


def nama_aman(instance, filename: str) -> str:
    """upload_to: a random directory name keeps paths unguessable; the original name is kept
    (sanitised) so the downloaded file still makes sense to the user."""
    folder = instance._meta.app_label
    return f"{folder}/{uuid.uuid4().hex}/{get_valid_filename(Path(filename).name)[:100]}"


def unduh_berkas(field_file) -> FileResponse:
    """Serve a stored file; call only after the view checked the user may see its owner."""
    if not field_file:
        raise Http404("Berkas tidak ada.")
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from None
    return FileResponse(handle, as_attachment=True, filename=Path(field_file.name).name)
