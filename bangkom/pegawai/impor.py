"""Employee import from Excel: a template, a preview listing every row's problems, and
an all-or-nothing commit that updates existing employees (matched by NIP) instead of duplicating."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from openpyxl import Workbook, load_workbook

from bangkom.lib.cetak import tak_tercetak
from bangkom.lib.sel import baris_xlsx

from .models import Jabatan, Pegawai, PerangkatDaerah, UnitKerja
from .nip import NIPTidakValid, urai_ni_pppk, urai_nip
from .services import pegawai_ganti_atasan

KOLOM = [
    ("nip", "NIP / NI PPPK"),
    ("nama", "Nama"),
    ("gelar_depan", "Gelar Depan"),
    ("gelar_belakang", "Gelar Belakang"),
    ("jenis_asn", "Jenis ASN"),
    ("golongan", "Golongan"),
    ("pangkat", "Pangkat"),
    ("kode_jabatan", "Kode Jabatan"),
    ("kode_opd", "Kode OPD"),
    ("kode_unit", "Kode Unit"),
    ("nip_atasan", "NIP Atasan"),
    ("email", "Email"),
]
WAJIB = {"nip", "nama", "jenis_asn", "kode_jabatan", "kode_opd", "kode_unit"}
BARIS_MAKS = 50_000
# An .xlsx is a zip: refuse archives that would inflate far beyond a real employee list.
UKURAN_TERURAI_MAKS = 200 * 1024 * 1024


class BerkasTidakValid(ValueError):
    pass


@dataclass
class BarisImpor:
    nomor: int
    data: dict
    masalah: list[str] = field(default_factory=list)
    baru: bool | None = None  # for imports keyed by an existing record: created (True) or updated (False)


@dataclass
class HasilPratinjau:
    baris: list[BarisImpor]

    @property
    def bermasalah(self) -> list[BarisImpor]:
        return [b for b in self.baris if b.masalah]

    @property
    def jumlah_baru(self) -> int:
        return sum(b.baru is True for b in self.baris)

    @property
    def jumlah_diperbarui(self) -> int:
        return sum(b.baru is False for b in self.baris)

    @property
    def valid(self) -> bool:
        return bool(self.baris) and not self.bermasalah

    def wajib_valid(self) -> HasilPratinjau:
        """The commit's precondition: all or nothing, so one rejected row refuses the whole file."""
        if not self.valid:
            raise BerkasTidakValid(f"{len(self.bermasalah)} baris bermasalah; tidak ada data yang diimpor.")
        return self


def _nip_contoh() -> str:
    """A valid NIP no employee has: the example row, uploaded as it is, creates a new employee
    instead of overwriting a real one."""
    ada = set(Pegawai.objects.filter(nip__startswith="19850312201001").values_list("nip", flat=True))
    return next(n for n in (f"198503122010011{u:03d}" for u in range(1, 1000)) if n not in ada)


