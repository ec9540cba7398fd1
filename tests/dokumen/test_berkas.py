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


# Issue 17 [R] item 7: a .docx / .xlsx is a zip; its first bytes only say "zip", so the inside is
# checked: a real OOXML package, no macros, no executables.
def _zip(anggota: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for nama, isi in anggota.items():
            zf.writestr(nama, isi)
    return buf.getvalue()


JENIS_ISI = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             b'wordprocessingml.document.main+xml"/></Types>')
DOCX = {"[Content_Types].xml": JENIS_ISI, "_rels/.rels": b"<Relationships/>", "word/document.xml": b"<w:document/>"}


def test_a_real_docx_and_xlsx_pass():
    import io

    from openpyxl import Workbook

    validasi_berkas(SimpleUploadedFile("resume.docx", _zip(DOCX)), jenis=("docx",))
    buf = io.BytesIO()
    Workbook().save(buf)
    validasi_berkas(SimpleUploadedFile("data.xlsx", buf.getvalue()), jenis=("xlsx",))


@pytest.mark.parametrize(("anggota", "pesan"), [
    ({"virus.exe": b"MZ\x90\x00"}, "bukan dokumen"),
    ({**DOCX, "word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}, "makro"),
    ({**DOCX, "word/media/setup.exe": b"MZ\x90\x00"}, "program"),
    ({**DOCX, "word/embeddings/lib.DLL": b"MZ"}, "program"),
    ({**DOCX, "customXml/run.js": b"alert(1)"}, "program"),
    ({**DOCX, "[Content_Types].xml": JENIS_ISI.replace(b"document.main+xml", b"document.macroEnabled.main+xml")},
     "makro"),
])
def test_an_archive_with_macros_or_programs_is_refused(anggota, pesan):
    with pytest.raises(ValidationError, match=pesan):
        validasi_berkas(SimpleUploadedFile("resume.docx", _zip(anggota)), jenis=("docx",))


def test_a_broken_zip_is_refused():
    isi = _zip(DOCX)
    with pytest.raises(ValidationError, match="rusak|bukan dokumen"):
        validasi_berkas(SimpleUploadedFile("resume.docx", isi[: len(isi) // 2]), jenis=("docx",))
