"""Hostile input against every form of the project (bad input tried systematically).

Forms are discovered, not listed: every application URL from the URLconf is opened (GET) by the
actors who can see the most (Sari, Budi, Rina, Hasan, Dewi, and the anonymous visitor), every
<form> on the answer is parsed with html.parser, and each distinct form (method, target, fields) is
then submitted with hypothesis-drawn values: very long strings, HTML/script, SQL fragments, wrong
types, dates far in the past/future, negative numbers, invalid UTF-8, and for file inputs garbage,
an oversized file, a zip bomb disguised as .xlsx and non-UTF-8 file names. The answer must never be
a 5xx; when the form comes back (200) nothing may have been written.

A form that only appears after a first step (the import commit after a preview) is listed in
FORMULIR_TAMBAHAN. Every request is rolled back, so examples do not influence each other."""
from __future__ import annotations

import io
import os
import uuid
import zipfile
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.keamanan.peta_url import ParameterTidakDikenal, klien, minta, rute_admin, semua_rute, url_untuk

AKTOR_PERAYAP = ["anonim", "sari", "budi", "rina", "hasan", "dewi"]
# Forms whose submit would end the session of the crawling client, or that are Django's admin.
LEWATI_TUJUAN = {"keluar", "admin:logout"}


@dataclass
class Isian:
    nama: str
    jenis: str  # input type, "select", "textarea", "button"
    nilai: str = ""
    pilihan: list[str] = field(default_factory=list)


@dataclass
class Formulir:
    metode: str
    aksi: str
    isian: list[Isian]
    aktor: str
    halaman: str

    @property
    def kunci(self):
        return (self.metode, urlsplit(self.aksi).path, tuple(sorted({i.nama for i in self.isian})))


class _Pengurai(HTMLParser):
    def __init__(self, halaman: str, aktor: str):
        super().__init__(convert_charrefs=True)
        self.halaman, self.aktor = halaman, aktor
        self.formulir: list[Formulir] = []
        self._aktif: Formulir | None = None
        self._select: Isian | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._aktif = Formulir(
                metode=(a.get("method") or "get").lower(), aksi=a.get("action") or self.halaman,
                isian=[], aktor=self.aktor, halaman=self.halaman,
            )
        elif self._aktif is None or not a.get("name") or a["name"] == "csrfmiddlewaretoken":
            return
        elif tag == "input":
            jenis = (a.get("type") or "text").lower()
            if jenis in ("submit", "image", "reset"):
                return
            self._aktif.isian.append(Isian(a["name"], jenis, a.get("value") or ""))
        elif tag == "button" and (a.get("type") or "submit") == "submit":
            self._aktif.isian.append(Isian(a["name"], "button", a.get("value") or ""))
        elif tag == "textarea":
            self._aktif.isian.append(Isian(a["name"], "textarea"))
        elif tag == "select":
            self._select = Isian(a["name"], "select")
            self._aktif.isian.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.pilihan.append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form" and self._aktif is not None:
            self.formulir.append(self._aktif)
            self._aktif = None
        elif tag == "select":
            self._select = None


def formulir_di(html: str, halaman: str, aktor: str) -> list[Formulir]:
    p = _Pengurai(halaman, aktor)
    p.feed(html)
    hasil = []
    for f in p.formulir:
        # Buttons with the same name are one field whose value is one of theirs.
        gabung: dict[str, Isian] = {}
        for i in f.isian:
            if i.jenis == "button" and i.nama in gabung:
                gabung[i.nama].pilihan.append(i.nilai)
                continue
            if i.jenis == "button":
                i.pilihan = [i.nilai]
            gabung.setdefault(i.nama, i)
        f.isian = list(gabung.values())
        if f.isian:
            hasil.append(f)
    return hasil


# ------------------------------------------------------------------ hostile values ---------------------

TEKS_LIAR = [
    "",
    " ",
    "A" * 100_000,
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE pegawai_pegawai; --",
    "' OR '1'='1",
    "1; SELECT pg_sleep(10)",
    "../../../../etc/passwd",
    "{{ settings.SECRET_KEY }}",
    "%00\x00nul",
    "\u202e\u200b\ufeff",
    "𝕭𝖆𝖓𝖌𝖐𝖔𝖒 🙂",
    "-1",
    "-999999999999999999999",
    "0",
    "1e309",
    "NaN",
    "3.14.15",
    "0001-01-01",
    "9999-12-31",
    "31-02-2024",
    "2024-13-45",
    "25:61",
    "true",
    "[]",
    "{'a': 1}",
    "198805172012031203",
    "javascript:alert(1)",
    "http://evil.example/",
    "//evil.example/",
]
BYTES_LIAR = [b"\xff\xfe\xfa", b"\xc3\x28", "é".encode("latin-1")]


