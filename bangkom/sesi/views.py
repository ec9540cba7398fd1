from decimal import Decimal
from io import BytesIO

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from bangkom.lib.formulir import PesanGalat, jalankan_aksi, tempel_galat
from bangkom.lib.kembali import alihkan_kembali
from bangkom.lib.sel import baris_xlsx
from bangkom.pegawai.akses import peran
from jp_conversion.models import StatusKegiatan

from .akses import (
    boleh_paraf_sesi,
    evaluasi_terlihat,
    penilaian_evaluasi,
    peserta_sendiri,
    sesi_atau_404,
    wajib_rekap_evaluasi,
)
from .catat import formulir_sesi, isian_awal, pesan_tercatat
from .forms import EvaluasiForm, RekapEvaluasiForm
from .models import Evaluasi, IndikatorEvaluasi, Sesi
from .selectors import (
    PENGELOMPOKAN,
    BarisRekap,
    evaluasi_hasil_kinerja,
    indikator_aktif,
    rekap_per_kelompok,
    sesi_menunggu_paraf,
)
from .services import (
    evaluasi_rekap,
    evaluasi_simpan,
    sesi_batal_paraf,
    sesi_konfirmasi,
    sesi_koreksi,
    sesi_paraf,
    sesi_tarik,
)


def detail(request, pk):
    sesi = sesi_atau_404(request.user, pk)
    peserta = list(sesi.peserta.select_related("pegawai", "kegiatan", "kegiatan__diparaf_oleh"))
    saya = peran(request.user).pegawai
    return render(
        request, "sesi/detail.html",
        {
            "sesi": sesi, "peserta": peserta, "boleh_paraf": boleh_paraf_sesi(request.user, sesi),
            "baris_saya": peserta_sendiri(request.user, sesi),
            "pencatat": saya is not None and sesi.dicatat_oleh_id == saya.pk,
            "menunggu_paraf": sesi_menunggu_paraf(sesi),
            # Disputed by a participant or rejected by the pembimbing: back with its author.
            "dikembalikan": [ps for ps in peserta if ps.dikembalikan],
        },
    )


@require_POST
def konfirmasi(request, pk):
    """The participant confirms their session (one tap, from the home page, the notification's page
    or the session page) or disputes it with a reason."""
    sesi = sesi_atau_404(request.user, pk)
    if peserta_sendiri(request.user, sesi) is None:
        messages.error(request, "Hanya peserta sesi ini yang dapat mengonfirmasinya.")
        return redirect("sesi:detail", pk=sesi.pk)
    oleh = peran(request.user).pegawai
    jalankan_aksi(request, {
        "konfirmasi": (
            lambda: sesi_konfirmasi(sesi=sesi, oleh=oleh, setuju=True),
            lambda ps: "Sesi dikonfirmasi; JP dihitung." if ps.lengkap
            else "Sesi dikonfirmasi; JP dihitung setelah pembimbing memberi paraf.",
        ),
        "sanggah": (
            lambda: sesi_konfirmasi(sesi=sesi, oleh=oleh, setuju=False, alasan=request.POST.get("alasan", "")),
            "Sanggahan terkirim ke pencatat sesi; sesi tidak dihitung.",
        ),
    })
    return alihkan_kembali(request, reverse("sesi:detail", args=[sesi.pk]))


@require_POST
def tarik(request, pk):
    """The author withdraws a session that does not count yet (e.g. after a dispute)."""
    sesi = sesi_atau_404(request.user, pk)
    oleh = peran(request.user).pegawai
    if oleh is None or sesi.dicatat_oleh_id != oleh.pk:
        messages.error(request, "Hanya pencatat sesi ini yang dapat menariknya.")
        return redirect("sesi:detail", pk=sesi.pk)
    kembali = sesi.induk.get_absolute_url() if hasattr(sesi.induk, "get_absolute_url") else reverse("beranda")
    with PesanGalat(request) as hasil:
        sesi_tarik(sesi=sesi, oleh=oleh, alasan=request.POST.get("alasan", ""))
        messages.success(request, "Sesi ditarik; riwayat menyimpan alasannya.")
    return redirect("sesi:detail", pk=sesi.pk) if hasil.gagal else redirect(kembali)


