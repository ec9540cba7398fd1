"""The /api/v1/ endpoints: thin views over the selectors and services of the apps below. JP numbers
come only from the ledger and the rules engine (jp_conversion); compliance from the selectors the
"Rekap Pemenuhan 20 JP" page uses."""
from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from bangkom.dokumen import lembar as lembar_svc
from bangkom.dokumen import unduhan
from bangkom.dokumen.models import LembarTerbit
from bangkom.lib.berkas import validasi_berkas
from jp_conversion import selectors as sel
from jp_conversion.eksternal import catatan_bukti
from jp_conversion.rekap_opd import rekap_saringan
from jp_conversion.ringkasan import ringkasan_jp

from . import akses
from . import serializers as s
from .autentikasi import klien_wajib
from .dasar import TampilanAPI
from .models import Cakupan
from .services import KunciSudahDipakai, kiriman_ajukan

GALAT: dict = {400: OpenApiResponse(description="Parameter atau isian tidak sah (pesan per kolom)"),
         401: OpenApiResponse(s.GalatSerializer, "Tanpa kunci atau kunci tidak sah"),
         403: OpenApiResponse(s.GalatSerializer, "Di luar cakupan kunci"),
         404: OpenApiResponse(s.GalatSerializer, "Tidak ditemukan atau di luar perangkat daerah klien"),
         429: OpenApiResponse(s.GalatSerializer, "Batas panggilan per menit terlampaui")}


ID_MAKS = 2**31 - 1  # a larger id is no row (and overflows SQLite's integer)


class Halaman(PageNumberPagination):
    page_size = 100
    page_size_query_param = "ukuran"
    max_page_size = 500


class SaringTahun(serializers.Serializer):
    tahun = serializers.IntegerField(required=False, min_value=2000, max_value=2100,
                                     help_text="Tahun JP; bawaan tahun berjalan.")


class SaringPegawai(serializers.Serializer):
    opd = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAKS, help_text="id perangkat daerah")
    unit = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAKS, help_text="id unit kerja")
    diubah_sejak = serializers.DateTimeField(
        required=False, help_text="Hanya pegawai yang datanya berubah sejak waktu ini (ISO 8601)."
    )


class SaringPemenuhan(SaringTahun):
    opd = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAKS, help_text="id perangkat daerah")
    unit = serializers.IntegerField(required=False, min_value=1, max_value=ID_MAKS, help_text="id unit kerja")
    status = serializers.ChoiceField(choices=[("tercapai", "tercapai"), ("belum", "belum")], required=False)


class SaringLembar(serializers.Serializer):
    nip = serializers.CharField(required=False, max_length=18)
    jenis = serializers.ChoiceField(choices=["coaching", "mentoring", "belajar_mandiri"], required=False)


def _saring(kelas, request) -> dict:
    kosong = sorted(k for k, v in request.query_params.items() if v == "")
    if kosong:
        raise serializers.ValidationError({k: ["Parameter kosong: isi atau hapus dari alamat."] for k in kosong})
    f = kelas(data=request.query_params)
    f.is_valid(raise_exception=True)
    return f.validated_data


def _tahun(data: dict) -> int:
    return data.get("tahun") or timezone.localdate().year


def _saring_kolom(qs, data: dict, **kolom):
    """Narrow `qs` by each query parameter given: `kolom` maps a parameter to its lookup."""
    for param, lookup in kolom.items():
        if data.get(param):
            qs = qs.filter(**{lookup: data[param]})
    return qs


