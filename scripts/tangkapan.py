"""The screenshots of the user guide (docs/panduan/) and of the README, taken by driving Chromium over
a running server with the demo data (`manage.py seed_demo`). One list of steps per role: the guide's
Markdown refers to exactly these files (tests/dasbor/test_dasbor_panduan.py checks it), so a
screenshot is never stale — rerun `python scripts/tangkap_layar.py` after a change to the UI. Development
tooling: nothing in the product imports it.

Every file is written as a palette PNG (256 colours, optimised): a screen of the app stays ~30–80 KB."""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from PIL import Image

from bangkom.dokumen.models import LembarTerbit
from bangkom.pegawai.demo import PEMERAN
from bangkom.pegawai.models import Pegawai
from bangkom.sesi.models import Konfirmasi, Sesi
from bangkom.sesi.selectors import sesi_menunggu_paraf
from belajar_mandiri.models import PenugasanBelajar
from coaching.models import KesepakatanCoaching
from mentoring.models import PermintaanMentoring

DESKTOP = {"width": 1280, "height": 800}
PONSEL = {"width": 390, "height": 844}


@dataclass(frozen=True)
class Langkah:
    """One step of a role's guide: `nama` (file `<peran>-<nn>-<nama>.png`), the page (`jalur`, a path
    or a function of the demo data `d`), optional `aksi(page)` before the shot (open a menu, fill a
    form), `ponsel` for the phone-size viewport, `penuh` for the whole page instead of one screen,
    `lembar` to issue an activity sheet first (its code is `d["kode_lembar"]`)."""

    nama: str
    jalur: str | Callable[[dict], str]
    aksi: Callable | None = None
    ponsel: bool = False
    penuh: bool = False
    lembar: bool = False


@dataclass(frozen=True)
class Panduan:
    peran: str  # file prefix and guide name (docs/panduan/<peran>.md)
    pemeran: str  # key of bangkom.pegawai.demo.PEMERAN
    langkah: list[Langkah] = field(default_factory=list)

    def berkas(self) -> list[str]:
        return [f"{self.peran}-{n:02d}-{lk.nama}.png" for n, lk in enumerate(self.langkah, start=1)]


def buka_kelompok(nama: str) -> Callable:
    """Open one dropdown of the navigation bar (opening the collapsed menu first on a phone)."""

    def _aksi(page):
        toggler = page.get_by_role("button", name="Buka menu")
        if toggler.is_visible():
            toggler.click()
        page.get_by_role("navigation", name="Navigasi utama").get_by_role("button", name=nama, exact=True).click()
        page.wait_for_timeout(200)

    return _aksi


def isi_sesi(materi: str) -> Callable:
    """Fill the session form and ask for the JP preview (nothing is saved)."""

    def _aksi(page):
        page.locator("#id_mulai").fill("09:00")
        page.locator("#id_selesai").fill("09:45")
        page.locator("#id_materi").fill(materi)
        page.get_by_role("button", name="Periksa JP").click()
        page.wait_for_load_state("load")

    return _aksi


MASUK = Langkah("masuk", "/masuk/")  # every guide starts by signing in (the NIP is filled in the shot)

