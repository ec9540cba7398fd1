"""Role dashboards and the 20-JP compliance report. Views are thin: access via `akses`, numbers via
`jp_conversion.selectors` / `bangkom.dasbor.selectors`, charts via `grafik`, exports via `laporan`."""
from __future__ import annotations

import sys
import tempfile
from decimal import Decimal
from itertools import accumulate

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.dokumen import pengesahan
from bangkom.dokumen.ekspor import ekspor_siap_diunduh
from bangkom.kompetensi.iku import capaian_per_iku
from bangkom.kompetensi.ringkasan import ringkasan_kesenjangan_provinsi
from bangkom.lib.halaman import PaginatorKunci, param_halaman, param_tanpa
from bangkom.lib.kembali import alihkan_kembali
from bangkom.lib.masukan import daftar_id, istilah_cari
from bangkom.pegawai import akses
from bangkom.pegawai import middleware as penjaga_basis_data
from bangkom.pegawai.akses import peran
from bangkom.pegawai.models import Pegawai
from bangkom.sesi.models import Evaluasi, IndikatorEvaluasi
from bangkom.sesi.selectors import sesi_beranda, sesi_disanggah_opd
from bangkom.sesi.services import evaluasi_rekap
from coaching.perlu import perlu_coaching
from jp_conversion import rules, services
from jp_conversion import selectors as sel
from jp_conversion.models import StatusKegiatan
from jp_conversion.rekap_opd import rekap_provinsi, rekap_unit, semua_opd
from mentoring.models import PermintaanMentoring

from . import ekspor, grafik, laporan, tasks
from . import selectors as dsel
from .forms import FilterTimForm

# (key, label, url name), in the order the home page prefers them
DASBOR = [
    ("bpsdm", "Provinsi (BPSDM)", "dasbor-bpsdm"),
    ("kepala", "Perangkat Daerah", "dasbor-kepala"),
    ("atasan", "Tim Saya", "dasbor-atasan"),
    ("mentor", "Dasbor Mentor", "dasbor-mentor"),
    ("pegawai", "Pribadi", "dasbor-pegawai"),
]
KESENJANGAN_DI_DASBOR = 10  # competencies listed on the BPSDM dashboard; the gap map has them all
BULAN_SINGKAT = [rules.nama_bulan(m)[:3] for m in range(1, 13)]
PENGESAHAN_DI_DASBOR = 10  # the rest of the queue is on its own paginated page
PENGESAHAN_PER_HALAMAN = 50
SANGGAHAN_DI_DASBOR = 10  # the rest of the disputed sessions are on their own searchable page
SANGGAHAN_PER_HALAMAN = 50


def _url_ada(nama: str, *args) -> str:
    """The URL of another engineer's page when that page exists, else "" (the link is left out)."""
    try:
        return reverse(nama, args=args)
    except NoReverseMatch:
        return ""


def _tab(request, aktif: str) -> list[tuple[str, str, bool]]:
    return [
        (label, reverse(url), kunci == aktif)
        for kunci, label, url in DASBOR
        if akses.punya_peran(request.user, kunci)
    ]


TUGAS_DI_DASBOR = 5
TIM_PER_HALAMAN = 50  # team rows per page of the supervisor's dashboard
PARAF_DI_DASBOR = 50  # activities waiting for the supervisor's paraf listed at once


def _konteks(request, aktif: str, judul: str, **lain) -> dict:
    """Every dashboard (the home page) also lists the user's sessions waiting for their one-tap
    confirmation and the sessions they logged that came back to them, disputed or rejected, to
    correct (two-party confirmation), and the tasks waiting for them: activities to initial,
    mentoring requests to answer and finished exports to download."""
    p = peran(request.user)
    saya = p.pegawai
    konfirmasi = {}
    if saya is not None:
        konfirmasi_saya, dikembalikan_saya = sesi_beranda(saya)
        konfirmasi = {
            "konfirmasi_saya": konfirmasi_saya,
            "dikembalikan_saya": dikembalikan_saya,
            # "Menunggu saya": tasks with their action one tap away (they leave the list when done).
            "tugas_paraf": list(sel.menunggu_paraf(pembimbing=saya)[:TUGAS_DI_DASBOR + 1]),
            "tugas_permintaan": list(dsel.permintaan_mentor(mentor=saya, status=PermintaanMentoring.Status.DIAJUKAN)
                                     [:TUGAS_DI_DASBOR]) if p.mentor else [],
            # only a kepala or BPSDM can start a bulk export, so only they can have one waiting
            "tugas_ekspor": list(ekspor_siap_diunduh(request.user)[:TUGAS_DI_DASBOR]) if p.kepala or p.bpsdm else [],
        }
    return {"tab_dasbor": _tab(request, aktif), "judul": judul, "remah": [(judul, "")], **konfirmasi, **lain}


