"""LMS course completions in bulk (issue 21): a CSV or XLSX exported by a learning management system,
read through the chosen source's column mapping (`SumberLMS`), previewed with every rejected row, and
committed all or nothing through `bangkom.pegawai.impor_alur`. Each new completion becomes an external
activity "diajukan" through `eksternal.kegiatan_eksternal_ajukan`, the same service as the form and the
API, so the supervisor verifies it like any other submission. A completion already recorded (an earlier
import, an earlier row of the same file, the same certificate, the same course submitted by form/API)
is skipped, not refused."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import cast

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from bangkom.notifikasi.services import notifikasi_kirim
from bangkom.pegawai.impor import BarisImpor, BerkasTidakValid, HasilPratinjau
from bangkom.pegawai.impor_tabel import baca_tabel
from bangkom.pegawai.models import Pegawai

from . import rules
from .eksternal import catatan_bukti, kegiatan_eksternal_ajukan
from .models import Kegiatan, KegiatanEksternal, PenyelesaianLMS, StatusKegiatan, SumberLMS
from .penjaga import kegiatan_validasi, tanggal_di_luar_rentang

# field → what the messages call it; the first four are required in every mapping.
BIDANG = {
    "nip": "NIP", "materi": "judul kursus", "tanggal": "tanggal selesai", "jp": "JP",
    "penyelenggara": "penyelenggara", "nomor_sertifikat": "nomor sertifikat", "url_bukti": "URL bukti",
}
WAJIB = {"nip", "materi", "tanggal", "jp"}
DILEWATI = "Sudah ada — dilewati"
_url_sah = URLValidator(schemes=["http", "https"])


def kolom(sumber: SumberLMS) -> list[tuple[str, str]]:
    """(field, column title in the file) for the fields the source maps."""
    return [(k, getattr(sumber, f"kolom_{k}")) for k in BIDANG if getattr(sumber, f"kolom_{k}")]


def kunci_materi(materi: str) -> str:
    """A course title as compared for duplicates: case and spacing do not make another course."""
    return " ".join(materi.split()).casefold()[:300]


@dataclass
class BarisLMS(BarisImpor):
    dilewati: str = ""  # why the row is a completion already recorded (empty: it will be created)
    pegawai: Pegawai | None = None
    nilai: dict = field(default_factory=dict)  # the parsed values, once the row has no problem


@dataclass
class HasilLMS(HasilPratinjau):
    sumber: SumberLMS | None = None

    @property
    def baris_lms(self) -> list[BarisLMS]:
        return cast(list[BarisLMS], self.baris)  # `pratinjau` builds it from BarisLMS only

    @property
    def baru(self) -> list[BarisLMS]:
        return [b for b in self.baris_lms if not b.masalah and not b.dilewati]

    @property
    def dilewati(self) -> list[BarisLMS]:
        return [b for b in self.baris_lms if b.dilewati]


def _baca(isi: bytes, sumber: SumberLMS) -> list[BarisLMS]:
    try:
        baris = baca_tabel(isi, kolom=kolom(sumber), wajib=set())
    except BerkasTidakValid as exc:
        raise BerkasTidakValid(f"{exc} (pemetaan kolom '{sumber.nama}')") from None
    if not baris:
        raise BerkasTidakValid("Berkas tidak berisi baris data.")
    # Read without required columns, so the message can name the mapping and the titles it expects.
    kurang = [f"'{judul}' ({BIDANG[k]})" for k, judul in kolom(sumber) if k in WAJIB and k not in baris[0].data]
    if kurang:
        raise BerkasTidakValid(
            f"Kolom wajib tidak ditemukan menurut pemetaan '{sumber.nama}': {', '.join(kurang)}. Periksa judul "
            "kolom berkas atau ubah pemetaan sumber LMS."
        )
    return [BarisLMS(nomor=b.nomor, data=b.data) for b in baris]


def _tanggal(teks: str, sumber: SumberLMS) -> date:
    # A real date cell of an .xlsx arrives as "2026-03-04 00:00:00" whatever the mapping says; ISO is unambiguous.
    for urai in (lambda t: datetime.strptime(t, sumber.format_tanggal), datetime.fromisoformat):
        try:
            return urai(teks).date()
        except ValueError:
            continue
    contoh = date(2026, 12, 31).strftime(sumber.format_tanggal)
    raise ValueError(f"Tanggal '{teks}' tidak sesuai format pemetaan '{sumber.nama}' (contoh {contoh}).")


def _jp(teks: str) -> Decimal:
    try:
        jp = Decimal(teks.replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"JP '{teks}' bukan angka.") from None
    if not jp.is_finite() or jp <= 0:
        raise ValueError(f"JP harus lebih dari 0 (tertulis '{teks}').")
    if jp > rules.JP_MAKS_SEHARI:
        raise ValueError(f"JP {teks} tidak masuk akal untuk kursus yang selesai dalam satu hari (maksimal "
                         f"{rules.JP_MAKS_SEHARI}).")
    if jp != jp.quantize(Decimal("0.01")):
        raise ValueError(f"JP '{teks}' paling banyak dua angka di belakang koma.")
    return jp


def _periksa(b: BarisLMS, pegawai: dict[str, Pegawai], sumber: SumberLMS, hari_ini: date) -> None:
    """The row's own problems (no duplicates yet); fills `b.nilai` and `b.pegawai` when it has none."""
    d, m = b.data, b.masalah
    for k in sorted(WAJIB):
        if not d.get(k):
            m.append(f"Kolom '{getattr(sumber, f'kolom_{k}')}' ({BIDANG[k]}) kosong.")
    nip = d.get("nip", "").replace(" ", "")
    if nip:
        b.pegawai = pegawai.get(nip)
        if b.pegawai is None:
            m.append(f"Pegawai aktif dengan NIP {nip} tidak ditemukan.")
    if len(d.get("materi", "")) > 300:
        m.append("Judul kursus lebih dari 300 karakter.")
    tanggal = jp = None
    try:
        tanggal = _tanggal(d["tanggal"], sumber) if d.get("tanggal") else None
        jp = _jp(d["jp"]) if d.get("jp") else None
    except ValueError as exc:
        m.append(str(exc))
    if tanggal is not None:
        if pesan := tanggal_di_luar_rentang(tanggal, hari_ini=hari_ini):
            m.append(pesan)
        elif tanggal > hari_ini:
            m.append(f"Tanggal selesai {tanggal:%d-%m-%Y} di masa depan.")
    penyelenggara = d.get("penyelenggara") or sumber.penyelenggara_bawaan
    if not penyelenggara:
        m.append(f"Penyelenggara kosong dan pemetaan '{sumber.nama}' tidak memiliki penyelenggara bawaan.")
    nomor, url = d.get("nomor_sertifikat", ""), d.get("url_bukti", "")
    if len(nomor) > 100:
        m.append("Nomor sertifikat lebih dari 100 karakter.")
    if url:
        try:
            _url_sah(url)
        except ValidationError:
            m.append(f"URL bukti '{url[:80]}' tidak valid (harus diawali http:// atau https://).")
    if not nomor and not url:
        m.append("Isi nomor sertifikat atau URL bukti: salah satu menjadi bukti kegiatan.")
    if not m:
        b.nilai = dict(tanggal=tanggal, jp=jp, materi=" ".join(d["materi"].split()), penyelenggara=penyelenggara[:200],
                       nomor_sertifikat=nomor, url_bukti=url)


