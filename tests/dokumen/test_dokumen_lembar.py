import hashlib
from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader

from bangkom.dokumen import lembar
from bangkom.dokumen.models import LembarTerbit
from jp_conversion.services import kegiatan_batal_paraf
from tests.dokumen.conftest import teks_pdf

TAHUN_2025 = (date(2025, 1, 1), date(2025, 12, 31))


def _terbitkan(pegawai, jenis="coaching", internal=False, oleh=None):
    return lembar.lembar_terbitkan(pegawai=pegawai, jenis=jenis, mulai=TAHUN_2025[0], selesai=TAHUN_2025[1],
                                   internal=internal, oleh=oleh)


def test_lembar_coaching_memuat_label_dan_hanya_kegiatan_disetujui(cast, coaching_sari):
    terbit, pdf = _terbitkan(cast.sari, oleh=cast.dewi.user)
    teks = teks_pdf(pdf)
    for label in ("Tabel Kegiatan Coaching".upper(), "Nama", "Sari Wulandari", cast.sari.nip, "Jabatan",
                  "Analis SDM", "Paraf Pembimbing", "Materi Bimbingan", "Hari/Tanggal", "Halaman 1 dari 1",
                  "Senin, 3 Februari 2025", "Selasa, 11 Maret 2025", "Kepala Perangkat Daerah", "Hasan Basri",
                  "Budi Santoso", terbit.kode):
        assert label in teks, label
    assert "Draf laporan kinerja triwulan" not in teks
    assert "Materi yang ditolak" not in teks
    assert "Jumlah: 2 kegiatan disetujui" in teks
    assert terbit.sha256 == hashlib.sha256(pdf).hexdigest()
    # signed by the demo identity by default
    assert (terbit.jumlah_sesi, terbit.total_jp, terbit.ditandatangani) == (2, 4, True)
    assert terbit.diterbitkan_oleh == cast.dewi.user
    assert LembarTerbit.objects.count() == 1


def test_pdf_a4_dan_font_tertanam(cast, coaching_sari):
    pdf = lembar.lembar_pdf(pegawai=cast.sari, jenis="coaching", mulai=TAHUN_2025[0], selesai=TAHUN_2025[1])
    halaman = PdfReader(BytesIO(pdf)).pages[0]
    lebar, tinggi = float(halaman.mediabox.width), float(halaman.mediabox.height)
    assert (round(lebar), round(tinggi)) == (595, 842)  # A4 portrait in points
    fonts = halaman["/Resources"]["/Font"]
    nama = [f.get_object()["/BaseFont"] for f in fonts.values()]
    assert any("DejaVu" in n for n in nama)
    for f in fonts.values():
        desc = f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), "font tidak tertanam"


def test_salinan_internal_menandai_kegiatan_belum_disetujui(cast, coaching_sari):
    _, pdf = _terbitkan(cast.sari, internal=True)
    teks = teks_pdf(pdf)
    assert "SALINAN INTERNAL" in teks
    assert "Draf laporan kinerja triwulan" in teks and "[MENUNGGU PARAF]" in teks
    assert "Materi yang ditolak pembimbing" in teks and "[DITOLAK]" in teks
    assert "Jumlah: 2 kegiatan disetujui" in teks