def _filter_tim(request) -> tuple[FilterTimForm, dict]:
    form = FilterTimForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    return form, form.nilai()


def beranda(request):
    """Home: the dashboard of the user's broadest role; the others are one tab away."""
    for kunci, _, _url in DASBOR:
        if akses.punya_peran(request.user, kunci):
            return VIEW_DASBOR[kunci](request)
    return render(request, "dasbor/beranda.html", {"p": peran(request.user)})


def dasbor_pegawai(request):
    akses.wajib_peran(request.user, "pegawai")
    saya = peran(request.user).pegawai
    _, f = _filter_tim(request)
    tahun = f["tahun"]
    pegawai_qs = Pegawai.objects.filter(pk=saya.pk)
    baris = sel.pemenuhan(pegawai_qs, tahun=tahun).get()
    per_bulan = sel.jp_per_bulan(pegawai_qs, tahun=tahun)
    per_jenis = [(label, getattr(baris, nama)) for nama, _, label in sel.JENIS_KOLOM]
    persen = 0
    if baris.target_jp:
        persen = min(Decimal(100), (baris.total_jp * 100 / baris.target_jp).quantize(Decimal("1")))
    return render(request, "dasbor/pegawai.html", _konteks(
        request, "pegawai", "JP Saya",
        tahun=tahun, saya=saya, b=baris, persen=persen, per_jenis=per_jenis, ragam=sel.ragam_dari_baris(baris),
        per_bulan=list(zip(BULAN_SINGKAT, per_bulan, strict=True)),
        laju=sel.laju_dibutuhkan(baris.target_jp, tahun),
        berisiko=sel.berisiko(baris, tahun=tahun),
        grafik_jenis=grafik.batang(f"JP per jenis tahun {tahun}", [p[0] for p in per_jenis], [p[1] for p in per_jenis]),
        grafik_bulan=grafik.batang(f"JP per bulan tahun {tahun}", BULAN_SINGKAT, per_bulan),
        notifikasi=dsel.notifikasi_belum_dibaca(pegawai=saya),
        ditolak=dsel.kegiatan_saya(pegawai=saya, tahun=tahun, status=StatusKegiatan.DITOLAK),
        menunggu=dsel.kegiatan_saya(pegawai=saya, tahun=tahun, status=StatusKegiatan.DIAJUKAN),
        url_jp_saya=_url_ada("jp:saya"),
        url_kompetensi=_url_ada("kompetensi:saya"),
        url_rencana=_url_ada("kompetensi:rencana", saya.pk),
        rencana=dsel.rencana_pegawai(pegawai=saya, tahun=tahun, target=baris.target_jp, total=baris.total_jp,
                                     hari_ini=timezone.localdate()),
    ))