@require_http_methods(["GET", "POST"])
def koreksi(request, pk):
    """The author corrects a session that does not count yet: after a dispute (or a rejection by the
    pembimbing) it came back to them, with the reason shown above the form, which starts from what
    was recorded. Saving withdraws it and logs the corrected one in its place (`sesi_koreksi`),
    waiting again for the other party."""
    sesi = sesi_atau_404(request.user, pk)
    oleh = peran(request.user).pegawai
    if oleh is None or sesi.dicatat_oleh_id != oleh.pk:
        raise PermissionDenied("Hanya pencatat sesi ini yang dapat mengoreksinya.")
    peserta = list(sesi.peserta.select_related("pegawai", "kegiatan").order_by("pegawai__nama"))
    if any(ps.kegiatan.status == StatusKegiatan.DISETUJUI for ps in peserta):
        messages.error(request, "Sesi yang sudah dihitung tidak dapat dikoreksi; minta pembimbing membatalkan paraf.")
        return redirect("sesi:detail", pk=sesi.pk)
    hasil = formulir_sesi(
        request, jenis=sesi.jenis, peserta=[ps.pegawai for ps in peserta], awal=isian_awal(sesi),
        simpan=lambda isi, _id_klien: sesi_koreksi(sesi=sesi, oleh=oleh, isi=isi), baru=False,
    )
    if hasil.sesi is not None:
        messages.success(request, f"Sesi dikoreksi. {pesan_tercatat(hasil.sesi)}")
        return redirect("sesi:detail", pk=hasil.sesi.pk)
    induk = sesi.induk
    remah = [(str(induk), induk.get_absolute_url())] if hasattr(induk, "get_absolute_url") else []
    return render(request, "sesi/koreksi.html", {
        "sesi": sesi, "peserta": peserta, "form": hasil.form, "pratinjau": hasil.pratinjau,
        "remah": [*remah, (f"Sesi {sesi.tanggal:%d-%m-%Y}", reverse("sesi:detail", args=[sesi.pk])), ("Koreksi", None)],
    })


@require_POST
def paraf(request, pk):
    """Initial, reject (with reason) or withdraw the paraf of a session: one POST endpoint for
    coaching and mentoring alike."""
    sesi = sesi_atau_404(request.user, pk)
    if not boleh_paraf_sesi(request.user, sesi):
        messages.error(request, "Hanya pembimbing sesi ini yang dapat memberi paraf.")
        return redirect("sesi:detail", pk=sesi.pk)
    alasan = request.POST.get("alasan", "")
    oleh = peran(request.user).pegawai
    jalankan_aksi(request, {
        "setujui": (
            lambda: sesi_paraf(sesi=sesi, oleh=oleh, setuju=True),
            lambda _: "Sesi diparaf; JP peserta sudah dihitung ulang." if all(ps.lengkap for ps in sesi.peserta.all())
            else "Sesi diparaf; JP dihitung setelah peserta mengonfirmasi sesi ini.",
        ),
        "tolak": (lambda: sesi_paraf(sesi=sesi, oleh=oleh, setuju=False, alasan=alasan), "Sesi ditolak."),
        "batal": (
            lambda: sesi_batal_paraf(sesi=sesi, oleh=oleh, alasan=alasan),
            "Paraf dibatalkan; sesi kembali menunggu paraf.",
        ),
    })
    return alihkan_kembali(request, reverse("sesi:detail", args=[sesi.pk]))


# --- Evaluations of a relationship (RULES §5), generic over its `induk` ---

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JUDUL_SKALA = {
    "manfaat": "Penilaian manfaat bimbingan oleh peserta",
    "kontribusi": "Penilaian kontribusi terhadap kinerja oleh atasan peserta",
}


def _induk_atau_404(label: str, pk: int):
    try:
        app_label, model = label.split(".")
        return ContentType.objects.get_by_natural_key(app_label, model).get_object_for_this_type(pk=pk)
    except (ValueError, ObjectDoesNotExist, AttributeError):
        raise Http404("Data tidak ditemukan.") from None


@require_http_methods(["GET", "POST"])
def evaluasi(request, induk, pk, skala):
    """The participant rates the relationship (manfaat) or their supervisor rates its contribution
    (kontribusi), once sessions have been initialled; a second visit edits the same evaluation."""
    obj = _induk_atau_404(induk, pk)
    boleh = penilaian_evaluasi(request.user, obj, skala)
    if boleh is None:
        raise Http404("Tidak ada bimbingan yang dapat Anda nilai di sini.")
    peserta, pembimbing, jenis = boleh
    penilai = peran(request.user).pegawai
    indikator = list(IndikatorEvaluasi.objects.filter(skala=skala, aktif=True))
    lama = Evaluasi.objects.untuk(obj).filter(skala=skala, penilai=penilai).prefetch_related("skor").first()
    awal = {}
    if lama is not None:
        awal = {f"indikator_{s.indikator_id}": s.skor for s in lama.skor.all()} | {
            "catatan": lama.catatan, "kondisi_sebelum": lama.kondisi_sebelum,
            "kondisi_sesudah": lama.kondisi_sesudah, "iku_opd": lama.iku_opd,
        }
    form = EvaluasiForm(
        request.POST or None, initial=awal, indikator=indikator, skala=skala,
        hasil_kinerja=jenis == Sesi.Jenis.MENTORING,
    )
    kembali = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else reverse("beranda")
    if request.method == "POST" and form.is_valid():
        try:
            evaluasi_simpan(
                skala=skala, induk=obj, jenis=jenis, pembimbing=pembimbing, peserta=peserta, penilai=penilai,
                skor=form.skor(), catatan=form.cleaned_data["catatan"], **form.hasil_kinerja(),
            )
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            messages.success(request, "Terima kasih, penilaian Anda tersimpan.")
            return redirect(kembali)
    return render(request, "sesi/evaluasi.html", {
        "form": form, "induk": obj, "peserta": peserta, "pembimbing": pembimbing, "skala": skala,
        "judul": JUDUL_SKALA[skala], "lama": lama, "kembali": kembali,
    })