def _sudah_ada(sumber: SumberLMS, pegawai_ids: set[int]) -> tuple[dict, dict, dict]:
    """What is already recorded for the file's employees: completions of this source by (employee, course,
    date) and by certificate number, and every external activity's certificate number per employee (the same
    certificate submitted by form or API), plus the same course on the same day submitted another way."""
    ada = PenyelesaianLMS.objects.filter(sumber=sumber)
    per_kunci = {(p, m, t): "impor sebelumnya" for p, m, t in
                 ada.filter(pegawai_id__in=pegawai_ids).values_list("pegawai_id", "kunci_materi", "tanggal")}
    for p, m, t in (Kegiatan.objects.filter(pegawai_id__in=pegawai_ids, jenis=sumber.jenis)
                    .exclude(status=StatusKegiatan.DITOLAK).values_list("pegawai_id", "materi", "tanggal")):
        per_kunci.setdefault((p, kunci_materi(m), t), "sudah diajukan melalui formulir/API")
    per_nomor = dict(ada.exclude(nomor_sertifikat="").values_list("nomor_sertifikat", "pegawai_id"))
    nomor_pegawai = dict.fromkeys(
        KegiatanEksternal.objects.filter(kegiatan__pegawai_id__in=pegawai_ids).exclude(nomor_sertifikat="")
        .values_list("kegiatan__pegawai_id", "nomor_sertifikat"), "nomor sertifikat sama sudah tercatat")
    return per_kunci, per_nomor, nomor_pegawai


