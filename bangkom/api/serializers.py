"""The shapes of the API (what drf-spectacular turns into the OpenAPI schema). Read shapes only
render what the selectors computed; the one write shape checks the body before the service's own
validation (the same as the form's)."""
from __future__ import annotations

import base64
import binascii
from decimal import Decimal

from django.core.files.base import ContentFile
from rest_framework import serializers

from bangkom.lib.cetak import validasi_tercetak
from bangkom.pegawai.models import Pegawai
from jp_conversion.models import JENIS_EKSTERNAL, Lingkup, rules

JENIS_BERKAS_BUKTI = ("pdf", "jpg", "jpeg", "png")


def halaman(kelas: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The paginated shape of a list of `kelas` (count, next, previous, results), for the schema."""
    nama = kelas.__name__.removesuffix("Serializer")
    return type(f"Halaman{nama}Serializer", (serializers.Serializer,), {
        "count": serializers.IntegerField(help_text="Jumlah seluruh baris."),
        "next": serializers.URLField(allow_null=True, help_text="Halaman berikutnya."),
        "previous": serializers.URLField(allow_null=True, help_text="Halaman sebelumnya."),
        "results": kelas(many=True),
    })


class RingkasOPDSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kode = serializers.CharField()
    nama = serializers.CharField()


class RingkasUnitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kode = serializers.CharField()
    nama = serializers.CharField()


class PegawaiSerializer(serializers.ModelSerializer):
    opd = RingkasOPDSerializer()
    unit = RingkasUnitSerializer()
    jabatan = serializers.CharField(source="jabatan.nama")
    nama_lengkap = serializers.CharField()
    atasan_nip = serializers.CharField(source="atasan.nip", allow_null=True, default=None)

    class Meta:
        model = Pegawai
        fields = ["nip", "nama", "nama_lengkap", "gelar_depan", "gelar_belakang", "jenis_asn", "golongan", "pangkat",
                  "jabatan", "opd", "unit", "atasan_nip", "aktif"]


class KreditSerializer(serializers.Serializer):
    """One ledger row with the credit the engine gave it and why."""

    id = serializers.IntegerField(source="pk")
    jenis = serializers.CharField()
    jenis_label = serializers.CharField(source="get_jenis_display")
    tanggal = serializers.DateField()
    tanggal_selesai = serializers.DateField(allow_null=True)
    materi = serializers.CharField()
    lingkup = serializers.CharField()
    status = serializers.CharField()
    jp = serializers.DecimalField(max_digits=6, decimal_places=2, help_text="JP dihitung oleh mesin aturan.")
    dihitung = serializers.BooleanField()
    alasan = serializers.CharField(help_text="Alasan perhitungan dari mesin aturan.")
    versi_aturan = serializers.CharField()


class PerJenisSerializer(serializers.Serializer):
    jenis = serializers.CharField()
    jp = serializers.DecimalField(max_digits=7, decimal_places=2)
    jumlah_kegiatan = serializers.IntegerField()


class JPTahunanSerializer(serializers.Serializer):
    nip = serializers.CharField(source="pegawai.nip")
    tahun = serializers.IntegerField()
    target = serializers.DecimalField(max_digits=7, decimal_places=2)
    batas_atas = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    total = serializers.DecimalField(max_digits=7, decimal_places=2)
    tercapai = serializers.BooleanField()
    menunggu_verifikasi = serializers.IntegerField(source="menunggu")
    per_jenis = PerJenisSerializer(many=True)
    kegiatan = KreditSerializer(many=True)


class AgregatSerializer(serializers.Serializer):
    opd_id = serializers.IntegerField(source="kunci", allow_null=True)
    nama = serializers.CharField()
    singkat = serializers.CharField()
    jumlah_pegawai = serializers.IntegerField(source="jumlah")
    tercapai = serializers.IntegerField()
    belum = serializers.IntegerField()
    persen_tercapai = serializers.DecimalField(max_digits=5, decimal_places=1)
    rata_jp = serializers.DecimalField(max_digits=9, decimal_places=2)
    jp_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    jp_per_jenis = serializers.DictField(child=serializers.DecimalField(max_digits=12, decimal_places=2))


class PemenuhanOPDSerializer(serializers.Serializer):
    tahun = serializers.IntegerField()
    opd = AgregatSerializer(many=True)
    ringkasan = AgregatSerializer()


class PemenuhanPegawaiSerializer(serializers.Serializer):
    nip = serializers.CharField()
    nama = serializers.CharField()
    jenis_asn = serializers.CharField()
    opd_id = serializers.IntegerField()
    unit_id = serializers.IntegerField()
    jp_coaching = serializers.DecimalField(source="jp_coaching_thn", max_digits=7, decimal_places=2)
    jp_mentoring = serializers.DecimalField(source="jp_mentoring_thn", max_digits=7, decimal_places=2)
    jp_belajar_mandiri = serializers.DecimalField(source="jp_belajar_mandiri_thn", max_digits=7, decimal_places=2)
    jp_lainnya = serializers.DecimalField(source="jp_lainnya_thn", max_digits=7, decimal_places=2)
    total_jp = serializers.DecimalField(max_digits=7, decimal_places=2)
    target_jp = serializers.DecimalField(max_digits=7, decimal_places=2)
    sisa_jp = serializers.DecimalField(max_digits=7, decimal_places=2)
    tercapai = serializers.BooleanField()


class LembarSerializer(serializers.Serializer):
    kode = serializers.CharField(help_text="Kode verifikasi (halaman publik /verifikasi/<kode>/).")
    nip = serializers.CharField(source="pegawai.nip")
    jenis = serializers.CharField()
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    internal = serializers.BooleanField()
    diterbitkan_pada = serializers.DateTimeField()
    sha256 = serializers.CharField(help_text="SHA-256 PDF saat terbit.")
    jumlah_sesi = serializers.IntegerField()
    total_jp = serializers.DecimalField(max_digits=7, decimal_places=2)
    ditandatangani = serializers.BooleanField()
    perlu_pengesahan = serializers.BooleanField()
    disahkan_pada = serializers.DateTimeField(allow_null=True)
    berlaku = serializers.BooleanField(help_text="Kegiatan di dalamnya tidak berubah sejak terbit.")
    url_verifikasi = serializers.CharField()
    pdf_tersedia = serializers.BooleanField(help_text="PDF tersimpan dan dapat diunduh lewat /pdf/.")


def _teks(maks: int, **kwargs) -> serializers.CharField:
    return serializers.CharField(max_length=maks, validators=[validasi_tercetak], **kwargs)


class KegiatanEksternalMasukSerializer(serializers.Serializer):
    """An external activity (e.g. an LMS course completion) to verify."""

    kunci_idempotensi = serializers.CharField(
        max_length=100, help_text="Unik per klien: kiriman ulang dengan kunci yang sama tidak membuat kegiatan baru."
    )
    nip = serializers.RegexField(r"^\d{18}$", error_messages={"invalid": "NIP harus 18 angka."})
    jenis = serializers.ChoiceField(choices=[(j, rules.label(j)) for j in JENIS_EKSTERNAL], default="e_learning")
    materi = _teks(300, help_text="Judul kursus/kegiatan.")
    tanggal = serializers.DateField()
    tanggal_selesai = serializers.DateField(required=False, allow_null=True)
    lingkup = serializers.ChoiceField(choices=Lingkup.choices, default=Lingkup.NASIONAL)
    jp = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, allow_null=True,
                                  min_value=Decimal("0.01"), max_value=Decimal("999"),
                                  help_text="Untuk bentuk yang dihitung sesuai JP.")
    penyelenggara = _teks(200)
    nomor_sertifikat = _teks(100, required=False, allow_blank=True, default="")
    url_bukti = serializers.URLField(max_length=500, required=False, allow_blank=True, default="",
                                     help_text="Tautan sertifikat/bukti di LMS.")
    berkas_bukti = serializers.CharField(required=False, allow_blank=True, default="", write_only=True,
                                         max_length=14_000_000, help_text="Sertifikat PDF/JPG/PNG dalam base64.")
    nama_berkas_bukti = serializers.CharField(required=False, allow_blank=True, default="sertifikat.pdf",
                                              max_length=100)

    def validate(self, attrs):
        if not attrs.get("url_bukti") and not attrs.get("berkas_bukti"):
            raise serializers.ValidationError({"url_bukti": "Kirim url_bukti atau berkas_bukti."})
        selesai = attrs.get("tanggal_selesai")
        if selesai and selesai < attrs["tanggal"]:
            raise serializers.ValidationError({"tanggal_selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
        if attrs.get("berkas_bukti"):
            try:
                isi = base64.b64decode(attrs["berkas_bukti"], validate=True)
            except (binascii.Error, ValueError):
                raise serializers.ValidationError({"berkas_bukti": "Bukan base64 yang sah."}) from None
            attrs["_berkas"] = ContentFile(isi, name=attrs.get("nama_berkas_bukti") or "sertifikat.pdf")
        return attrs


class KegiatanEksternalKeluarSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="kegiatan.pk", help_text="Nomor kegiatan di buku besar JP.")
    kunci_idempotensi = serializers.CharField(source="kiriman_api.kunci")
    nip = serializers.CharField(source="kegiatan.pegawai.nip")
    jenis = serializers.CharField(source="kegiatan.jenis")
    materi = serializers.CharField(source="kegiatan.materi")
    tanggal = serializers.DateField(source="kegiatan.tanggal")
    status = serializers.CharField(source="kegiatan.status", help_text="diajukan, disetujui, ditolak …")
    jp = serializers.DecimalField(source="kegiatan.jp", max_digits=6, decimal_places=2)
    alasan = serializers.CharField(source="kegiatan.alasan")
    penyelenggara = serializers.CharField()
    nomor_sertifikat = serializers.CharField()


class GalatSerializer(serializers.Serializer):
    detail = serializers.CharField()
