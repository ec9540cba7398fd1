"""Shared by the access matrix (test_matriks_akses.py) and the hostile-input test
(test_masukan_liar.py): every URL pattern of the project read from the URLconf, the actors, the
world of objects owned by Sari, how each URL parameter is filled from that world, and a request
helper that rolls back whatever the request wrote (so one actor's POST cannot change what the next
actor sees).

When a page with a new URL parameter lands, add the parameter to PARAMETER below (most specific key
first: "<url name>:<param>", then "<namespace>:<param>", then "<param>"); the value is a function of
the `Dunia` (the world) returning the id of SARI's object (or of an object tied to Sari: her
mentoring request, her session, her activity sheet…). Add the object to `bangun_dunia` through the
services if it does not exist yet."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from bangkom.sesi.kontrak import IsiSesi
from tests.factories import MentorFactory, PegawaiFactory, UnitFactory, paraf_lengkap

# The actors of the matrix. "admin" is a staff superuser without an employee record.
AKTOR = [
    "anonim",  # not signed in
    "sari",  # pegawai: owner of every object in the URLs
    "budi",  # atasan langsung of Sari (same unit)
    "wati",  # atasan of another unit in the same OPD (Dinkes)
    "agus",  # atasan in another OPD (DPUPR)
    "joko",  # plain employee in another OPD (the outsider of every view test)
    "rina",  # mentor of Sari (accepted mentoring request)
    "maya",  # another registered mentor (mentors someone else)
    "hasan",  # kepala of Sari's OPD
    "bambang",  # kepala of another OPD
    "dewi",  # pengelola BPSDM
    "admin",  # staff superuser (Django admin)
]


@dataclass
class Rute:
    nama: str  # "namespace:name" (or the route when unnamed)
    pola: str  # the full route, for messages
    parameter: dict[str, str]  # param → converter name ("int", "str", "path", "regex"…)
    bernama: bool = True

    @property
    def namespace(self) -> str:
        return self.nama.rpartition(":")[0]


def _nama_converter(conv) -> str:
    return type(conv).__name__.replace("Converter", "").lower()


def semua_rute(resolver=None, awalan: str = "", ns: str = "", param: dict | None = None) -> list[Rute]:
    """Every URL pattern reachable from ROOT_URLCONF, through every include, with its full route,
    its namespaced name and its parameters (with converters)."""
    resolver = resolver or get_resolver()
    param = dict(param or {})
    hasil = []
    for p in resolver.url_patterns:
        pola = getattr(p.pattern, "_route", None) or p.pattern.regex.pattern
        konverter = {k: _nama_converter(v) for k, v in getattr(p.pattern, "converters", {}).items()}
        for nama_grup in p.pattern.regex.groupindex:
            konverter.setdefault(nama_grup, "regex")
        # Unnamed regex groups are positional: "_0", "_1"… (reversed with args).
        for i in range(p.pattern.regex.groups - len(p.pattern.regex.groupindex)):
            konverter[f"_{i}"] = "regex"
        semua_param = {**param, **konverter}
        if isinstance(p, URLResolver):
            ns_baru = ":".join(x for x in (ns, p.namespace) if x)
            hasil.extend(semua_rute(p, awalan + str(pola), ns_baru, semua_param))
        elif isinstance(p, URLPattern):
            bernama = p.name is not None
            nama = p.name if bernama else f"<tanpa nama {awalan}{pola}>"
            hasil.append(Rute(f"{ns}:{nama}" if ns else nama, awalan + str(pola), semua_param, bernama))
    # One entry per name (a name registered twice reverses to one of them anyway).
    unik = {}
    for r in hasil:
        unik.setdefault(r.nama, r)
    return list(unik.values())


def rute_admin(rute: Rute) -> bool:
    return rute.nama.startswith("admin:") or rute.pola.startswith("admin/")


# ---------------------------------------------------------------- the world ---------------------------


class _IndukMentoring:
    """The session `induk` protocol over a mentoring request, so the fixture does not depend on
    what the mentoring app adds to PermintaanMentoring (the stored link is the real request)."""

    def __init__(self, permintaan):
        self.pk = permintaan.pk
        self._meta = permintaan._meta
        self.menerima_sesi = True

    def periode_sesi(self):
        return None

    def __str__(self):
        return "Permintaan mentoring uji"


def bangun_dunia(cast) -> SimpleNamespace:
    """The cast plus the other actors and objects of Sari's made through the services."""
    from bangkom.notifikasi.services import notifikasi_kirim
    from bangkom.sesi.services import sesi_catat
    from jp_conversion.services import kegiatan_catat
    from mentoring.models import PermintaanMentoring

    d = SimpleNamespace(**vars(cast))
    seksi2 = cast.rina.unit
    d.wati = PegawaiFactory(nama="Wati Lestari", unit=UnitFactory(opd=cast.dinkes, kode="S3", nama="Seksi 3"),
                            jabatan=cast.budi.jabatan, atasan=cast.hasan)
    d.tono = PegawaiFactory(nama="Tono Prasetyo", unit=d.wati.unit, jabatan=cast.sari.jabatan, atasan=d.wati)
    d.maya = PegawaiFactory(nama="Maya Sari Dewi", unit=seksi2, jabatan=cast.budi.jabatan, atasan=cast.hasan)
    MentorFactory(pegawai=d.maya, bidang="Manajemen")
    d.bambang = PegawaiFactory(nama="Bambang Wijaya", unit=cast.joko.unit, jabatan=cast.hasan.jabatan)
    cast.dpupr.kepala = d.bambang
    cast.dpupr.save()
    cast.agus.atasan = d.bambang
    cast.agus.save()
    d.admin = get_user_model().objects.create_superuser("admin-uji", "admin@example.go.id", "rahasia-uji-123")

    d.permintaan = PermintaanMentoring.objects.create(
        pemohon=cast.sari, mentor=cast.rina, topik="Analisis kebutuhan pelatihan",
        status=PermintaanMentoring.Status.DITERIMA,
    )
    PermintaanMentoring.objects.create(
        pemohon=d.tono, mentor=d.maya, topik="Manajemen waktu", status=PermintaanMentoring.Status.DITERIMA,
    )
    hari_ini = timezone.localdate()
    d.tahun = hari_ini.year
    d.bulan = hari_ini.month
    d.kegiatan = kegiatan_catat(
        pegawai=cast.sari, jenis="belajar_mandiri", tanggal=hari_ini - dt.timedelta(days=1),
        materi="Membaca modul analisis jabatan", pembimbing=cast.budi, jp_belajar=Decimal("2"),
    )
    d.sesi = sesi_catat(
        jenis="mentoring", induk=_IndukMentoring(d.permintaan), pembimbing=cast.rina, peserta=[cast.sari],
        isi=IsiSesi(
            tanggal=hari_ini - dt.timedelta(days=2), mulai=dt.time(9), selesai=dt.time(10),
            materi="Menyusun rencana pengembangan",
        ),
    )
    d.kegiatan_sesi = d.sesi.peserta.get().kegiatan
    d.notifikasi = notifikasi_kirim(penerima=cast.sari, judul="Sesi menunggu paraf", email=False)
    _dunia_alur(d, hari_ini)
    _dunia_pengesahan(d, hari_ini)
    return d