def test_tabel_panjang_berulang_kepala_tabel_dan_nomor_halaman(cast, catat):
    for i in range(14):
        catat(cast.sari, "coaching", date(2025, 1 + i // 2, 3 + 7 * (i % 2)),
              f"Materi bimbingan ke-{i + 1}: penyusunan rencana kerja, indikator kinerja, analisis beban kerja "
              "dan tindak lanjut hasil evaluasi triwulan bersama tim seksi", cast.budi)
    _, pdf = _terbitkan(cast.sari)
    halaman = PdfReader(BytesIO(pdf)).pages
    assert len(halaman) >= 2
    berisi_tabel = 0
    for no, hal in enumerate(halaman, start=1):
        teks = " ".join(hal.extract_text().split())  # a header cell may wrap ("Paraf / Pembimbing")
        assert f"Halaman {no} dari {len(halaman)}" in teks
        if "Materi bimbingan ke-" in teks:
            berisi_tabel += 1
            assert "Paraf Pembimbing" in teks and "Hari/Tanggal" in teks  # thead repeated
    assert berisi_tabel >= 2


def test_belajar_mandiri_paraf_atasan_dan_jp_belajar(cast, catat):
    catat(cast.sari, "belajar_mandiri", date(2025, 6, 2), "Modul e-learning manajemen ASN", cast.budi, jp_belajar="1.5")
    data = lembar.lembar_data(pegawai=cast.sari, jenis="belajar_mandiri", mulai=TAHUN_2025[0], selesai=TAHUN_2025[1])
    assert data["judul"].kolom_paraf == "Paraf Atasan"
    assert data["tanda_tangan"][0]["peran"] == "Atasan"
    assert data["baris"][0]["jp_belajar"] == "1,5"
    teks = teks_pdf(lembar.render_pdf(data))
    for label in ("Tabel Kegiatan Belajar Mandiri".upper(), "Paraf Atasan", "Materi/Sumber Belajar",
                  "Senin, 2 Juni 2025", "JP Belajar"):
        assert label in teks, label


def test_pembimbing_terbanyak_atau_atasan(cast, catat):
    catat(cast.sari, "mentoring", date(2025, 2, 3), "Karier", cast.rina)
    catat(cast.sari, "mentoring", date(2025, 3, 3), "Budaya kerja", cast.rina)
    catat(cast.sari, "mentoring", date(2025, 4, 7), "Pelayanan", cast.hasan)
    data = lembar.lembar_data(pegawai=cast.sari, jenis="mentoring", mulai=TAHUN_2025[0], selesai=TAHUN_2025[1])
    pembimbing, peserta = data["tanda_tangan"]
    assert (pembimbing["nama"], pembimbing["nip"]) == (cast.rina.nama_lengkap, cast.rina.nip)
    assert peserta["nip"] == cast.sari.nip and peserta["tempat"] == "Kota Uji"
    assert data["kepala"]["nama"] == cast.hasan.nama_lengkap
    kosong = lembar.lembar_data(pegawai=cast.sari, jenis="coaching", mulai=TAHUN_2025[0], selesai=TAHUN_2025[1])
    assert kosong["tanda_tangan"][0]["nama"] == cast.budi.nama_lengkap  # no rows: the atasan
    assert kosong["baris"] == [] and kosong["jumlah_sesi"] == 0


def test_sidik_berubah_bila_paraf_dibatalkan(cast, coaching_sari):
    terbit, _ = _terbitkan(cast.sari)
    assert lembar.lembar_masih_berlaku(terbit)
    kegiatan_batal_paraf(kegiatan=coaching_sari[0], oleh=cast.budi, alasan="Salah tanggal")
    assert not lembar.lembar_masih_berlaku(terbit)


def test_jenis_tidak_dikenal_ditolak(cast):
    with pytest.raises(ValueError):
        lembar.lembar_data(pegawai=cast.sari, jenis="diklat", mulai=TAHUN_2025[0], selesai=TAHUN_2025[1])


def _sertifikat_uji(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    kunci = ec.generate_private_key(ec.SECP256R1())  # fast to generate, unlike RSA
    nama = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "BPSDM Uji Penandatangan"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemerintah Provinsi Uji")])
    sekarang = datetime.now(UTC)
    sert = (
        x509.CertificateBuilder().subject_name(nama).issuer_name(nama).public_key(kunci.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(sekarang - timedelta(days=1)).not_valid_after(sekarang + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_cert_sign=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, crl_sign=False, encipher_only=False,
            decipher_only=False), critical=True)
        .sign(kunci, hashes.SHA256())
    )
    p12 = tmp_path / "penandatangan.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"uji", kunci, sert, None, serialization.BestAvailableEncryption(b"sandi-uji")))
    return p12, sert.public_bytes(serialization.Encoding.DER)


def test_lembar_ditandatangani_pades_dan_valid(cast, coaching_sari, settings, tmp_path):
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    p12, der = _sertifikat_uji(tmp_path)
    settings.PENANDATANGAN_P12 = str(p12)
    settings.PENANDATANGAN_P12_SANDI = "sandi-uji"
    terbit, pdf = _terbitkan(cast.sari)
    assert terbit.ditandatangani
    assert terbit.sha256 == hashlib.sha256(pdf).hexdigest()  # the hash of the final, signed bytes
    sig = PdfFileReader(BytesIO(pdf)).embedded_signatures
    assert len(sig) == 1
    status = validate_pdf_signature(
        sig[0], ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)], allow_fetching=False)
    )
    assert status.intact and status.valid and status.trusted, status.pretty_print_details()
    assert status.coverage.name == "ENTIRE_FILE"
    assert "ditandatangani secara elektronik" in teks_pdf(pdf)

    # one byte changed inside the signed range: no longer intact
    rusak = bytearray(pdf)
    i = pdf.index(b"/MediaBox")
    rusak[i + 1] = ord("N")
    sig = PdfFileReader(BytesIO(bytes(rusak)), strict=False).embedded_signatures[0]
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)]))
    assert not status.intact