@cache
def _bom_zip() -> bytes:
    """~200 KB on the wire, 201 MB once inflated, named like a workbook."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            nol = bytes(1024 * 1024)
            for _ in range(201):
                f.write(nol)
    return buf.getvalue()


@cache
def _xlsx_sampah_besar() -> bytes:
    return b"PK\x03\x04" + bytes(range(256)) * (6 * 1024 * 1024 // 256)  # > the 5 MB limit


BERKAS_LIAR = [
    (b"bom.xlsx", _bom_zip),
    (b"besar.xlsx", _xlsx_sampah_besar),
    (b"sampah.xlsx", lambda: b"ini bukan excel \x00\xff" * 50),
    (b"kosong.xlsx", lambda: b""),
    ("pegawai-\xe9\xff.xlsx".encode("latin-1"), lambda: b"PK\x05\x06" + b"\x00" * 18),  # not UTF-8
    (b"../../etc/passwd.xlsx", lambda: b"PK"),
    (b"skrip.html", lambda: b"<script>alert(1)</script>"),
    ("laporan\u202excod.pdf".encode(), lambda: b"%PDF-1.4 rusak"),
]


def nilai_teks() -> st.SearchStrategy:
    return st.one_of(
        st.sampled_from(TEKS_LIAR),
        st.sampled_from(TEKS_LIAR).map(lambda t: t * 3),
        st.sampled_from(BYTES_LIAR),
        st.text(max_size=300),
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
        st.dates().map(str),
    )


def nilai_untuk(i: Isian) -> st.SearchStrategy:
    if i.jenis == "file":
        return st.sampled_from(BERKAS_LIAR).map(lambda b: ("file", b[0], b[1]()))
    if i.jenis in ("select", "button", "radio") and i.pilihan:
        return st.one_of(st.sampled_from(i.pilihan), nilai_teks())
    if i.jenis == "checkbox":
        return st.one_of(st.just(i.nilai or "on"), nilai_teks())
    return nilai_teks()


# ------------------------------------------------------------------ submitting --------------------------


def _multipart(nilai: list[tuple]) -> tuple[bytes, str]:
    batas = uuid.uuid4().hex
    bagian = []
    for nama, v in nilai:
        kepala = f'--{batas}\r\nContent-Disposition: form-data; name="{nama}"'.encode()
        if isinstance(v, tuple):
            _, nama_berkas, isi = v
            bagian.append(kepala + b'; filename="' + nama_berkas + b'"\r\nContent-Type: application/octet-stream'
                          + b"\r\n\r\n" + isi + b"\r\n")
        else:
            isi = v if isinstance(v, bytes) else v.encode("utf-8", "surrogatepass")
            bagian.append(kepala + b"\r\n\r\n" + isi + b"\r\n")
    return b"".join(bagian) + f"--{batas}--\r\n".encode(), f"multipart/form-data; boundary={batas}"


def kirim(dunia, f: Formulir, nilai: list[tuple]):
    c = klien(dunia, f.aktor)
    if f.metode == "get":
        qs = urlencode([(n, v) for n, v in nilai if not isinstance(v, tuple)])
        return minta(c, "get", f"{urlsplit(f.aksi).path}?{qs}", jejak=True)
    badan, jenis = _multipart(nilai)
    return minta(c, "post", f.aksi, data=badan, content_type=jenis, jejak=True)


def periksa(f: Formulir, nilai, resp):
    ringkas = [(n, (v[1], len(v[2])) if isinstance(v, tuple) else (v[:80] if isinstance(v, str | bytes) else v))
               for n, v in nilai]
    assert resp.status_code < 500, f"{f.metode.upper()} {f.aksi} as {f.aktor} → {resp.status_code} with {ringkas}"
    if resp.status_code == 200 and f.metode == "post":
        assert not resp.selisih, f"{f.aksi} re-rendered (200) but wrote rows {resp.selisih} with {ringkas}"


def formulir_proyek(dunia) -> list[Formulir]:
    """Every distinct form reachable by GET from the application's URLs."""
    semua: dict = {}
    for rute in semua_rute():
        if rute_admin(rute) or not rute.bernama:
            continue
        try:
            url = url_untuk(dunia, rute)
        except ParameterTidakDikenal:
            continue  # the access matrix reports it
        for aktor in AKTOR_PERAYAP:
            resp = minta(klien(dunia, aktor), "get", url)
            if resp.status_code != 200 or not resp.get("Content-Type", "").startswith("text/html"):
                continue
            for f in formulir_di(resp.content.decode(), url, aktor):
                try:
                    tujuan = resolve(urlsplit(f.aksi).path)
                except Resolver404:
                    continue
                if tujuan.view_name in LEWATI_TUJUAN or tujuan.namespace == "admin":
                    continue
                semua.setdefault(f.kunci, f)
    return list(semua.values())