def _dunia_pengesahan(d, hari_ini: dt.date) -> None:
    """Dinkes requires its kepala's countersignature and one sheet of Sari's waits for Hasan, so the
    countersigning form is on his pages for the crawlers. The record is written without rendering
    its PDF (the slow part); its fingerprint is the real one, so the sheet counts as valid."""
    from bangkom.dokumen.lembar import sidik_kegiatan
    from bangkom.dokumen.models import LembarTerbit

    d.dinkes.wajib_pengesahan_kepala = True
    d.dinkes.save(update_fields=["wajib_pengesahan_kepala"])
    mulai = dt.date(hari_ini.year, 1, 1)
    d.lembar_menunggu = LembarTerbit.objects.create(
        pegawai=d.sari, jenis="mentoring", mulai=mulai, selesai=hari_ini, perlu_pengesahan=True,
        diterbitkan_oleh=d.sari.user, diterbitkan_pada=timezone.now(),
        sidik_kegiatan=sidik_kegiatan(pegawai=d.sari, jenis="mentoring", mulai=mulai, selesai=hari_ini),
    )


PDF_UJI = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(nama: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(nama, PDF_UJI, content_type="application/pdf")


def _dunia_alur(d, hari_ini: dt.date) -> None:
    """Sari's objects of every workflow, each made through its service: coaching (Budi coaches her;
    one session initialled, so she may rate it), self-study (Budi assigns; a source with a file, a
    log, a resume with an attachment), an external activity with its certificate, competencies
    (standard of her jabatan, an assessment, a gap dialog, a plan line). Her issued activity sheet
    and Hasan's bulk export are made on first use (lembar_sari, ekspor_hasan)."""
    from bangkom.kompetensi import services as kompetensi_services
    from bangkom.kompetensi.iku import iku_simpan
    from bangkom.kompetensi.models import Kompetensi
    from belajar_mandiri import services as belajar
    from coaching.services import coaching_sesi_catat, kesepakatan_akui, kesepakatan_buat
    from jp_conversion.eksternal import kegiatan_eksternal_ajukan

    hari = lambda n: hari_ini - dt.timedelta(days=n)  # noqa: E731

    # Coaching: Budi → Sari, acknowledged, one session initialled.
    d.kesepakatan = kesepakatan_buat(
        atasan=d.budi, pegawai=d.sari, kegiatan="Penyusunan laporan kinerja", tujuan="Laporan tepat waktu",
        target="Laporan triwulan selesai", mulai=hari(30), selesai=hari_ini + dt.timedelta(days=60),
    )
    d.kesepakatan = kesepakatan_akui(kesepakatan=d.kesepakatan, oleh=d.sari)
    d.sesi_coaching = coaching_sesi_catat(
        kesepakatan=d.kesepakatan, oleh=d.budi,
        isi=IsiSesi(tanggal=hari(3), mulai=dt.time(13), selesai=dt.time(14), materi="Menyusun kerangka laporan"),
    )
    paraf_lengkap(d.sesi_coaching, d.budi)

    # Appointed coach: Hasan (kepala of Sari's OPD) appoints Maya (a registered coach) for Sari.
    from coaching.services import penunjukan_buat

    d.penunjukan = penunjukan_buat(
        oleh=d.hasan.user, pegawai=d.sari, coach=d.maya, mulai=hari_ini, selesai=dt.date(hari_ini.year, 12, 31),
        alasan="Coach terdaftar untuk laporan kinerja",
    )

    # Self-study: Budi assigns Sari; a source with a file, a log, a resume with an attachment.
    d.penugasan = belajar.penugasan_buat(
        atasan=d.budi, pegawai=d.sari, topik="Analisis beban kerja", kesenjangan="Belum mampu menghitung ABK.",
        lingkup="nasional", mulai=hari(20), selesai=hari_ini + dt.timedelta(days=30), jp_rencana=Decimal("10"),
        beri_tahu=False,
    )
    d.sumber = belajar.sumber_tambah(
        penugasan=d.penugasan, oleh=d.budi, jenis="dokumen", judul="Modul ABK", berkas=_pdf("modul.pdf"),
    )
    d.log = belajar.log_catat(
        penugasan=d.penugasan, tanggal=hari(4), jp_belajar=Decimal("1"), materi="Membaca modul ABK bab 1",
        sumber=d.sumber, beri_tahu=False,
    )
    d.resume = belajar.resume_simpan(
        penugasan=d.penugasan, oleh=d.sari, judul="Ringkasan modul ABK", isi="<p>Rumus beban kerja.</p>",
        sumber=d.sumber, lampiran=_pdf("resume.pdf"), beri_tahu=False,
    )

    # An external activity with its certificate, waiting for Budi's verification.
    d.eksternal = kegiatan_eksternal_ajukan(
        pegawai=d.sari, jenis="e_learning", tanggal=hari(5), materi="Literasi Digital ASN", penyelenggara="LMS ASN",
        sertifikat=_pdf("sertifikat.pdf"), jp_belajar=Decimal("2"), beri_tahu=False,
    )

    # Competencies: the standard of Sari's jabatan, her assessment, a gap dialog, a plan line.
    d.kompetensi = Kompetensi.objects.filter(aktif=True).order_by("pk").first()
    kompetensi_services.standar_simpan(jabatan=d.sari.jabatan, level={d.kompetensi.pk: 3})
    kompetensi_services.penilaian_catat(
        pegawai=d.sari, kompetensi=d.kompetensi, level=1, sumber="penilaian_atasan", tanggal=hari(6), penilai=d.budi,
    )
    d.dialog = kompetensi_services.dialog_simpan(
        pegawai=d.sari, kompetensi=d.kompetensi, tahun=hari_ini.year, penyebab="motivasi", oleh=d.budi,
    )
    d.iku = iku_simpan(opd=d.sari.opd, tahun=hari_ini.year, kode="IKU-1", nama="Indeks kepuasan layanan")
    d.baris_rencana = kompetensi_services.rencana_baris_tambah(
        pegawai=d.sari, tahun=hari_ini.year, bentuk="coaching", uraian=f"Coaching: {d.kompetensi.nama}",
        jp_direncanakan=Decimal("4"), bulan_mulai=hari_ini.month, bulan_selesai=hari_ini.month,
        kompetensi=d.kompetensi, dialog=d.dialog, iku=d.iku,
    )



def lembar_sari(d):
    """An activity sheet issued for Sari (its public verification page). Made on first use:
    rendering PDFs is the slow part of the world, and most tests never ask for it."""
    from bangkom.dokumen.lembar import lembar_terbitkan

    if not hasattr(d, "lembar"):
        hari_ini = timezone.localdate()
        d.lembar, _ = lembar_terbitkan(
            pegawai=d.sari, jenis="coaching", mulai=dt.date(hari_ini.year, 1, 1), selesai=hari_ini, oleh=d.sari.user,
        )
    return d.lembar


def ekspor_hasan(d):
    """A finished bulk export of the sheets of Sari's unit, requested by Hasan (made on first use)."""
    from bangkom.dokumen import ekspor

    if not hasattr(d, "ekspor"):
        proses = ekspor.ekspor_mulai(oleh=d.hasan.user, opd=d.dinkes, unit=d.sari.unit, jenis=["coaching"],
                                     tahun=timezone.localdate().year)
        d.ekspor = ekspor.ekspor_jalankan(proses_id=proses.pk)
        assert d.ekspor.status == d.ekspor.Status.SELESAI, d.ekspor.galat
    return d.ekspor


def klien_api(d):
    """An API client (BPSDM's pages of clients), made on first use."""
    from bangkom.api.services import klien_buat

    if not hasattr(d, "klien_api"):
        d.klien_api, _ = klien_buat(nama="LMS Provinsi", cakupan=["baca_jp"], oleh=d.admin)
    return d.klien_api


def token_kalender_sari(d):
    """Sari's calendar feed token, made on first use."""
    from bangkom.api.kalender import kalender_buat

    if not hasattr(d, "token_kalender"):
        d.token_kalender = kalender_buat(pegawai=d.sari)
    return d.token_kalender


def pengguna(d, aktor: str):
    if aktor == "anonim":
        return None
    if aktor == "admin":
        return d.admin
    return getattr(d, aktor).user


def klien(d, aktor: str) -> Client:
    # A server error is an answer to report (with the others), not an exception ending the test.
    c = Client(raise_request_exception=False)
    user = pengguna(d, aktor)
    if user is not None:
        c.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return c


# ---------------------------------------------------------------- URL parameters ---------------------


def _admin_objek(d, rute: Rute):
    """admin:<app>_<model>_<change|delete|history|simple_history> → the first object of that model
    (Sari's when the model is Pegawai), or None."""
    dasar = rute.nama.split(":", 1)[1]
    for akhiran in ("_simple_history", "_change", "_delete", "_history"):
        dasar = dasar.removesuffix(akhiran)
    for model in apps.get_models():
        if f"{model._meta.app_label}_{model._meta.model_name}" == dasar:
            if model._meta.label == "pegawai.Pegawai":
                return d.sari
            return model._default_manager.order_by("pk").first()
    return None


def _admin_object_id(d, rute: Rute):
    obj = _admin_objek(d, rute)
    return obj.pk if obj is not None else 1


def _admin_history_id(d, rute: Rute):
    obj = _admin_objek(d, rute)
    versi = obj.history.order_by("history_id").first() if hasattr(obj, "history") else None
    return versi.history_id if versi is not None else 1


PARAMETER = {
    # "<url name>:<param>" / "<namespace>:<param>" / "<param>": function(dunia, rute) → value
    "pegawai:pk": lambda d, r: d.sari.pk,
    "sesi:pk": lambda d, r: d.sesi.pk,
    "atur-sandi:uidb64": lambda d, r: "MQ",
    "atur-sandi:token": lambda d, r: "set-password",
    "aktivasi:uidb64": lambda d, r: "MQ",
    "aktivasi:token": lambda d, r: "set-password",
    "admin:object_id": _admin_object_id,
    "admin:_0": _admin_object_id,  # simple_history's admin "history/<history_id>/" view (positional)
    "admin:_1": _admin_history_id,
    "admin:app_label": lambda d, r: "pegawai",
    "admin:id": lambda d, r: d.sari.user.pk,
    "admin:view_on_site:content_type_id": lambda d, r: ContentType.objects.get_for_model(d.sari).pk,
    "admin:view_on_site:object_id": lambda d, r: d.sari.pk,
    # Dashboards, documents, sessions
    "dokumen:jenis": lambda d, r: "coaching",
    "dokumen:pk": lambda d, r: ekspor_hasan(d).pk,
    "verifikasi:kode": lambda d, r: lembar_sari(d).kode,
    "dokumen:kode": lambda d, r: lembar_sari(d).kode,
    "sesi:evaluasi:induk": lambda d, r: "coaching.kesepakatancoaching",
    "sesi:evaluasi:pk": lambda d, r: d.kesepakatan.pk,
    "sesi:evaluasi:skala": lambda d, r: "manfaat",
    # Competencies: Sari's page, dialog and plan; the dictionary entry / jabatan of her standard.
    "kompetensi:pk": lambda d, r: d.sari.pk,
    "kompetensi:kamus-ubah:pk": lambda d, r: d.kompetensi.pk,
    "kompetensi:standar-jabatan:pk": lambda d, r: d.sari.jabatan_id,
    "kompetensi:kompetensi_pk": lambda d, r: d.kompetensi.pk,
    "kompetensi:dialog_pk": lambda d, r: d.dialog.pk,
    "kompetensi:baris_pk": lambda d, r: d.baris_rencana.pk,
    "kompetensi:iku-ubah:pk": lambda d, r: d.iku.pk,
    # JP: Sari's JP page; her external activity.
    "jp:pegawai:pk": lambda d, r: d.sari.pk,
    "jp:pk": lambda d, r: d.eksternal.pk,
    # LMS column mappings belong to no one (BPSDM's configuration): the first seeded source.
    "jp:lms-sumber-ubah:pk": lambda d, r: apps.get_model("jp_conversion", "SumberLMS").objects.order_by("pk")[0].pk,
    # Coaching: Budi's agreement with Sari.
    "coaching:pk": lambda d, r: d.kesepakatan.pk,
    "coaching:penunjukan-akhiri:pk": lambda d, r: d.penunjukan.pk,
    # Mentoring: Sari's request to Rina; Sari's mentoring page; Rina's mentor profile.
    "mentoring:pk": lambda d, r: d.permintaan.pk,
    "mentoring:pegawai:pk": lambda d, r: d.sari.pk,
    "mentoring:mentor-profil:pk": lambda d, r: d.rina.pk,
    "mentoring:mentor-ubah:pk": lambda d, r: d.rina.profil_mentor.pk,
    # Self-study: Budi's assignment to Sari, its source, log and resume.
    "belajar_mandiri:pk": lambda d, r: d.penugasan.pk,
    "belajar_mandiri:sumber_unduh:pk": lambda d, r: d.sumber.pk,
    "belajar_mandiri:log_paraf:pk": lambda d, r: d.log.pk,
    "belajar_mandiri:log_hapus:pk": lambda d, r: d.log.pk,
    "belajar_mandiri:resume:pk": lambda d, r: d.resume.pk,
    "belajar_mandiri:resume_paraf:pk": lambda d, r: d.resume.pk,
    "belajar_mandiri:resume_unduh:pk": lambda d, r: d.resume.pk,
    "belajar_mandiri:resume_pk": lambda d, r: d.resume.pk,
    # API: Sari's NIP and sheet; an API client (made on first use).
    "api:nip": lambda d, r: d.sari.nip,
    "api:kode": lambda d, r: lembar_sari(d).kode,
    "integrasi:pk": lambda d, r: klien_api(d).pk,
    "kalender:token": lambda d, r: token_kalender_sari(d),
    # Generic names apps are likely to use:
    "pegawai_pk": lambda d, r: d.sari.pk,
    "pegawai_id": lambda d, r: d.sari.pk,
    "kegiatan_pk": lambda d, r: d.kegiatan.pk,
    "sesi_pk": lambda d, r: d.sesi.pk,
    "permintaan_pk": lambda d, r: d.permintaan.pk,
    "tahun": lambda d, r: d.tahun,
    "bulan": lambda d, r: d.bulan,
}


class ParameterTidakDikenal(LookupError):
    pass


def isi_parameter(d, rute: Rute) -> dict:
    nilai = {}
    for nama in rute.parameter:
        for kunci in (f"{rute.nama}:{nama}", f"{rute.namespace}:{nama}", nama):
            if kunci in PARAMETER:
                nilai[nama] = PARAMETER[kunci](d, rute)
                break
        else:
            raise ParameterTidakDikenal(
                f"URL '{rute.nama}' ({rute.pola}) has parameter '{nama}' that the matrix cannot fill. Add "
                f"'{rute.nama}:{nama}' (or '{rute.namespace}:{nama}') to PARAMETER in tests/keamanan/peta_url.py, "
                "returning the id of one of SARI's objects (create it in bangun_dunia through the services)."
            )
    return nilai


def url_untuk(d, rute: Rute) -> str:
    nilai = isi_parameter(d, rute)
    posisi = [nilai.pop(k) for k in sorted(k for k in nilai if k.startswith("_"))]
    return reverse(rute.nama, args=posisi) if posisi else reverse(rute.nama, kwargs=nilai)


# ---------------------------------------------------------------- requests ----------------------------


def minta(c: Client, metode: str, url: str, *, jejak: bool = False, **kwargs):
    """One request whose writes are rolled back afterwards. With `jejak`, `resp.selisih` lists the
    tables whose row count the request changed ({table: (before, after)})."""
    with transaction.atomic():
        sebelum = SidikJari.ambil() if jejak else None
        resp = getattr(c, metode)(url, **kwargs)
        resp.selisih = sebelum.selisih(SidikJari.ambil()) if jejak else {}
        transaction.set_rollback(True)
    return resp


# Tables whose rows may change on any request without a user action (sessions, sign-in attempts,
# the audit of API calls).
_TABEL_BEBAS = ("django_session", "axes_", "api_catatanpanggilan")


@dataclass
class SidikJari:
    """Row counts of every table in one query: did a request create or delete anything?"""

    jumlah: dict[str, int] = field(default_factory=dict)

    @classmethod
    def ambil(cls) -> SidikJari:
        tabel = [
            m._meta.db_table for m in apps.get_models(include_auto_created=True)
            if not m._meta.db_table.startswith(_TABEL_BEBAS) and m._meta.managed
        ]
        q = connection.ops.quote_name
        sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {q(t)})" for t in tabel)
        with connection.cursor() as cur:
            cur.execute(sql)
            baris = cur.fetchone()
        return cls(dict(zip(tabel, baris, strict=True)))

    def selisih(self, lain: SidikJari) -> dict[str, tuple[int, int]]:
        return {t: (n, lain.jumlah[t]) for t, n in self.jumlah.items() if lain.jumlah.get(t) != n}