def _tandai_ganda(baris: list[BarisLMS], sumber: SumberLMS) -> None:
    per_kunci, per_nomor, nomor_pegawai = _sudah_ada(sumber, {b.pegawai.pk for b in baris if b.pegawai})
    for b in baris:
        if b.masalah:
            continue
        assert b.pegawai is not None
        pk, n = b.pegawai.pk, b.nilai["nomor_sertifikat"]
        if n and per_nomor.get(n, pk) != pk:
            b.masalah.append(f"Nomor sertifikat {n} sudah tercatat untuk pegawai lain dari sumber ini.")
            continue
        kunci = (pk, kunci_materi(b.nilai["materi"]), b.nilai["tanggal"])
        alasan = per_kunci.get(kunci) or (nomor_pegawai.get((pk, n)) if n else None)
        if alasan:
            b.dilewati = f"{DILEWATI} ({alasan})"
            continue
        per_kunci[kunci] = f"sama dengan baris {b.nomor}"
        if n:
            per_nomor[n] = pk
            nomor_pegawai[(pk, n)] = f"nomor sertifikat sama dengan baris {b.nomor}"


def _periksa_buku_besar(baris: list[BarisLMS], sumber: SumberLMS) -> None:
    """The ledger's own guards (RULES §3) for each new row, and the 24-JP day across the file's rows."""
    per_hari: defaultdict[tuple[int, date], Decimal] = defaultdict(Decimal)
    dihitung_jp = rules.form(sumber.jenis).unit == rules.JP
    for b in baris:
        if b.masalah or b.dilewati:
            continue
        assert b.pegawai is not None
        v = b.nilai
        try:
            kegiatan_validasi(pegawai=b.pegawai, jenis=sumber.jenis, tanggal=v["tanggal"], materi=v["materi"],
                              jp_belajar=v["jp"] if dihitung_jp else None)
        except ValidationError as exc:
            b.masalah.extend(exc.messages)
            continue
        per_hari[(b.pegawai.pk, v["tanggal"])] += v["jp"]
        if per_hari[(b.pegawai.pk, v["tanggal"])] > rules.JP_MAKS_SEHARI:
            b.masalah.append(f"Jumlah JP pegawai ini pada {v['tanggal']:%d-%m-%Y} dalam berkas lebih dari "
                             f"{rules.JP_MAKS_SEHARI}.")