# A paged list endpoint: its query parameters checked by `saring`, the client's rows from `baris`, each
# page written by `serializer`. A subclass declares those and, as class keywords, its operation's id,
# summary and tag; the schema's parameters and page shape come from the same attributes, so the
# documentation cannot drift from what the endpoint reads and returns. (A comment, not a docstring:
# drf-spectacular publishes the nearest class docstring as each operation's description.)
class DaftarAPI(TampilanAPI):
    saring: type[serializers.Serializer]
    serializer: type[serializers.Serializer]

    def __init_subclass__(cls, *, operation_id: str, summary: str, tag: str, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        extend_schema_view(get=extend_schema(
            parameters=[cls.saring], responses={200: s.halaman(cls.serializer), **GALAT},
            operation_id=operation_id, summary=summary, tags=[tag],
        ))(cls)

    def baris(self, klien, data: dict):
        raise NotImplementedError

    def siapkan(self, baris: list) -> list:
        """Completes one page's rows before they are serialised."""
        return baris

    def get(self, request):
        data = _saring(self.saring, request)
        paginator = Halaman()
        halaman = paginator.paginate_queryset(self.baris(klien_wajib(request), data), request, view=self)
        return paginator.get_paginated_response(self.serializer(self.siapkan(halaman or []), many=True).data)


class PegawaiDaftar(DaftarAPI, operation_id="pegawai_daftar", summary="Daftar pegawai", tag="pegawai"):
    cakupan = Cakupan.BACA_PEGAWAI
    saring = SaringPegawai
    serializer = s.PegawaiSerializer

    def baris(self, klien, data):
        qs = akses.pegawai_klien(klien).select_related("opd", "unit", "jabatan", "atasan")
        qs = _saring_kolom(qs, data, opd="opd_id", unit="unit_id")
        if data.get("diubah_sejak"):
            qs = qs.filter(pk__in=qs.model.history.filter(history_date__gte=data["diubah_sejak"]).values("id"))
        return qs.order_by("nip")


class JPPegawai(TampilanAPI):
    cakupan = Cakupan.BACA_JP

    @extend_schema(responses={200: s.JPTahunanSerializer, **GALAT},
                   operation_id="jp_pegawai",
                   summary="JP satu pegawai per tahun, setiap kredit dan alasannya", tags=["jp"])
    def get(self, request, nip: str, tahun: str):
        if not (tahun.isascii() and tahun.isdigit() and 2000 <= int(tahun) <= 2100):
            raise Http404("Tahun harus antara 2000 dan 2100.")
        pegawai = akses.pegawai_klien_atau_404(klien_wajib(request), nip)
        r = ringkasan_jp(pegawai=pegawai, tahun=int(tahun), hari_ini=timezone.localdate())
        per_jenis = [{"jenis": label, "jp": jp, "jumlah_kegiatan": n} for label, jp, n in r.per_jenis]
        data = {"pegawai": pegawai, "tahun": int(tahun), "target": r.target, "batas_atas": r.batas_atas,
                "total": r.total, "tercapai": r.tercapai, "menunggu": r.menunggu, "per_jenis": per_jenis,
                "kegiatan": r.kegiatan}
        return Response(s.JPTahunanSerializer(data).data)


def _daftar_pemenuhan(klien, data: dict):
    tahun = _tahun(data)
    qs = _saring_kolom(akses.pegawai_klien(klien), data, unit="unit_id")
    opd = None
    if data.get("opd"):
        opd = akses.opd_klien(klien).filter(pk=data["opd"]).first()
        if opd is None:
            raise Http404("Perangkat daerah tidak ditemukan.")
    daftar = sel.pemenuhan_daftar(qs, tahun=tahun, target=sel.target_per_jenis(tahun), opd=opd,
                                  status=data.get("status", ""), urut="nip")
    return tahun, daftar


class PemenuhanOPD(TampilanAPI):
    cakupan = Cakupan.BACA_JP

    @extend_schema(parameters=[SaringPemenuhan], responses={200: s.PemenuhanOPDSerializer, **GALAT},
                   operation_id="pemenuhan_opd", summary="Pemenuhan 20 JP per perangkat daerah", tags=["pemenuhan"])
    def get(self, request):
        klien, data = klien_wajib(request), _saring(SaringPemenuhan, request)
        tahun, daftar = _daftar_pemenuhan(klien, data)
        per_opd, ringkas, _ = rekap_saringan(  # whole OPDs: the summary, as on the report page
            daftar, tahun=tahun, utuh=not (data.get("unit") or data.get("status")), opd_id=data.get("opd"),
            opd_qs=akses.opd_klien(klien),
        )
        return Response(s.PemenuhanOPDSerializer({"tahun": tahun, "opd": per_opd, "ringkasan": ringkas}).data)


class PemenuhanPegawai(DaftarAPI, operation_id="pemenuhan_pegawai", summary="Pemenuhan 20 JP per pegawai",
                       tag="pemenuhan"):
    cakupan = Cakupan.BACA_JP
    saring = SaringPemenuhan
    serializer = s.PemenuhanPegawaiSerializer

    def baris(self, klien, data):
        return _daftar_pemenuhan(klien, data)[1]


def _lembar_data(daftar) -> list[dict]:
    berlaku = lembar_svc.lembar_berlaku_banyak(daftar)
    disimpan = set(
        LembarTerbit.objects.filter(pk__in=[t.pk for t in daftar], versi__isnull=False)
        .exclude(versi__berkas="").values_list("pk", flat=True)
    )
    for t in daftar:
        t.berlaku = berlaku.get(t.pk, False)
        t.url_verifikasi = lembar_svc.url_verifikasi(t.kode)
        t.pdf_tersedia = t.pk in disimpan
    return daftar


class LembarDaftar(DaftarAPI, operation_id="lembar_daftar", summary="Lembar kegiatan terbit", tag="lembar"):
    cakupan = Cakupan.BACA_JP
    saring = SaringLembar
    serializer = s.LembarSerializer

    def baris(self, klien, data):
        qs = akses.lembar_klien(klien).select_related("pegawai").order_by("-diterbitkan_pada", "-pk")
        return _saring_kolom(qs, data, nip="pegawai__nip", jenis="jenis")

    def siapkan(self, baris):
        return _lembar_data(baris)


class LembarDetail(TampilanAPI):
    cakupan = Cakupan.BACA_JP

    @extend_schema(responses={200: s.LembarSerializer, **GALAT},
                   operation_id="lembar_detail", summary="Metadata satu lembar kegiatan", tags=["lembar"])
    def get(self, request, kode: str):
        terbit = akses.lembar_klien_atau_404(klien_wajib(request), kode)
        return Response(s.LembarSerializer(_lembar_data([terbit])[0]).data)


class LembarPDF(TampilanAPI):
    cakupan = Cakupan.BACA_JP

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(description="PDF lembar (versi terbaru)"),
                              **GALAT},
                   operation_id="lembar_pdf", summary="Unduh PDF lembar kegiatan", tags=["lembar"])
    def get(self, request, kode: str):
        return unduhan.lembar_tersimpan(akses.lembar_klien_atau_404(klien_wajib(request), kode))