PANDUAN = [
    Panduan("pegawai", "sari", [
        MASUK,
        Langkah("beranda", "/dasbor/pegawai/"),
        Langkah("menu", "/", aksi=buka_kelompok("Pengembangan Saya")),
        Langkah("jp-saya", "/jp/saya/"),
        Langkah("kompetensi", "/kompetensi/"),
        Langkah("coaching", lambda d: f"/coaching/{d['coaching_sari']}/"),
        Langkah("mentoring", lambda d: f"/mentoring/{d['mentoring_sari']}/"),
        Langkah("ajukan-mentoring", "/mentoring/ajukan/"),
        Langkah("belajar-mandiri", "/belajar-mandiri/"),
        Langkah("catat-belajar", lambda d: f"/belajar-mandiri/{d['belajar_sari']}/log/", ponsel=True, penuh=True),
        Langkah("kegiatan-eksternal", "/jp/eksternal/ajukan/"),
    ]),
    Panduan("atasan", "budi", [
        MASUK,
        Langkah("beranda", "/dasbor/atasan/"),
        Langkah("menu", "/", aksi=buka_kelompok("Tim")),
        Langkah("kesepakatan-baru", lambda d: f"/coaching/baru/?pegawai={d['sari']}", ponsel=True, penuh=True),
        Langkah("kesepakatan", lambda d: f"/coaching/{d['coaching_sari']}/", ponsel=True),
        Langkah("catat-sesi", lambda d: f"/coaching/{d['coaching_sari']}/sesi/",
                aksi=isi_sesi("Menyusun kerangka laporan kinerja"), ponsel=True, penuh=True),
        Langkah("paraf-sesi", lambda d: f"/sesi/{d['sesi_budi']}/", ponsel=True, penuh=True),
        Langkah("verifikasi-jp", "/jp/verifikasi/"),
        Langkah("tugaskan-belajar", "/belajar-mandiri/tugaskan/"),
        Langkah("paraf-belajar", "/belajar-mandiri/paraf/"),
        Langkah("kesenjangan", lambda d: f"/kompetensi/pegawai/{d['sari']}/"),
    ]),
    Panduan("mentor", "rina", [
        MASUK,
        Langkah("beranda", "/dasbor/mentor/"),
        Langkah("mentee", "/mentoring/mentee/"),
        Langkah("jawab-permintaan", lambda d: f"/mentoring/{d['permintaan_rina']}/"),
        Langkah("mentoring", lambda d: f"/mentoring/{d['mentoring_sari']}/"),
        Langkah("catat-sesi", lambda d: f"/mentoring/{d['mentoring_sari']}/sesi/baru/",
                aksi=isi_sesi("Metode analisis beban kerja"), ponsel=True, penuh=True),
        Langkah("paraf-sesi", lambda d: f"/sesi/{d['sesi_rina']}/", ponsel=True, penuh=True),
        Langkah("rekap-evaluasi", "/sesi/evaluasi/rekap/"),
    ]),
    Panduan("kepala-opd", "hasan", [
        MASUK,
        Langkah("beranda", "/dasbor/kepala/"),
        Langkah("menu", "/", aksi=buka_kelompok("Laporan")),
        Langkah("laporan-jp", "/dasbor/laporan/jp/?status=belum"),
        Langkah("peta-kesenjangan", "/kompetensi/peta/"),
        Langkah("ekspor-lembar", "/dokumen/ekspor/"),
        Langkah("rekap-evaluasi", "/sesi/evaluasi/rekap/"),
        # Dinkes requires the countersignature in the demo: the sheet issued first waits for Hasan.
        Langkah("pengesahan", "/dasbor/kepala/pengesahan/", lembar=True),
    ]),
    Panduan("pengelola-bpsdm", "dewi", [
        MASUK,
        Langkah("beranda", "/dasbor/bpsdm/"),
        Langkah("menu", "/", aksi=buka_kelompok("Data Induk")),
        Langkah("impor-pegawai", "/pegawai/impor/"),
        Langkah("daftar-pegawai", "/pegawai/"),
        Langkah("profil-pegawai", lambda d: f"/pegawai/{d['sari']}/"),
        Langkah("verifikasi-lembar", lambda d: f"/verifikasi/{d['kode_lembar']}/", lembar=True),
        Langkah("ekspor-lembar", "/dokumen/ekspor/"),
        Langkah("kamus", "/kompetensi/kamus/"),
        Langkah("standar", "/kompetensi/standar/"),
        Langkah("mentor", "/mentoring/mentor/"),
    ]),
]

# README: each role's dashboard and the compliance report (the printed sheet: bangkom/dokumen/contoh.py).
README = [
    ("sari", "/dasbor/pegawai/", "dasbor-pegawai.png"),
    ("budi", "/dasbor/atasan/", "dasbor-atasan.png"),
    ("rina", "/dasbor/mentor/", "dasbor-mentor.png"),
    ("hasan", "/dasbor/kepala/", "dasbor-kepala.png"),
    ("dewi", "/dasbor/bpsdm/", "dasbor-bpsdm.png"),
    ("hasan", "/dasbor/laporan/jp/", "laporan-jp.png"),
]


def data_demo() -> dict:
    """The demo objects the guide's pages show (looked up, never created)."""
    orang = {k: Pegawai.objects.filter(nama=PEMERAN[k][0]).first() for k in PEMERAN}
    if any(p is None for p in orang.values()):
        raise LookupError("Pemeran demo tidak ditemukan: jalankan `manage.py seed_demo` dahulu.")
    sari, budi, rina = orang["sari"], orang["budi"], orang["rina"]

    def pertama(qs, apa):
        obj = qs.order_by("-pk").first()
        if obj is None:
            raise LookupError(f"Data demo tidak lengkap: {apa}.")
        return obj.pk

    def sesi_menunggu(pembimbing):
        """The latest session in the pembimbing's paraf queue, one its participants confirmed first."""
        antre = [s for s in Sesi.objects.filter(pembimbing=pembimbing).prefetch_related("peserta__kegiatan")
                 .order_by("-tanggal", "-pk") if s.status == "diajukan" and sesi_menunggu_paraf(s)]
        antre.sort(key=lambda s: any(ps.konfirmasi != Konfirmasi.DIKONFIRMASI for ps in s.peserta.all()))
        if not antre:
            raise LookupError(f"Data demo tidak lengkap: sesi menunggu paraf {pembimbing}.")
        return antre[0].pk

    return {
        "nip": {k: p.nip for k, p in orang.items()},
        "sari": sari.pk,
        "coaching_sari": pertama(KesepakatanCoaching.objects.filter(pegawai=sari, atasan=budi), "coaching Sari"),
        "mentoring_sari": pertama(PermintaanMentoring.objects.filter(pemohon=sari, mentor=rina), "mentoring Sari"),
        "permintaan_rina": pertama(PermintaanMentoring.objects.filter(mentor=rina, status="diajukan"),
                                   "permintaan baru untuk Rina"),
        "belajar_sari": pertama(PenugasanBelajar.objects.filter(pegawai=sari, status="aktif"), "belajar mandiri Sari"),
        "sesi_budi": sesi_menunggu(budi),
        "sesi_rina": sesi_menunggu(rina),
    }