def dasbor_atasan(request):
    akses.wajib_peran(request.user, "atasan")
    saya = peran(request.user).pegawai
    form, f = _filter_tim(request)
    tahun = f["tahun"]
    tim = sel.dengan_jumlah_menunggu(
        sel.pemenuhan_daftar(saya.bawahan.all(), tahun=tahun, status=f["status"], jenis_asn=f["jenis_asn"],
                             q=f["q"], urut=f["urut"] or "nama"),
        pembimbing=saya,
    )
    tim = list(tim)  # the whole team: its mix and who is at risk are over everyone, not one page
    halaman = Paginator(tim, TIM_PER_HALAMAN).get_page(request.GET.get("page"))
    kesenjangan = dsel.jumlah_kesenjangan(saya.bawahan.filter(pk__in=[b.pk for b in halaman]))
    for b in tim:
        b.berisiko = sel.berisiko(b, tahun=tahun)
    for b in halaman:
        b.kesenjangan_n = kesenjangan.get(b.pk, 0)
    # The oldest first, as many as one bulk paraf handles; the rest follow after it (the count is a
    # query only when the list is cut).
    antrean = sel.menunggu_paraf(pembimbing=saya)
    menunggu = list(antrean[:PARAF_DI_DASBOR + 1])
    menunggu_n = antrean.count() if len(menunggu) > PARAF_DI_DASBOR else len(menunggu)
    return render(request, "dasbor/atasan.html", _konteks(
        request, "atasan", "Tim Saya",
        tahun=tahun, form=form, halaman=halaman, tim_n=len(tim), berisiko=[b for b in tim if b.berisiko],
        ragam=sel.ragam_dari_baris(tim), param_tambahan=param_halaman(request),
        menunggu=menunggu[:PARAF_DI_DASBOR], menunggu_n=menunggu_n,
        coaching_siap=dsel.coaching_siap_sesi(coach=saya),
        perlu_coaching=perlu_coaching(saya.bawahan.all(), tahun=tahun, oleh=saya),
        laju=sel.laju_dibutuhkan(sel.TARGET_BAKU, tahun),
    ))


@require_POST
def paraf_banyak(request):
    """Approve several waiting activities at once (only those whose pembimbing is the user)."""
    akses.wajib_peran(request.user, "pegawai")
    ids = daftar_id(request.POST.getlist("kegiatan"))
    if not ids:
        messages.error(request, "Pilih minimal satu kegiatan yang akan diparaf.")
    else:
        hasil = services.kegiatan_paraf_antrean(kegiatan_ids=ids, oleh=peran(request.user).pegawai)
        if hasil.diparaf:
            messages.success(request, _pesan_paraf_antrean(hasil))
        else:
            messages.warning(
                request, "Tidak ada kegiatan yang diparaf: mungkin sudah diparaf atau bukan bimbingan Anda. "
                f"Menunggu paraf Anda: {hasil.sisa} kegiatan.",
            )
    return alihkan_kembali(request, reverse("dasbor-atasan"))


def _pesan_paraf_antrean(hasil: services.HasilParafAntrean) -> str:
    """The bulk paraf's true outcome: how many were initialled, how many of them count now (a session
    counts once its participant confirmed it too), and what is left in the queue."""
    menunggu = hasil.diparaf - hasil.dihitung
    rincian = "JP-nya dihitung" if not menunggu else (
        f"{hasil.dihitung} langsung dihitung, {menunggu} dihitung setelah peserta mengonfirmasi sesinya"
    )
    return f"{hasil.diparaf} kegiatan telah diparaf ({rincian}). Sisa yang menunggu paraf Anda: {hasil.sisa}."


def dasbor_mentor(request):
    akses.wajib_peran(request.user, "mentor")
    saya = peran(request.user).pegawai
    _, f = _filter_tim(request)
    tahun = f["tahun"]
    berjalan = dsel.permintaan_mentor(mentor=saya, status=PermintaanMentoring.Status.DITERIMA)
    jp_mentee = {
        p.pk: p for p in sel.pemenuhan(Pegawai.objects.filter(pk__in=berjalan.values("pemohon_id")), tahun=tahun)
    }
    mentee = [(m, jp_mentee.get(m.pemohon_id)) for m in berjalan]
    return render(request, "dasbor/mentor.html", _konteks(
        request, "mentor", "Dasbor Mentor",
        tahun=tahun, mentee=mentee,
        diajukan=list(dsel.permintaan_mentor(mentor=saya, status=PermintaanMentoring.Status.DIAJUKAN)),
        sesi_menunggu=list(dsel.sesi_mentoring_menunggu(mentor=saya)),
        rekap=evaluasi_rekap(Evaluasi.objects.filter(pembimbing=saya), skala=IndikatorEvaluasi.Skala.MANFAAT),
    ))