def templat_xlsx() -> bytes:
    """The import template: the "Pegawai" sheet (headers and one example row built from the real
    master data, so the file as downloaded passes the preview) and one sheet per code column
    listing the valid codes with their names."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Pegawai"
    ws.append([judul for _, judul in KOLOM])
    unit = UnitKerja.objects.select_related("opd").order_by("opd__kode", "kode").first()
    jabatan = Jabatan.objects.order_by("kode").first()
    if unit is not None and jabatan is not None:
        ws.append(baris_xlsx(ws, [
            _nip_contoh(), "Contoh Nama Pegawai", "", "S.E.", "PNS", "III/a", "Penata Muda", jabatan.kode,
            unit.opd.kode, unit.kode, "", "contoh.pegawai@example.go.id",
        ]))
    for kolom in ws.columns:
        ws.column_dimensions[kolom[0].column_letter].width = 20
    daftar = [
        ("Kode OPD", ["Kode OPD", "Nama OPD"], PerangkatDaerah.objects.order_by("kode").values_list("kode", "nama")),
        ("Kode Unit", ["Kode OPD", "Kode Unit", "Nama Unit"],
         UnitKerja.objects.order_by("opd__kode", "kode").values_list("opd__kode", "kode", "nama")),
        ("Kode Jabatan", ["Kode Jabatan", "Nama Jabatan", "Jenis"],
         Jabatan.objects.order_by("kode").values_list("kode", "nama", "jenis")),
    ]
    for judul, kepala, baris in daftar:
        lembar = wb.create_sheet(judul)
        lembar.append(kepala)
        for b in baris:
            lembar.append(baris_xlsx(lembar, b))
        for i, _ in enumerate(kepala):
            lembar.column_dimensions["ABC"[i]].width = 45 if i == len(kepala) - 1 else 20
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _baca(isi: bytes) -> list[BarisImpor]:
    return baca_xlsx(isi, kolom=KOLOM, wajib=WAJIB)


def baca_xlsx(isi: bytes, *, kolom: list[tuple[str, str]], wajib: set[str]) -> list[BarisImpor]:
    """Read the first sheet of an .xlsx into rows keyed by `kolom` keys (header matched by title,
    case-insensitive); shared by every Excel import (employees, competency standards)."""
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
            if sum(i.file_size for i in arsip.infolist()) > UKURAN_TERURAI_MAKS:
                raise BerkasTidakValid("Berkas terlalu besar setelah diurai; periksa kembali isinya.")
        wb = load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        if isinstance(exc, BerkasTidakValid):
            raise
        raise BerkasTidakValid("Berkas bukan file Excel (.xlsx) yang valid atau rusak.") from None
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    try:
        header = [str(h or "").strip().lower() for h in next(rows)]
    except StopIteration:
        raise BerkasTidakValid("Berkas kosong: tidak ada baris judul kolom.") from None
    indeks = {}
    for kunci, judul in kolom:
        if judul.lower() in header:
            indeks[kunci] = header.index(judul.lower())
    kurang = [judul for kunci, judul in kolom if kunci in wajib and kunci not in indeks]
    if kurang:
        raise BerkasTidakValid("Kolom wajib tidak ditemukan: " + ", ".join(kurang) + ". Gunakan templat impor.")
    hasil = []
    for nomor, row in enumerate(rows, start=2):
        if nomor - 1 > BARIS_MAKS:
            raise BerkasTidakValid(f"Berkas berisi lebih dari {BARIS_MAKS} baris; bagi menjadi beberapa berkas.")
        if row is None or all(v in (None, "") for v in row):
            continue
        data = {}
        for kunci, i in indeks.items():
            v = row[i] if i < len(row) else None
            if isinstance(v, float) and v.is_integer():
                v = int(v)
            data[kunci] = str(v).strip() if v is not None else ""
        hasil.append(BarisImpor(nomor=nomor, data=data))
    wb.close()
    return hasil


def pratinjau(isi: bytes) -> HasilPratinjau:
    baris = _baca(isi)
    opd = {o.kode: o for o in PerangkatDaerah.objects.all()}
    jabatan = {j.kode: j for j in Jabatan.objects.all()}
    unit = {(u.opd.kode, u.kode): u for u in UnitKerja.objects.select_related("opd")}
    nip_ada = set(Pegawai.objects.values_list("nip", flat=True))
    nip_berkas: dict[str, int] = {}
    for b in baris:
        d = b.data
        for kunci, judul in KOLOM:
            if kunci in WAJIB and not d.get(kunci):
                b.masalah.append(f"{judul} wajib diisi.")
        jenis = d.get("jenis_asn", "").upper()
        if jenis and jenis not in ("PNS", "PPPK"):
            b.masalah.append(f"Jenis ASN '{d['jenis_asn']}' tidak dikenal (isi PNS atau PPPK).")
        if d.get("nip"):
            try:
                d["nip"] = (urai_ni_pppk if jenis == "PPPK" else urai_nip)(d["nip"]).nilai
            except NIPTidakValid as exc:
                b.masalah.append(str(exc))
            else:
                b.baru = d["nip"] not in nip_ada
                if d["nip"] in nip_berkas:
                    b.masalah.append(f"NIP {d['nip']} ganda: sudah ada di baris {nip_berkas[d['nip']]}.")
                else:
                    nip_berkas[d["nip"]] = b.nomor
        for kunci in ("nama", "gelar_depan", "gelar_belakang"):  # printed on every sheet
            if buruk := tak_tercetak(d.get(kunci, "")):
                b.masalah.append(f"{dict(KOLOM)[kunci]} berisi karakter yang tidak dapat dicetak pada lembar "
                                 f"kegiatan: {' '.join(buruk[:10])}.")
        if d.get("kode_opd") and d["kode_opd"] not in opd:
            b.masalah.append(f"OPD dengan kode '{d['kode_opd']}' tidak ditemukan.")
        elif d.get("kode_unit") and (d["kode_opd"], d["kode_unit"]) not in unit:
            b.masalah.append(f"Unit kerja '{d['kode_unit']}' tidak ditemukan di OPD '{d['kode_opd']}'.")
        if d.get("kode_jabatan") and d["kode_jabatan"] not in jabatan:
            b.masalah.append(f"Jabatan dengan kode '{d['kode_jabatan']}' tidak ditemukan.")
    for b in baris:
        atasan = b.data.get("nip_atasan")
        if atasan:
            if atasan == b.data.get("nip"):
                b.masalah.append("NIP atasan sama dengan NIP pegawai sendiri.")
            elif atasan not in nip_ada and atasan not in nip_berkas:
                b.masalah.append(f"Atasan dengan NIP {atasan} tidak ditemukan (di basis data maupun di berkas).")
    return HasilPratinjau(baris=baris)


@transaction.atomic
def pegawai_impor(*, isi: bytes, oleh=None) -> dict:
    """Commit a file whose preview is clean. All or nothing: any problem writes no row."""
    hasil = pratinjau(isi).wajib_valid()
    opd = {o.kode: o for o in PerangkatDaerah.objects.all()}
    jabatan = {j.kode: j for j in Jabatan.objects.all()}
    unit = {(u.opd.kode, u.kode): u for u in UnitKerja.objects.select_related("opd")}
    User = get_user_model()
    dibuat = diperbarui = 0
    per_nip = {}
    for b in hasil.baris:
        d = b.data
        nilai = dict(
            nama=d["nama"], gelar_depan=d.get("gelar_depan", ""), gelar_belakang=d.get("gelar_belakang", ""),
            jenis_asn=d["jenis_asn"].upper(), golongan=d.get("golongan", ""), pangkat=d.get("pangkat", ""),
            jabatan=jabatan[d["kode_jabatan"]], opd=opd[d["kode_opd"]], unit=unit[(d["kode_opd"], d["kode_unit"])],
            email=d.get("email", ""), aktif=True,
        )
        pegawai, baru = Pegawai.objects.update_or_create(nip=d["nip"], defaults=nilai)
        if pegawai.user_id is None:
            user, akun_baru = User.objects.get_or_create(username=pegawai.nip, defaults={"email": pegawai.email})
            if akun_baru:  # no password: the account signs in once activated (aktivasi.py)
                user.set_unusable_password()
                user.save(update_fields=["password"])
            pegawai.user = user
            pegawai.save(update_fields=["user"])
        per_nip[pegawai.nip] = pegawai
        dibuat += baru
        diperbarui += not baru
    for b in hasil.baris:
        atasan_nip = b.data.get("nip_atasan") or None
        pegawai = per_nip[b.data["nip"]]
        atasan = (per_nip.get(atasan_nip) or Pegawai.objects.get(nip=atasan_nip)) if atasan_nip else None
        # Through the service: the old supervisor's access and running coaching end (access follows
        # the current relationship), work waiting for them moves to the new one.
        pegawai_ganti_atasan(pegawai=pegawai, atasan=atasan, oleh=oleh)
    return {"dibuat": dibuat, "diperbarui": diperbarui, "baris": len(hasil.baris)}