def pratinjau(isi: bytes, *, sumber: SumberLMS) -> HasilLMS:
    """Every row with its problems, or why it is skipped; the file is committed only when no row has a problem."""
    baris = _baca(isi, sumber)
    nip = {b.data.get("nip", "").replace(" ", "") for b in baris}
    pegawai = {p.nip: p for p in Pegawai.objects.filter(nip__in=nip, aktif=True).select_related("atasan")}
    hari_ini = timezone.localdate()
    for b in baris:
        _periksa(b, pegawai, sumber, hari_ini)
    _tandai_ganda(baris, sumber)
    _periksa_buku_besar(baris, sumber)
    return HasilLMS(baris=list(baris), sumber=sumber)


def lms_impor(*, isi: bytes, sumber: SumberLMS, oleh=None) -> dict:
    """Commit a file whose preview is clean: all or nothing. Returns the counts (`dibuat`, `dilewati`,
    `baris`; `diperbarui` is always 0: a completion is never changed by a later import)."""
    try:
        with transaction.atomic():
            hasil = pratinjau(isi, sumber=sumber)
            hasil.wajib_valid()
            return _simpan(hasil, oleh=oleh)
    except IntegrityError:  # the same completions committed by a concurrent import
        raise BerkasTidakValid("Sebagian penyelesaian baru saja diimpor bersamaan; unggah berkas sekali lagi "
                               "untuk melihat yang tersisa.") from None


def _simpan(hasil: HasilLMS, *, oleh) -> dict:
    sumber = hasil.sumber
    assert sumber is not None
    per_atasan: defaultdict[Pegawai, int] = defaultdict(int)
    oleh = oleh if getattr(oleh, "is_authenticated", False) else None
    for b in hasil.baru:
        v, pegawai = b.nilai, b.pegawai
        assert pegawai is not None
        try:
            eksternal = kegiatan_eksternal_ajukan(
                pegawai=pegawai, jenis=sumber.jenis, tanggal=v["tanggal"], materi=v["materi"],
                penyelenggara=v["penyelenggara"], jp_belajar=v["jp"], nomor_sertifikat=v["nomor_sertifikat"],
                keterangan=f"Diimpor dari {sumber.nama}." + (f" Bukti: {v['url_bukti']}" if v["url_bukti"] else ""),
                sertifikat=catatan_bukti(asal=f"diimpor dari {sumber.nama}", materi=v["materi"],
                                         penyelenggara=v["penyelenggara"], nomor_sertifikat=v["nomor_sertifikat"],
                                         url_bukti=v["url_bukti"], nama="bukti-lms.txt"),
                diajukan_oleh=oleh, beri_tahu=False,
            )
        except ValidationError as exc:
            raise BerkasTidakValid(f"Baris {b.nomor}: {' '.join(exc.messages)} Tidak ada data yang diimpor.") from None
        PenyelesaianLMS.objects.create(
            sumber=sumber, eksternal=eksternal, pegawai=pegawai, kunci_materi=kunci_materi(v["materi"]),
            tanggal=v["tanggal"], nomor_sertifikat=v["nomor_sertifikat"],
        )
        if pegawai.atasan is not None:
            per_atasan[pegawai.atasan] += 1
    # One message per supervisor for the whole file, not one per course.
    for atasan, n in per_atasan.items():
        notifikasi_kirim(penerima=atasan, judul=f"{n} kegiatan dari {sumber.nama} menunggu verifikasi Anda",
                         pesan="Penyelesaian kursus yang diimpor BPSDM; periksa buktinya lalu paraf.",
                         tautan=reverse("jp:verifikasi"))
    return {"baris": len(hasil.baris), "dibuat": len(hasil.baru), "diperbarui": 0, "dilewati": len(hasil.dilewati)}


@transaction.atomic
def sumber_lms_simpan(*, sumber: SumberLMS | None, data: dict) -> SumberLMS:
    """Create a source or change its mapping (the next import reads the file with it; completions
    already imported keep their source)."""
    sumber = sumber or SumberLMS()
    for nama, nilai in data.items():
        setattr(sumber, nama, nilai.strip() if isinstance(nilai, str) else nilai)
    sumber.full_clean()
    sumber.save()
    return sumber
