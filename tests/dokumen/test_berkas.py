import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bangkom.lib.berkas import validasi_berkas

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def test_a_real_pdf_passes():
    validasi_berkas(SimpleUploadedFile("resume.pdf", PDF))


def test_a_renamed_file_is_caught_by_its_content():
    with pytest.raises(ValidationError, match="tidak sesuai dengan ekstensinya"):
        validasi_berkas(SimpleUploadedFile("resume.pdf", b"MZ\x90\x00 not a pdf at all"))


def test_a_forbidden_extension_is_refused():
    with pytest.raises(ValidationError, match=r"\.exe tidak diizinkan"):
        validasi_berkas(SimpleUploadedFile("virus.exe", b"MZ\x90\x00"))


def test_a_file_too_large_is_refused(settings):
    settings.UNGGAHAN_MAKS_BYTE = 10
    with pytest.raises(ValidationError, match="terlalu besar"):
        validasi_berkas(SimpleUploadedFile("resume.pdf", PDF))
