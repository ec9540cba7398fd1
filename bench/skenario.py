"""The benchmark measurements. Each returns a dict with seconds (or p50/p95), queries where
relevant, and baseline_seconds/ratio where a baseline exists."""
from __future__ import annotations

import io
import os
import tempfile
import time
import zipfile
from datetime import date

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client

from bangkom.api.models import Cakupan
from bangkom.api.services import klien_buat
from bangkom.dasbor import laporan
from bangkom.dokumen import ekspor, lembar
from bangkom.kompetensi.models import RingkasanKesenjanganOpd
from bangkom.pegawai.models import Pegawai, PerangkatDaerah
from jp_conversion import rules
from jp_conversion import selectors as sel
from jp_conversion.models import Kegiatan, RekapTahunan, StatusKegiatan
from jp_conversion.services import jp_hitung_ulang

from . import beban, sintetis
from .ukur import dengan_baseline, memori_puncak, ulang, ulang_bergantian


def _klien(user_id: int) -> Client:
    c = Client()
    c.force_login(get_user_model().objects.get(pk=user_id), backend="django.contrib.auth.backends.ModelBackend")
    return c


def _halaman(klien: Client, url: str, *, kali: int) -> dict:
    def get():
        resp = klien.get(url)
        assert resp.status_code == 200, (url, resp.status_code)

    klien.get(url)  # warm-up: template compilation, first connection
    hasil = ulang(get, kali=kali)
    hasil["url"] = url
    return hasil