# Random combinations per form after the deterministic pass; raise it for a deeper local run
# (BANGKOM_CONTOH_LIAR=50) — the default keeps the whole suite within its time budget.
CONTOH_ACAK = int(os.environ.get("BANGKOM_CONTOH_LIAR", "5"))


def _serang(dunia, f: Formulir):
    berkas = [i for i in f.isian if i.jenis == "file"]
    # Every hostile file once, deterministically, in every file input…
    for i in berkas:
        for nama_berkas, isi in BERKAS_LIAR:
            nilai = [(j.nama, j.nilai) for j in f.isian if j is not i and j.jenis != "file"]
            nilai.append((i.nama, ("file", nama_berkas, isi())))
            periksa(f, nilai, kirim(dunia, f, nilai))

    # …every hostile value once in all text inputs at the same time (choices at their first option,
    # then the hostile value in the choices too)…
    for v in TEKS_LIAR + BYTES_LIAR:
        for liar_di_pilihan in (False, True):
            nilai = []
            for i in f.isian:
                if i.jenis == "file":
                    continue
                if i.pilihan and not liar_di_pilihan:
                    nilai.append((i.nama, i.pilihan[0]))
                elif i.jenis == "checkbox" and not liar_di_pilihan:
                    nilai.append((i.nama, i.nilai or "on"))
                else:
                    nilai.append((i.nama, v))
            periksa(f, nilai, kirim(dunia, f, nilai))
            if not any(i.pilihan or i.jenis == "checkbox" for i in f.isian):
                break

    # …then random combinations.
    @settings(max_examples=CONTOH_ACAK, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(data=st.data())
    def acak(data):
        nilai = []
        for i in f.isian:
            if len(f.isian) > 1 and data.draw(st.integers(0, 4), label=f"lewati {i.nama}") == 0:
                continue
            nilai.append((i.nama, data.draw(nilai_untuk(i), label=i.nama)))
        periksa(f, nilai, kirim(dunia, f, nilai))

    acak()


def test_forms_are_discovered_from_the_urlconf(dunia):
    ditemukan = {(f.metode, resolve(urlsplit(f.aksi).path).view_name) for f in formulir_proyek(dunia)}
    for yang_ada in [("post", "masuk"), ("post", "lupa-sandi"), ("post", "ganti-sandi"), ("post", "pegawai:impor"),
                     ("get", "pegawai:daftar"), ("post", "sesi:paraf"), ("post", "dasbor-pengesahan")]:
        assert yang_ada in ditemukan, f"{yang_ada} not discovered; found {sorted(ditemukan)}"


def test_hostile_input_never_causes_a_server_error(dunia):
    for f in formulir_proyek(dunia):
        _serang(dunia, f)


# Forms that only appear after a first step.
FORMULIR_TAMBAHAN = [
    # The import commit (after a clean preview): a forged, reused or garbage token.
    lambda d: Formulir("post", "/pegawai/impor/", [Isian("token", "hidden"), Isian("nama_berkas", "hidden")],
                       "dewi", "/pegawai/impor/"),
]


def test_a_zip_bomb_disguised_as_xlsx_is_refused_with_a_message(dunia):
    f = Formulir("post", "/pegawai/impor/", [Isian("berkas", "file")], "dewi", "/pegawai/impor/")
    resp = kirim(dunia, f, [("berkas", ("file", b"pegawai.xlsx", _bom_zip()))])
    assert resp.status_code == 200 and "terlalu besar setelah diurai" in resp.content.decode()
    resp = kirim(dunia, f, [("berkas", ("file", b"pegawai.xlsx", _xlsx_sampah_besar()))])
    assert "Berkas terlalu besar" in resp.content.decode()


def test_hostile_input_on_second_step_forms(dunia):
    for buat in FORMULIR_TAMBAHAN:
        _serang(dunia, buat(dunia))