def _bukti(klien, data: dict):
    """The certificate file: the one sent (checked like an upload), or a note of the evidence URL."""
    berkas = data.get("_berkas")
    if berkas is not None:
        try:
            validasi_berkas(berkas, jenis=s.JENIS_BERKAS_BUKTI)
        except DjangoValidationError as e:
            raise DjangoValidationError({"berkas_bukti": e.messages}) from None
        return berkas
    return catatan_bukti(asal=f"dikirim melalui API oleh {klien.nama}", materi=data["materi"],
                         penyelenggara=data["penyelenggara"], nomor_sertifikat=data.get("nomor_sertifikat") or "",
                         url_bukti=data["url_bukti"], nama="bukti-api.txt")


class KegiatanEksternalKirim(TampilanAPI):
    cakupan = Cakupan.TULIS_KEGIATAN

    @extend_schema(request=s.KegiatanEksternalMasukSerializer,
                   responses={201: s.KegiatanEksternalKeluarSerializer, 200: s.KegiatanEksternalKeluarSerializer,
                              409: s.GalatSerializer, **GALAT},
                   operation_id="kegiatan_eksternal_kirim",
                   summary="Kirim kegiatan pengembangan eksternal (mis. penyelesaian kursus LMS)",
                   description="Kegiatan masuk berstatus 'diajukan' dan diverifikasi atasan langsung seperti "
                               "kiriman formulir. Kirim ulang dengan kunci_idempotensi yang sama mengembalikan "
                               "kegiatan yang sama (200), bukan kegiatan baru.",
                   tags=["kegiatan"])
    def post(self, request):
        klien = klien_wajib(request)
        masuk = s.KegiatanEksternalMasukSerializer(data=request.data)
        masuk.is_valid(raise_exception=True)
        data = dict(masuk.validated_data)
        pegawai = akses.pegawai_klien(klien).filter(nip=data["nip"], aktif=True).first()
        if pegawai is None:
            return Response({"nip": ["Pegawai aktif dengan NIP itu tidak ditemukan."]}, status=400)
        isi = {k: v for k, v in data.items() if k not in ("_berkas", "berkas_bukti")}
        isi["sidik_berkas"] = hashlib.sha256(data.get("berkas_bukti", "").encode()).hexdigest()
        try:
            hasil = kiriman_ajukan(klien=klien, pegawai=pegawai, kunci=data["kunci_idempotensi"], data=isi,
                                   sertifikat=_bukti(klien, data))
        except KunciSudahDipakai:
            return Response({"detail": "kunci_idempotensi ini sudah dipakai untuk kiriman dengan isi berbeda."},
                            status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as e:
            return Response(getattr(e, "message_dict", None) or {"detail": e.messages}, status=400)
        eksternal = hasil.kiriman.eksternal
        return Response(s.KegiatanEksternalKeluarSerializer(eksternal).data,
                        status=status.HTTP_201_CREATED if hasil.baru else status.HTTP_200_OK)
