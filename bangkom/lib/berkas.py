"""Uploaded evidence (learning sources, resumes, certificates): checked by size and by content,
stored under MEDIA_ROOT with a safe generated name, and handed out only through views that
have checked access (`unduh_berkas`). Shared by every app that takes files."""
from __future__ import annotations

import uuid
import zipfile
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
    if ekstensi in ("docx", "xlsx"):
        periksa_ooxml(berkas, ekstensi=ekstensi)


# Members that make an Office file run code: macros (VBA) and programs or scripts carried inside.
MAKRO = ("vbaproject.bin", "vbadata.xml", "vbaprojectsignature.bin")
PROGRAM = (".exe", ".dll", ".js", ".jse", ".vbs", ".vbe", ".bat", ".cmd", ".com", ".scr", ".ps1", ".msi",
           ".jar", ".hta", ".wsf", ".lnk", ".cpl", ".sh", ".pif")
PESAN_MAKRO = "Berkas berisi makro (VBA) dan tidak diterima. Simpan tanpa makro atau sebagai PDF."
ANGGOTA_MAKS = 2000
TERURAI_MAKS = 100 * 1024 * 1024


def periksa_ooxml(berkas, *, ekstensi: str) -> None:
    """A .docx/.xlsx is a zip whose first bytes only say "zip": look inside. It must be an Office
    Open XML package ([Content_Types].xml), declare no macro-enabled part and carry no VBA project
    and no program or script; a zip bomb is refused by its declared sizes."""
    posisi = berkas.tell() if hasattr(berkas, "tell") else 0
    try:
        with zipfile.ZipFile(berkas) as arsip:
            daftar = arsip.infolist()
            if len(daftar) > ANGGOTA_MAKS or sum(i.file_size for i in daftar) > TERURAI_MAKS:
                raise ValidationError("Berkas terlalu besar setelah diurai; periksa kembali isinya.")
            nama = {i.filename.replace("\\", "/").lower(): i for i in daftar}
            if "[content_types].xml" not in nama:
                raise ValidationError(
                    f"Berkas ini bukan dokumen {ekstensi.upper()} yang asli (arsip ZIP biasa). "
                    "Simpan ulang dari Word/Excel atau unggah sebagai PDF."
                )
            if any(n.rsplit("/", 1)[-1] in MAKRO for n in nama):
                raise ValidationError(PESAN_MAKRO)
            if any(n.endswith(PROGRAM) for n in nama):
                raise ValidationError("Berkas berisi program atau skrip yang dapat dijalankan dan tidak diterima.")
            with arsip.open(nama["[content_types].xml"]) as f:
                jenis_isi = f.read(1_000_000).lower()
            if b"macroenabled" in jenis_isi or b"vbaproject" in jenis_isi:
                raise ValidationError(PESAN_MAKRO)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise ValidationError(f"Berkas {ekstensi.upper()} rusak atau tidak dapat dibaca.") from None
    finally:
        berkas.seek(posisi)


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