def simpan_png(data: bytes, tujuan: Path) -> int:
    """Write a screenshot as an optimised 256-colour PNG; returns its size in bytes."""
    gambar = Image.open(io.BytesIO(data)).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    gambar.save(tujuan, format="PNG", optimize=True)
    return tujuan.stat().st_size


class Penangkap:
    """Signs each role in over the running server and takes the shots."""

    def __init__(self, browser, *, url: str, sandi: str, keluaran: Path, tulis=print):
        self.browser, self.url, self.sandi, self.keluaran, self.tulis = browser, url.rstrip("/"), sandi, keluaran, tulis
        self.d = data_demo()

    def _konteks(self, ponsel: bool):
        ctx = self.browser.new_context(locale="id-ID", viewport=PONSEL if ponsel else DESKTOP,
                                       device_scale_factor=1, is_mobile=ponsel, has_touch=ponsel)
        page = ctx.new_page()
        page.set_default_timeout(30_000)
        return ctx, page

    def _masuk(self, page, pemeran: str, *, tangkap: Path | None = None):
        page.goto(f"{self.url}/masuk/")
        page.get_by_label("NIP atau NI PPPK").fill(self.d["nip"][pemeran])
        if tangkap is not None:
            self._simpan(page, tangkap, penuh=False)
        page.get_by_label("Kata sandi").fill(self.sandi)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(f"{self.url}/")

    def _simpan(self, page, tujuan: Path, *, penuh: bool):
        page.wait_for_load_state("networkidle")
        ukuran = simpan_png(page.screenshot(full_page=penuh, animations="disabled"), tujuan)
        self.tulis(f"{tujuan} ({ukuran // 1024} KB)")

    def _kode_lembar(self, page) -> str:
        """Issue Sari's coaching sheet as the signed-in user (a real download): the kepala's queue and
        the QR verification page show it."""
        page.goto(f"{self.url}/pegawai/{self.d['sari']}/")
        with page.expect_download() as unduhan:
            page.get_by_role("button", name=f"Lembar Coaching {timezone.localdate().year} (PDF)").click()
        unduhan.value.path()
        return LembarTerbit.objects.order_by("-pk").values_list("kode", flat=True).first()

    def panduan(self, daftar: list[Panduan]):
        for pd in daftar:
            konteks = {}
            for berkas, lk in zip(pd.berkas(), pd.langkah, strict=True):
                if lk.ponsel not in konteks:
                    ctx, page = self._konteks(lk.ponsel)
                    self._masuk(page, pd.pemeran, tangkap=self.keluaran / berkas if lk is MASUK else None)
                    konteks[lk.ponsel] = (ctx, page)
                    if lk is MASUK:
                        continue
                ctx, page = konteks[lk.ponsel]
                if lk.lembar and "kode_lembar" not in self.d:
                    self.d["kode_lembar"] = self._kode_lembar(page)
                jalur = lk.jalur(self.d) if callable(lk.jalur) else lk.jalur
                tanggapan = page.goto(f"{self.url}{jalur}")
                if tanggapan is None or tanggapan.status >= 400:
                    raise RuntimeError(f"{berkas}: {jalur} menjawab {tanggapan and tanggapan.status}")
                if lk.aksi:
                    lk.aksi(page)
                self._simpan(page, self.keluaran / berkas, penuh=lk.penuh)
            for ctx, _ in konteks.values():
                ctx.close()

    def readme(self, daftar=README):
        for pemeran, jalur, berkas in daftar:
            ctx, page = self._konteks(False)
            self._masuk(page, pemeran)
            page.goto(f"{self.url}{jalur}")
            self._simpan(page, self.keluaran / berkas, penuh=True)
            ctx.close()