def _tren(per_bulan: list[Decimal], *, tahun: int, jumlah: int, target: Decimal) -> tuple[list, list]:
    """Cumulative mean JP per month (months not yet started are left out) and the pace line."""
    berjalan = sel.bulan_berjalan(tahun)
    kumulatif = list(accumulate(per_bulan))
    rata = [
        (k / jumlah).quantize(Decimal("0.01")) if jumlah and i < berjalan else None
        for i, k in enumerate(kumulatif)
    ]
    laju = [(target * (i + 1) / 12).quantize(Decimal("0.01")) for i in range(12)]
    return rata, laju


DI_BAWAH_PER_HALAMAN = 15


def dasbor_kepala(request):
    akses.wajib_peran(request.user, "kepala")
    opd = peran(request.user).opd_dipimpin
    _, f = _filter_tim(request)
    tahun = f["tahun"]
    target = sel.target_per_jenis(tahun)
    pegawai_qs = Pegawai.objects.filter(opd=opd, aktif=True)
    rekap = rekap_unit(tahun=tahun, opd=opd)
    ringkas = rekap.opd
    rata, laju = _tren(rekap.per_bulan, tahun=tahun, jumlah=ringkas.jumlah, target=target["PNS"])
    disanggah = sesi_disanggah_opd(opd)
    # One more than shown: the count needs its own query only when the list is cut.
    sanggahan = list(disanggah[:SANGGAHAN_DI_DASBOR + 1])
    sanggahan_n = len(sanggahan) if len(sanggahan) <= SANGGAHAN_DI_DASBOR else disanggah.count()
    sanggahan = sanggahan[:SANGGAHAN_DI_DASBOR]
    # The countersigning queue only where the OPD asks for it (RULES §4 "Mengetahui").
    antrean, antrean_n = [], 0
    if opd.wajib_pengesahan_kepala:
        menunggu = pengesahan.lembar_menunggu_pengesahan(request.user)
        antrean_n = menunggu.count()
        antrean = pengesahan.tandai_berlaku(list(menunggu[:PENGESAHAN_DI_DASBOR]))
    return render(request, "dasbor/kepala.html", _konteks(
        request, "kepala", "Perangkat Daerah",
        tahun=tahun, opd=opd, pengesahan=antrean, pengesahan_n=antrean_n,
        disanggah=sanggahan, disanggah_n=sanggahan_n,
        r=ringkas, per_unit=rekap.per_unit,
        tren=list(zip(BULAN_SINGKAT, rata, laju, strict=True)),
        grafik_tren=grafik.garis(
            f"Rata-rata JP kumulatif {opd.nama} tahun {tahun} dibanding laju menuju {target['PNS']} JP",
            BULAN_SINGKAT, [("Rata-rata JP kumulatif", rata), (f"Laju menuju {target['PNS']} JP", laju)],
        ),
        # Said up front: how many are below target; all of them, lowest JP first, a page at a time.
        di_bawah=_di_bawah(request, pegawai_qs, tahun=tahun, target=target, jumlah=ringkas.belum),
        param_tahun=urlencode({"tahun": tahun}) + "&",
        coach_bersertifikat=dsel.jumlah_coach_bersertifikat(opd=opd),
        perlu_coaching=perlu_coaching(pegawai_qs, tahun=tahun, oleh=peran(request.user).pegawai),
        durasi_sesi=rekap.durasi_sesi,
        url_laporan=reverse("laporan-jp") + "?" + urlencode({"tahun": tahun, "opd": opd.pk}),
        url_ekspor_lembar=reverse("dokumen:ekspor") + "?" + urlencode({"tahun": tahun, "opd": opd.pk}),
        url_peta=_url_ada("kompetensi:peta"),
        url_akpk=reverse("kompetensi:akpk") + "?" + urlencode({"tahun": tahun}),
        per_iku=capaian_per_iku(opd=opd, tahun=tahun),
    ))


def _di_bawah(request, pegawai_qs, *, tahun: int, target: dict, jumlah: int):
    """Everyone below target, lowest JP first, a page at a time; the summary already counted them."""
    paginator = Paginator(sel.pemenuhan_daftar(pegawai_qs, tahun=tahun, status="belum", urut="total", target=target),
                          DI_BAWAH_PER_HALAMAN)
    paginator.count = jumlah  # no COUNT query
    return paginator.get_page(request.GET.get("page"))