def rebuild_all(ctx) -> dict:
    """`manage.py recompute_jp` over every employee-year (the synthetic rows start uncredited)."""
    pasangan = sorted(Kegiatan.objects.order_by().values_list("pegawai_id", "tahun").distinct())
    # Before/after in the same run: the per-row path (jp_hitung_ulang per employee-year, what the
    # command did before it was batched) on a sample, extrapolated to every employee-year.
    contoh = pasangan[:: max(1, len(pasangan) // 300)]
    mulai = time.perf_counter()
    for pegawai_id, tahun in contoh:
        jp_hitung_ulang(pegawai_id=pegawai_id, tahun=tahun)
    per_baris = (time.perf_counter() - mulai) / len(contoh)
    Kegiatan.objects.update(jp=0, dihitung=False, alasan="", versi_aturan="")
    RekapTahunan.objects.all().delete()
    keluar = io.StringIO()
    mulai = time.perf_counter()
    call_command("recompute_jp", stdout=keluar, stderr=io.StringIO())
    detik = time.perf_counter() - mulai
    # Idempotence check: a second run over unchanged data changes nothing.
    mulai = time.perf_counter()
    call_command("recompute_jp", stdout=keluar, stderr=io.StringIO())
    kedua = time.perf_counter() - mulai
    # The province summaries (BPSDM dashboard): the rebuild above kept the JP one chunk by chunk; the
    # command rebuilds both from scratch (the gap summary's assessments were bulk-inserted).
    mulai = time.perf_counter()
    call_command("ringkasan_provinsi", stdout=keluar)
    ringkasan = time.perf_counter() - mulai
    sintetis.segarkan_statistik()  # RekapTahunan was just filled
    return {"seconds": round(detik, 3), "employee_years": len(pasangan), "activities": Kegiatan.objects.count(),
            "province_summary_rebuild_seconds": round(ringkasan, 3),
            "per_row_path_seconds_extrapolated": round(per_baris * len(pasangan), 1),
            "per_row_path_sample": len(contoh),
            "second_run_seconds": round(kedua, 3), "output": keluar.getvalue().strip().splitlines()}


def recompute_employee_year(ctx) -> dict:
    pid, tahun = ctx["pegawai_id"], ctx["tahun"][-1]
    hasil = ulang(lambda: jp_hitung_ulang(pegawai_id=pid, tahun=tahun), kali=ctx["kali"] * 4)
    aktivitas = [k.aktivitas for k in Kegiatan.objects.filter(pegawai_id=pid, tahun=tahun,
                                                              status=StatusKegiatan.DISETUJUI)]
    baseline = ulang(lambda: rules.convert(aktivitas), kali=ctx["kali"] * 4)
    return dengan_baseline(hasil, baseline) | {"activities": len(aktivitas)}


def _sql_kepatuhan(tahun: int, target: dict) -> tuple[list, list]:
    """The hand-written baseline: the first 50 rows of the province list and the totals (per OPD,
    per ASN type; the province total is their sum) by plain SQL over RekapTahunan and pegawai."""
    p, o, r = Pegawai._meta.db_table, PerangkatDaerah._meta.db_table, RekapTahunan._meta.db_table
    pns, pppk = target.get("PNS", sel.TARGET_BAKU), target.get("PPPK", sel.TARGET_BAKU)
    tgt = f"CASE WHEN p.jenis_asn = 'PPPK' THEN {pppk} ELSE {pns} END"
    dari = f"FROM {p} p JOIN {o} o ON o.id = p.opd_id LEFT JOIN {r} r ON r.pegawai_id = p.id AND r.tahun = %s " \
           f"WHERE p.aktif"
    with connection.cursor() as c:
        c.execute(f"SELECT p.id, p.nip, p.nama, o.nama, COALESCE(r.jp_coaching, 0), COALESCE(r.jp_mentoring, 0), "
                  f"COALESCE(r.jp_belajar_mandiri, 0), COALESCE(r.jp_lainnya, 0), COALESCE(r.total, 0), {tgt} "
                  f"{dari} ORDER BY o.nama, p.nama, p.id LIMIT 50", [tahun])
        baris = c.fetchall()
        c.execute(f"SELECT o.nama, p.jenis_asn, COUNT(*), SUM(CASE WHEN COALESCE(r.total, 0) >= {tgt} THEN 1 ELSE 0 "
                  f"END), SUM(COALESCE(r.jp_coaching, 0)), SUM(COALESCE(r.jp_mentoring, 0)), "
                  f"SUM(COALESCE(r.jp_belajar_mandiri, 0)), SUM(COALESCE(r.jp_lainnya, 0)), "
                  f"SUM(COALESCE(r.total, 0)) {dari} GROUP BY o.nama, p.jenis_asn", [tahun])
        total = c.fetchall()
    return baris, total


def compliance_page(ctx) -> dict:
    """The page and its SQL baseline, `repeat` times in a row (`--repeat`): the ratio must hold in
    every repetition, so each one is kept (`ratios`) and the worst is `ratio_max`."""
    hasil = _compliance_sekali(ctx)
    if ctx["ulang"] > 1:
        semua = [hasil] + [_compliance_sekali(ctx) for _ in range(ctx["ulang"] - 1)]
        hasil = semua[-1] | {"ratios": [h["ratio"] for h in semua], "p95s": [h["p95"] for h in semua],
                             "ratio_max": max(h["ratio"] for h in semua)}
    return hasil


def _compliance_sekali(ctx) -> dict:
    tahun = ctx["tahun"][-1]
    url = f"/dasbor/laporan/jp/?tahun={tahun}"
    hasil = _halaman(_klien(ctx["bpsdm_user"]), url, kali=ctx["kali"])
    target = sel.target_per_jenis(tahun)
    baris, total = _sql_kepatuhan(tahun, target)
    # The page must show what the SQL gives (first page of 50 rows, same province total).
    halaman = sel.pemenuhan_daftar(Pegawai.objects.all(), tahun=tahun, target=target)
    assert [b.pk for b in halaman[:50]] == [b[0] for b in baris], "page rows differ from the SQL baseline"
    jp_sql = round(float(sum(t[8] for t in total)), 2)
    assert float(sel.pemenuhan_ringkas(halaman).jp_total) == jp_sql, "totals differ"
    baseline = ulang(lambda: _sql_kepatuhan(tahun, target), kali=ctx["kali"])
    return dengan_baseline(hasil, baseline) | {"rows": len(baris), "baseline_queries": baseline["queries"]}


def _klien_api(ctx) -> Client:
    """A test client carrying an API key of every scope (made once per run)."""
    if "kunci_api" not in ctx:
        _, ctx["kunci_api"] = klien_buat(nama="Bench", cakupan=[c.value for c in Cakupan], oleh=None)
    return Client(HTTP_AUTHORIZATION=f"Bearer {ctx['kunci_api']}")


def api_compliance_opd(ctx) -> dict:
    """GET /api/v1/pemenuhan/opd/: the per-OPD aggregate of the compliance page, as JSON."""
    return _halaman(_klien_api(ctx), f"/api/v1/pemenuhan/opd/?tahun={ctx['tahun'][-1]}", kali=ctx["kali"])


def api_jp_pegawai(ctx) -> dict:
    """GET /api/v1/pegawai/<nip>/jp/<tahun>/: one employee's credits (the JP page's data)."""
    nip = Pegawai.objects.get(user_id=ctx["pegawai_user"]).nip
    return _halaman(_klien_api(ctx), f"/api/v1/pegawai/{nip}/jp/{ctx['tahun'][-1]}/", kali=ctx["kali"])


def compliance_xlsx(ctx) -> dict:
    """The full Excel export of every employee; baseline = openpyxl write-only from a plain list."""
    from openpyxl import Workbook

    tahun = ctx["tahun"][-1]
    semua = Pegawai.objects.all()

    def ekspor_penuh():
        with tempfile.TemporaryFile() as f:
            ctx["xlsx_baris"] = laporan.laporan_jp_xlsx(f, tahun=tahun, pegawai_qs=semua)
            ctx["xlsx_bytes"] = f.tell()

    daftar = list(laporan.baris(semua, tahun=tahun))

    def baseline():
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Rekap 20 JP")
        ws.append(laporan.KOLOM)
        for b in daftar:
            ws.append(b)
        with tempfile.TemporaryFile() as f:
            wb.save(f)

    kali = 1 if ctx["quick"] or len(daftar) > 50000 else 5
    hasil, dasar = ulang_bergantian(ekspor_penuh, baseline, kali=kali)
    # Peak memory in a separate run: tracemalloc slows allocation-heavy code, so it is not timed.
    _, puncak = memori_puncak(ekspor_penuh)
    _, puncak_dasar = memori_puncak(baseline)
    return dengan_baseline(hasil, dasar) | {
        "rows": ctx["xlsx_baris"], "bytes": ctx["xlsx_bytes"], "peak_mb": puncak, "baseline_peak_mb": puncak_dasar,
    }


def dashboard_pegawai(ctx) -> dict:
    return _halaman(_klien(ctx["pegawai_user"]), "/dasbor/pegawai/", kali=ctx["kali"])


def dashboard_atasan(ctx) -> dict:
    hasil = _halaman(_klien(ctx["atasan_user"]), "/dasbor/atasan/", kali=ctx["kali"])
    return hasil | {"team_size": Pegawai.objects.filter(atasan__user_id=ctx["atasan_user"]).count()}


def dashboard_kepala(ctx) -> dict:
    hasil = _halaman(_klien(ctx["kepala_user"]), "/dasbor/kepala/", kali=ctx["kali"])
    return hasil | {"opd_size": Pegawai.objects.filter(opd__kepala__user_id=ctx["kepala_user"]).count()}


def dashboard_bpsdm(ctx) -> dict:
    return _halaman(_klien(ctx["bpsdm_user"]), "/dasbor/bpsdm/", kali=ctx["kali"])


def dashboard_mentor(ctx) -> dict:
    return _halaman(_klien(ctx["mentor_user"]), "/dasbor/mentor/", kali=ctx["kali"])


def kepala_disputed_sessions(ctx) -> dict:
    """The two-party confirmation's queue of the kepala: disputed sessions of the OPD (searchable, paged)."""
    return _halaman(_klien(ctx["kepala_user"]), "/dasbor/kepala/sanggahan/", kali=ctx["kali"])


def kepala_countersign_queue(ctx) -> dict:
    """The kepala's countersigning queue of issued activity sheets (paged)."""
    return _halaman(_klien(ctx["kepala_user"]), "/dasbor/kepala/pengesahan/", kali=ctx["kali"])


HTML_STATIS = """<!doctype html><html lang="id"><head><meta charset="utf-8"><style>@page{size:A4;margin:2cm}
body{font-family:sans-serif;font-size:10pt}table{width:100%;border-collapse:collapse}td,th{border:1px solid #000;
padding:3pt}</style></head><body><h1>Lembar Kegiatan Coaching</h1><p>Nama: Pegawai Sintetis</p><table><tr><th>No</th>
<th>Hari/tanggal</th><th>Materi</th><th>JP</th><th>Paraf</th></tr>""" + "".join(
    f"<tr><td>{i}</td><td>Senin, {i} Maret</td><td>Materi {i}</td><td>2</td><td></td></tr>" for i in range(1, 9)
) + "</table></body></html>"


def sheet_pdf(ctx) -> dict:
    from weasyprint import HTML

    tahun = ctx["tahun"][-1]
    mulai, selesai = lembar.periode_tahun(tahun)
    pegawai = Pegawai.objects.select_related("opd__instansi", "opd__kepala", "unit", "jabatan", "atasan").get(
        pk=ctx["pegawai_id"])
    lembar.lembar_pdf(pegawai=pegawai, jenis="coaching", mulai=mulai, selesai=selesai)  # warm-up (fonts)
    hasil = ulang(lambda: lembar.lembar_pdf(pegawai=pegawai, jenis="coaching", mulai=mulai, selesai=selesai),
                  kali=ctx["kali"])
    HTML(string=HTML_STATIS).write_pdf()
    dasar = ulang(lambda: HTML(string=HTML_STATIS).write_pdf(), kali=ctx["kali"])
    return dengan_baseline(hasil, dasar)


def sheets_zip_100(ctx) -> dict:
    """100 issued sheets (record, fingerprint, QR, PDF) of one OPD into one ZIP, as the bulk export does."""
    tahun = ctx["tahun"][-1]
    jumlah = 20 if ctx["quick"] else 100
    pasangan = []
    for opd in PerangkatDaerah.objects.filter(kode__startswith="B-OPD").order_by("kode"):
        pasangan += ekspor.pasangan_ekspor(opd=opd, jenis=["coaching", "mentoring", "belajar_mandiri"], tahun=tahun)
        if len(pasangan) >= jumlah:
            break
    pasangan = pasangan[:jumlah]
    berkas = io.BytesIO()
    mulai = time.perf_counter()
    berhasil, gagal = ekspor.zip_tulis(pasangan=pasangan, tahun=tahun, tujuan=berkas)
    detik = time.perf_counter() - mulai
    assert not gagal, gagal
    with zipfile.ZipFile(io.BytesIO(berkas.getvalue())) as zf:
        isi = len(zf.namelist())
    per_lembar = ctx.get("sheet_baseline")
    hasil = {"seconds": round(detik, 3), "sheets": berhasil, "zip_entries": isi, "bytes": len(berkas.getvalue()),
             "seconds_per_100": round(detik * 100 / max(berhasil, 1), 3)}
    if per_lembar:
        hasil |= {"baseline_seconds": round(per_lembar * berhasil, 3),
                  "ratio": round(detik / (per_lembar * berhasil), 2)}
    return hasil


def _beban(ctx) -> dict:
    User = get_user_model()
    tahun = ctx["tahun"][-1]
    nama = dict(User.objects.filter(pk__in=[ctx["pegawai_user"], ctx["atasan_user"], ctx["kepala_user"],
                                            ctx["bpsdm_user"]]).values_list("pk", "username"))
    laporan_jp = f"/dasbor/laporan/jp/?tahun={tahun}"
    # Each virtual user plays one role and cycles over the pages of that role.
    peran = [
        (nama[ctx["pegawai_user"]], ["/dasbor/pegawai/", "/jp/saya/"]),
        (nama[ctx["atasan_user"]], ["/dasbor/atasan/", "/dasbor/pegawai/"]),
        (nama[ctx["kepala_user"]], ["/dasbor/kepala/", laporan_jp]),
        (nama[ctx["bpsdm_user"]], ["/dasbor/bpsdm/", laporan_jp]),
    ]
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db['USER'] or ''}{':' + db['PASSWORD'] if db['PASSWORD'] else ''}@{db['HOST']}:" \
              f"{db['PORT'] or 5432}/{db['NAME']}"
    connection.close()
    return {"database_url": url, "peran": peran, "sandi": sintetis.SANDI, "vu": 20, "detik": ctx["detik_beban"]}


def load(ctx) -> dict:
    """20 virtual users who read each page 1–3 s before the next (what the users experience)."""
    return beban.jalankan(**_beban(ctx))


def load_saturation(ctx) -> dict:
    """The same 20 users clicking back to back: the throughput ceiling of 2 gunicorn workers."""
    return beban.jalankan(**_beban(ctx), jeda=(0, 0))


URUTAN = [rebuild_all, recompute_employee_year, compliance_page, api_compliance_opd, compliance_xlsx,
          dashboard_pegawai, api_jp_pegawai, dashboard_atasan, dashboard_mentor, dashboard_kepala,
          kepala_disputed_sessions, kepala_countersign_queue, dashboard_bpsdm, sheet_pdf, sheets_zip_100, load,
          load_saturation]
# Which page each API endpoint mirrors (named next to it in the results).
CERMIN = {"api_compliance_opd": "compliance_page", "api_jp_pegawai": "dashboard_pegawai"}


def jalankan(*, n: int, tahun_jumlah: int, quick: bool, hanya: set[str], nama_db: str,
             kegiatan_per_tahun: int = 20, pakai_lagi: bool = False, ulang_kepatuhan: int = 1) -> dict:
    tahun_ini = date.today().year
    tahun = list(range(tahun_ini - tahun_jumlah + 1, tahun_ini + 1))
    mulai = time.perf_counter()
    ctx = sintetis.konteks(tahun) if pakai_lagi else None
    sudah_dihitung = ctx is not None and RekapTahunan.objects.exists()
    if ctx is None:
        ctx = sintetis.bangun(n, tahun, kegiatan_per_tahun=kegiatan_per_tahun)
        sintetis.segarkan_statistik()
    hasil: dict = {"build": {"seconds": round(time.perf_counter() - mulai, 2), "employees": ctx["pegawai"],
                             "activities": ctx["kegiatan"], "activities_per_employee_year": kegiatan_per_tahun,
                             "reused": sudah_dihitung}}
    ctx.update(kali=3 if quick else 10, detik_beban=5 if quick else 30, quick=quick, ulang=ulang_kepatuhan)
    if sudah_dihitung and not RingkasanKesenjanganOpd.objects.exists():
        call_command("ringkasan_provinsi", stdout=io.StringIO())  # a kept database built before the summaries
    for ukur in URUTAN:
        # The rebuild fills the credits and RekapTahunan every page reads: it runs unless a kept
        # database already has them and it was not asked for.
        wajib = ukur is rebuild_all and not sudah_dihitung
        if hanya and ukur.__name__ not in hanya and not wajib:
            continue
        beban_awal = round(os.getloadavg()[0], 2)
        print(f"... {ukur.__name__} (load average {beban_awal})", flush=True)
        mulai = time.perf_counter()
        hasil[ukur.__name__] = ukur(ctx)
        if ukur.__name__ in CERMIN:
            hasil[ukur.__name__]["mirrors"] = CERMIN[ukur.__name__]
        # The machine is shared: the 1-minute load average before and after says how busy it was.
        hasil[ukur.__name__]["loadavg_1m"] = [beban_awal, round(os.getloadavg()[0], 2)]
        if ukur is sheet_pdf:
            ctx["sheet_baseline"] = hasil["sheet_pdf"]["baseline_seconds"]
        print(f"    {time.perf_counter() - mulai:.1f} s", flush=True)
    return hasil