def _xlsx_rekap(baris, keseluruhan, per: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    urutan = indikator_aktif()
    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap evaluasi"
    kepala = [PENGELOMPOKAN[per], "Jumlah penilai (peserta)", *urutan["manfaat"], "Rata-rata manfaat",
              "Kategori manfaat", "Jumlah penilai (atasan)", *urutan["kontribusi"], "Rata-rata kontribusi",
              "Kategori kontribusi"]
    ws.append(baris_xlsx(ws, kepala))
    for sel in ws[1]:
        sel.font = Font(bold=True)

    def nilai_indikator(r, nama_indikator):
        return next((i.rata_rata for i in r.indikator if i.nama == nama_indikator), None)

    for b in [*baris, keseluruhan]:
        ws.append(baris_xlsx(ws, [
            b.nama, b.jumlah_manfaat, *[nilai_indikator(b.manfaat, n) for n in urutan["manfaat"]],
            b.manfaat.rata_rata, b.manfaat.kategori or "", b.jumlah_kontribusi,
            *[nilai_indikator(b.kontribusi, n) for n in urutan["kontribusi"]],
            b.kontribusi.rata_rata, b.kontribusi.kategori or "",
        ]))
    for row in ws.iter_rows(min_row=2):
        for sel in row:
            if isinstance(sel.value, Decimal):
                sel.number_format = "0.00"
    for kolom in ws.columns:
        ws.column_dimensions[kolom[0].column_letter].width = max(12, min(40, len(str(kolom[0].value)) + 2))
    ws.freeze_panes = "B2"
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def evaluasi_rekap_halaman(request):
    """Recap of evaluations per pembimbing, per OPD or per year (a pembimbing sees their own,
    a kepala their OPD, BPSDM all), exportable to Excel."""
    wajib_rekap_evaluasi(request.user)
    form = RekapEvaluasiForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    per = data.get("per") or "pembimbing"
    q = (data.get("q") or "").strip()
    qs = evaluasi_terlihat(request.user)
    if data.get("jenis"):
        qs = qs.filter(jenis=data["jenis"])
    if data.get("tahun"):
        qs = qs.filter(tanggal__year=data["tahun"])
    baris = rekap_per_kelompok(qs, per=per, q=q)
    keseluruhan = BarisRekap(
        kunci=None, nama="Keseluruhan",
        manfaat=evaluasi_rekap(qs, skala="manfaat"), kontribusi=evaluasi_rekap(qs, skala="kontribusi"),
        jumlah_manfaat=qs.filter(skala="manfaat").count(), jumlah_kontribusi=qs.filter(skala="kontribusi").count(),
    )
    if request.GET.get("format") == "xlsx":
        resp = HttpResponse(_xlsx_rekap(baris, keseluruhan, per), content_type=XLSX)
        resp["Content-Disposition"] = f'attachment; filename="rekap-evaluasi-per-{per}.xlsx"'
        return resp
    halaman = Paginator(baris, 25).get_page(request.GET.get("page"))
    hasil_kinerja = evaluasi_hasil_kinerja(qs)
    param = request.GET.copy()
    param.pop("page", None)
    param.pop("q", None)
    param_ekspor = request.GET.copy()
    param_ekspor.pop("page", None)
    param_ekspor["format"] = "xlsx"
    return render(request, "sesi/rekap_evaluasi.html", {
        "form": form, "halaman": halaman, "q": q, "per": per, "judul_per": PENGELOMPOKAN[per],
        "keseluruhan": keseluruhan, "hasil_kinerja": hasil_kinerja,
        "param_tambahan": f"{param.urlencode()}&" if param else "",
        "tautan_ekspor": f"?{param_ekspor.urlencode()}", "remah": [("Rekap evaluasi bimbingan", None)],
    })