@require_http_methods(["GET", "POST"])
def pengesahan_lembar(request):
    """The kepala's whole countersigning queue (GET, paginated) and "Sahkan terpilih" (POST)."""
    akses.wajib_peran(request.user, "kepala")
    if request.method == "POST":
        ids = daftar_id(request.POST.getlist("lembar"))
        if not ids:
            messages.error(request, "Pilih minimal satu lembar kegiatan yang akan disahkan.")
        else:
            _pesan_pengesahan(request, pengesahan.lembar_sahkan(terbit_ids=ids, oleh=request.user))
        return alihkan_kembali(request, reverse("dasbor-pengesahan"))
    opd = peran(request.user).opd_dipimpin
    halaman = Paginator(pengesahan.lembar_menunggu_pengesahan(request.user), PENGESAHAN_PER_HALAMAN).get_page(
        request.GET.get("page")
    )
    pengesahan.tandai_berlaku(list(halaman.object_list))
    judul = "Lembar menunggu pengesahan"
    return render(request, "dasbor/pengesahan.html", {
        **_konteks(request, "kepala", judul), "opd": opd, "halaman": halaman,
        "remah": [("Perangkat Daerah", reverse("dasbor-kepala")), (judul, "")],
    })


def sesi_disanggah(request):
    """Every disputed session of the kepala's OPD, newest first, searchable and paged."""
    akses.wajib_peran(request.user, "kepala")
    opd = peran(request.user).opd_dipimpin
    q = istilah_cari(request)
    halaman = PaginatorKunci(sesi_disanggah_opd(opd, q=q), SANGGAHAN_PER_HALAMAN).get_page(request.GET.get("page"))
    judul = "Sesi bimbingan yang disanggah"
    return render(request, "dasbor/sanggahan.html", {
        **_konteks(request, "kepala", judul), "opd": opd, "halaman": halaman, "q": q,
        "remah": [("Perangkat Daerah", reverse("dasbor-kepala")), (judul, "")],
    })


def _pesan_pengesahan(request, hasil: pengesahan.HasilPengesahan) -> None:
    if hasil.disahkan:
        messages.success(request, f"{hasil.disahkan} lembar kegiatan telah disahkan.")
    lewat = [
        (hasil.sudah_disahkan, "sudah disahkan sebelumnya"),
        (hasil.tidak_berlaku, "tidak berlaku lagi (digantikan lembar yang lebih baru atau kegiatannya berubah)"),
        (hasil.tidak_ditemukan, "bukan lembar pegawai perangkat daerah Anda yang menunggu pengesahan"),
    ]
    alasan = "; ".join(f"{n} {teks}" for n, teks in lewat if n)
    if alasan:
        messages.warning(request, f"Lembar yang dilewati: {alasan}.")
    elif not hasil.disahkan:
        messages.warning(request, "Tidak ada lembar kegiatan yang disahkan.")


def dasbor_bpsdm(request):
    akses.wajib_peran(request.user, "bpsdm")
    _, f = _filter_tim(request)
    tahun = f["tahun"]
    # The province summaries kept by the ledger and the assessments (a few rows per OPD), never
    # every employee, activity or assessment.
    opd_ids = semua_opd()
    per_opd, ringkas, per_asn, durasi_sesi = rekap_provinsi(tahun=tahun, opd_ids=opd_ids)
    jenis = list(ringkas.jp_per_jenis.items())
    kesenjangan = ringkasan_kesenjangan_provinsi(opd_ids=opd_ids)
    return render(request, "dasbor/bpsdm.html", _konteks(
        request, "bpsdm", "Provinsi (BPSDM)",
        tahun=tahun, r=ringkas, per_opd=per_opd, per_asn=per_asn,
        grafik_opd=grafik.batang(
            f"Persentase pegawai mencapai target per OPD tahun {tahun}",
            [a.singkat for a in per_opd], [a.persen_tercapai for a in per_opd], satuan="%", maks=Decimal(100),
        ),
        grafik_jenis=grafik.batang(f"JP provinsi per jenis tahun {tahun}", [j[0] for j in jenis],
                                   [j[1] for j in jenis]),
        kesenjangan=kesenjangan[:KESENJANGAN_DI_DASBOR], kesenjangan_n=len(kesenjangan),
        impor=dsel.impor_terakhir(), ekspor_terakhir=dsel.ekspor_terakhir(),
        coach_bersertifikat=dsel.jumlah_coach_bersertifikat(),
        durasi_sesi=durasi_sesi,
        url_laporan=reverse("laporan-jp") + "?" + urlencode({"tahun": tahun}),
        url_peta=_url_ada("kompetensi:peta"),
        url_akpk=reverse("kompetensi:akpk") + "?" + urlencode({"tahun": tahun}),
    ))


VIEW_DASBOR = {
    "pegawai": dasbor_pegawai, "atasan": dasbor_atasan, "mentor": dasbor_mentor,
    "kepala": dasbor_kepala, "bpsdm": dasbor_bpsdm,
}


def _unduh(fmt: str, *, tahun: int, pegawai_qs, saring: laporan.Saringan):
    # Excel rows are streamed by openpyxl to its own temporary file; the finished file goes to a
    # temporary file too, so memory stays bounded whatever the number of employees.
    berkas = tempfile.TemporaryFile()  # noqa: SIM115 closed by FileResponse
    laporan.tulis(fmt, berkas, tahun=tahun, pegawai_qs=pegawai_qs, saring=saring)
    berkas.seek(0)
    return FileResponse(berkas, as_attachment=True, filename=laporan.nama_berkas(fmt, tahun=tahun, saring=saring),
                        content_type=laporan.FORMAT[fmt][1])


def laporan_jp(request):
    """Rekap Pemenuhan 20 JP: kepala OPD (own OPD) and BPSDM (all); HTML, Excel, PDF, CSV. An
    export of more than `ekspor.BATAS_UNDUH_LANGSUNG` rows becomes a background job."""
    pegawai_qs = akses.pegawai_laporan(request.user)
    form, tahun, saring = ekspor.pilihan_laporan(request.GET, user=request.user)
    fmt = request.GET.get("format", "")
    if fmt in laporan.FORMAT:
        if laporan.jumlah_baris(pegawai_qs, tahun=tahun, saring=saring) <= ekspor.BATAS_UNDUH_LANGSUNG:
            return _unduh(fmt, tahun=tahun, pegawai_qs=pegawai_qs, saring=saring)
        parameter = {k: v for k, v in request.GET.items() if k in {*form.fields, "format"} and v}
        proses = ekspor.laporan_mulai(oleh=request.user, parameter=parameter)
        tasks.laporan_antrekan(proses)
        return redirect("dokumen:ekspor-detail", pk=proses.pk)
    target = sel.target_per_jenis(tahun)
    daftar = sel.pemenuhan_daftar(pegawai_qs, tahun=tahun, target=target, **saring.kwargs())
    per_opd, ringkas, per_asn = laporan.rekap(daftar, tahun=tahun, saring=saring,
                                              opd_qs=akses.opd_terlihat(request.user))
    paginator = PaginatorKunci(daftar, 50)
    paginator.count = ringkas.jumlah  # the aggregate has already counted the rows: no COUNT query
    halaman = paginator.get_page(request.GET.get("page"))
    return render(request, "dasbor/laporan_jp.html", {
        "form": form, "tahun": tahun, "halaman": halaman,
        "per_opd": per_opd,
        "ringkas": ringkas,
        "per_asn": per_asn,
        "plafon_pppk": sel.PLAFON_PPPK,
        "param_tambahan": param_halaman(request),
        "param_ekspor": param_tanpa(request, "page", "format"),
        "remah": [("Laporan", ""), ("Rekap Pemenuhan 20 JP", "")],
    })


def galat_403(request, exception=None):
    return render(request, "403.html", status=403)


def galat_404(request, exception=None):
    return render(request, "404.html", status=404)


def galat_500(request):
    # An outage that strikes before any view (the session read for request.user in a middleware)
    # never reaches DatabaseTidakTersediaMiddleware.process_exception: it lands here, and a page
    # rendered with the request would ask the database again and escape to gunicorn as a bare 500.
    if penjaga_basis_data.basis_data_putus(sys.exc_info()[1]):
        return penjaga_basis_data.halaman_basis_data_putus()
    return render(request, "500.html", status=500)
