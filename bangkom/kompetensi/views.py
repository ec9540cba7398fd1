"""Pages for competencies. Thin: access through bangkom.pegawai.akses, reads through selectors,
writes through services."""
from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bangkom.lib.formulir import tempel_galat
from bangkom.lib.masukan import id_atau_none, istilah_cari
from bangkom.pegawai import akses, impor_alur
from bangkom.pegawai.models import Jabatan
from bangkom.pegawai.views import XLSX
from jp_conversion import rules

from . import impor, laporan, selectors, selectors_kinerja, services
from .akses import boleh_kelola_pengembangan, sumber_penilaian_boleh
from .forms import (
    BarisRencanaForm,
    DialogForm,
    ImporStandarForm,
    KompetensiForm,
    LevelFormSet,
    PenilaianForm,
    StandarFormSet,
)
from .iku import iku_untuk
from .kesenjangan import rekomendasi_bentuk
from .models import BarisRencana, DialogKesenjangan, JenisKompetensi, Kompetensi, LevelKompetensi

PER_HALAMAN = 25


def _tahun(request) -> int:
    try:
        tahun = int(request.GET.get("tahun") or request.POST.get("tahun") or 0)
    except ValueError:
        tahun = 0
    sekarang = timezone.localdate().year
    return tahun if 2000 <= tahun <= sekarang + 1 else sekarang


def _q(request) -> str:
    # Search terms are capped: a huge LIKE pattern is a 500 on SQLite and useless anyway.
    return istilah_cari(request)


# --- the employee's competency page ------------------------------------------------------------
def saya(request):
    return redirect("kompetensi:pegawai", akses.pegawai_saya(request.user).pk)


def pegawai_kompetensi(request, pk):
    pegawai = akses.pegawai_atau_404(request.user, pk)
    tahun = _tahun(request)
    kp = selectors.kesenjangan_pegawai(pegawai)
    deskripsi = {
        (lv.kompetensi_id, lv.level): lv.deskripsi
        for lv in LevelKompetensi.objects.filter(kompetensi__in=[b.kompetensi for b in kp.butir])
    }
    dialog = selectors.dialog_pegawai(pegawai, tahun)
    baris = []
    for b in kp.butir:
        rekomendasi = rekomendasi_bentuk(b.selisih, None) if b.selisih > 0 else None
        baris.append({
            "butir": b, "penilaian": kp.penilaian.get(b.kompetensi.pk), "dialog": dialog.get(b.kompetensi.pk),
            "deskripsi_standar": deskripsi.get((b.kompetensi.pk, b.standar), ""),
            "deskripsi_saat_ini": deskripsi.get((b.kompetensi.pk, b.saat_ini), ""),
            "rekomendasi_awal": rekomendasi,
        })
    riwayat = Paginator(selectors.riwayat_penilaian(pegawai), PER_HALAMAN).get_page(request.GET.get("page"))
    return render(request, "kompetensi/pegawai.html", {
        "p": pegawai, "tahun": tahun, "kp": kp, "baris": baris, "halaman": riwayat,
        "param_tambahan": f"tahun={tahun}&",
        "progres": selectors.progres_rencana(pegawai, tahun),
        "kinerja": selectors_kinerja.kinerja_pegawai(pegawai, tahun=tahun, kp=kp, dialog=dialog),
        "boleh_kelola": boleh_kelola_pengembangan(request.user, pegawai),
        "boleh_nilai": bool(sumber_penilaian_boleh(request.user, pegawai)),
        "calon_mentor": selectors.calon_mentor(mentee=pegawai)[:10] if kp.kesenjangan else [],
        "remah": [("Kompetensi", None), (pegawai.nama_lengkap, None)],
    })


@require_http_methods(["GET", "POST"])
def penilaian_tambah(request, pk):
    pegawai = akses.pegawai_atau_404(request.user, pk)
    sumber = sumber_penilaian_boleh(request.user, pegawai)
    if not sumber:
        raise PermissionDenied("Anda tidak berwenang mencatat penilaian kompetensi pegawai ini.")
    std = selectors.standar_per_jabatan([pegawai.jabatan_id]).get(pegawai.jabatan_id, {})
    qs = Kompetensi.objects.filter(aktif=True, pk__in=[k.pk for k in std]) if std else None
    awal = {"kompetensi": request.GET.get("kompetensi")} if request.method == "GET" else None
    form = PenilaianForm(request.POST or None, sumber=sumber, kompetensi_qs=qs, initial=awal or {})
    if request.method == "POST" and form.is_valid():
        try:
            services.penilaian_catat(pegawai=pegawai, penilai=akses.peran(request.user).pegawai, **form.cleaned_data)
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            messages.success(request, "Penilaian kompetensi tersimpan.")
            return redirect("kompetensi:pegawai", pegawai.pk)
    return render(request, "kompetensi/penilaian_form.html", {
        "p": pegawai, "form": form,
        "remah": [("Kompetensi", reverse("kompetensi:pegawai", args=[pegawai.pk])), ("Catat penilaian", None)],
    })


# --- gap dialog ---------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def dialog(request, pk, kompetensi_pk):
    pegawai = akses.pegawai_atau_404(request.user, pk)
    kompetensi = get_object_or_404(Kompetensi, pk=kompetensi_pk)
    tahun = _tahun(request)
    butir = next((b for b in selectors.kesenjangan_pegawai(pegawai).butir if b.kompetensi.pk == kompetensi.pk), None)
    if butir is None:
        raise Http404("Kompetensi ini tidak ada dalam standar jabatan pegawai.")
    ada = selectors.dialog_pegawai(pegawai, tahun).get(kompetensi.pk)
    boleh = boleh_kelola_pengembangan(request.user, pegawai)
    saya_ = akses.peran(request.user).pegawai
    awal = {}
    if ada is not None:
        awal = {"penyebab": ada.penyebab, "alasan": ada.alasan, "catatan": ada.catatan,
                "bentuk_dipilih": ada.bentuk_dipilih if ada.beda_dari_rekomendasi else ""}
    form = DialogForm(request.POST or None, initial=awal)
    rekomendasi = None
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied("Dialog kesenjangan hanya diisi oleh pegawai dan atasan langsungnya.")
        if form.is_valid():
            if butir.selisih > 0:
                rekomendasi = rekomendasi_bentuk(butir.selisih, form.cleaned_data["penyebab"])
            if request.POST.get("aksi") == "simpan":
                try:
                    services.dialog_simpan(pegawai=pegawai, kompetensi=kompetensi, tahun=tahun, oleh=saya_,
                                           **form.cleaned_data)
                except ValidationError as exc:
                    tempel_galat(form, exc)
                else:
                    messages.success(request, "Dialog kesenjangan tersimpan. Pihak lain diminta mengonfirmasi.")
                    return redirect(f"{reverse('kompetensi:dialog', args=[pegawai.pk, kompetensi.pk])}?tahun={tahun}")
    elif ada is not None:
        rekomendasi = (ada.bentuk_rekomendasi, ada.penjelasan_rekomendasi)
    perlu_konfirmasi = ada is not None and saya_ is not None and (
        (pegawai.atasan_id == saya_.pk and ada.dikonfirmasi_atasan_pada is None)
        or (pegawai.pk == saya_.pk and ada.dikonfirmasi_pegawai_pada is None)
    )
    return render(request, "kompetensi/dialog.html", {
        "p": pegawai, "kompetensi": kompetensi, "tahun": tahun, "butir": butir, "dialog": ada, "form": form,
        "boleh": boleh and butir.selisih > 0, "rekomendasi": rekomendasi, "perlu_konfirmasi": perlu_konfirmasi,
        "rekomendasi_label": rules.label(rekomendasi[0]) if rekomendasi else "",
        "kinerja": selectors_kinerja.kinerja_pegawai(pegawai, tahun=tahun),
        "deskripsi_standar": kompetensi.level.filter(level=butir.standar).values_list("deskripsi", flat=True).first(),
        "remah": [("Kompetensi", reverse("kompetensi:pegawai", args=[pegawai.pk])),
                  (f"Dialog {kompetensi.nama}", None)],
    })


@require_POST
def dialog_konfirmasi(request, pk, dialog_pk):
    pegawai = akses.pegawai_atau_404(request.user, pk)
    d = get_object_or_404(DialogKesenjangan, pk=dialog_pk, pegawai=pegawai)
    if not boleh_kelola_pengembangan(request.user, pegawai):
        raise PermissionDenied("Dialog kesenjangan hanya dikonfirmasi oleh pegawai dan atasan langsungnya.")
    services.dialog_konfirmasi(dialog=d, oleh=akses.peran(request.user).pegawai)
    messages.success(request, "Dialog kesenjangan dikonfirmasi.")
    return redirect(f"{reverse('kompetensi:dialog', args=[pegawai.pk, d.kompetensi_id])}?tahun={d.tahun}")


# --- development plan ---------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def rencana(request, pk):
    pegawai = akses.pegawai_atau_404(request.user, pk)
    tahun = _tahun(request)
    boleh = boleh_kelola_pengembangan(request.user, pegawai)
    std = selectors.standar_per_jabatan([pegawai.jabatan_id]).get(pegawai.jabatan_id, {})
    kompetensi_qs = Kompetensi.objects.filter(pk__in=[k.pk for k in std])
    awal = {"bentuk": "coaching", "bulan_mulai": timezone.localdate().month,
            "bulan_selesai": timezone.localdate().month}
    dialog_id = request.GET.get("dialog")
    if dialog_id:
        d = DialogKesenjangan.objects.filter(pk=id_atau_none(dialog_id) or 0, pegawai=pegawai,
                                             tahun=tahun).select_related("kompetensi").first()
        if d is not None:
            awal.update(kompetensi=d.kompetensi_id, dialog=d.pk, bentuk=d.bentuk_dipilih,
                        uraian=f"{d.get_bentuk_dipilih_display()}: {d.kompetensi.nama}")
    form = BarisRencanaForm(request.POST or None, kompetensi_qs=kompetensi_qs, initial=awal,
                            iku_qs=iku_untuk(opd_id=pegawai.opd_id, tahun=tahun))
    if request.method == "POST":
        if not boleh:
            raise PermissionDenied("Rencana pengembangan hanya diubah oleh pegawai dan atasan langsungnya.")
        if form.is_valid():
            data = dict(form.cleaned_data)
            dialog_pk = data.pop("dialog")
            data["dialog"] = DialogKesenjangan.objects.filter(pk=dialog_pk, pegawai=pegawai).first() if dialog_pk \
                else None
            try:
                services.rencana_baris_tambah(pegawai=pegawai, tahun=tahun, **data)
            except ValidationError as exc:
                tempel_galat(form, exc)
            else:
                messages.success(request, "Kegiatan ditambahkan ke rencana pengembangan.")
                return redirect(f"{reverse('kompetensi:rencana', args=[pegawai.pk])}?tahun={tahun}")
    return render(request, "kompetensi/rencana.html", {
        "p": pegawai, "tahun": tahun, "form": form, "boleh": boleh,
        "progres": selectors.progres_rencana(pegawai, tahun),
        "kinerja": selectors_kinerja.kinerja_pegawai(pegawai, tahun=tahun),
        "remah": [("Kompetensi", reverse("kompetensi:pegawai", args=[pegawai.pk])),
                  (f"Rencana pengembangan {tahun}", None)],
    })


@require_POST
def rencana_baris_hapus(request, pk, baris_pk):
    pegawai = akses.pegawai_atau_404(request.user, pk)
    baris = get_object_or_404(BarisRencana.objects.select_related("rencana"), pk=baris_pk, rencana__pegawai=pegawai)
    if not boleh_kelola_pengembangan(request.user, pegawai):
        raise PermissionDenied("Rencana pengembangan hanya diubah oleh pegawai dan atasan langsungnya.")
    services.rencana_baris_hapus(baris=baris)
    messages.success(request, "Baris rencana dihapus.")
    return redirect(f"{reverse('kompetensi:rencana', args=[pegawai.pk])}?tahun={baris.rencana.tahun}")


# --- the gaps of the people one supervises / leads ----------------------------------------------
def tim(request):
    q = _q(request)
    qs = selectors.tim_daftar(user=request.user, qs_pegawai=akses.pegawai_terlihat(request.user), q=q)
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("page"))
    ids = [p.pk for p in halaman.object_list]
    data = selectors.kesenjangan_untuk(qs.model.objects.filter(pk__in=ids))
    per_id = {kp.pegawai.pk: kp for kp in data}
    daftar = [(p, per_id[p.pk]) for p in halaman.object_list]
    return render(request, "kompetensi/tim.html", {
        "halaman": halaman, "daftar": daftar, "q": q, "remah": [("Kesenjangan kompetensi pegawai", None)],
    })


# --- BPSDM: dictionary and standards ------------------------------------------------------------
def kamus(request):
    akses.wajib_bpsdm(request.user)
    q, jenis = _q(request), istilah_cari(request, "jenis")
    halaman = Paginator(selectors.kompetensi_daftar(q=q, jenis=jenis), PER_HALAMAN).get_page(request.GET.get("page"))
    return render(request, "kompetensi/kamus.html", {
        "halaman": halaman, "q": q, "jenis": jenis, "pilihan_jenis": JenisKompetensi.choices,
        "param_tambahan": f"jenis={jenis}&" if jenis else "", "remah": [("Kamus kompetensi", None)],
    })


@require_http_methods(["GET", "POST"])
def kamus_ubah(request, pk=None):
    akses.wajib_bpsdm(request.user)
    kompetensi = get_object_or_404(Kompetensi, pk=pk) if pk else None
    awal_level = [{"deskripsi": "", "indikator": ""} for _ in range(5)]
    if kompetensi is not None:
        for lv in kompetensi.level.all():
            awal_level[lv.level - 1] = {"deskripsi": lv.deskripsi, "indikator": lv.indikator}
    form = KompetensiForm(request.POST or None, instance=kompetensi)
    formset = LevelFormSet(request.POST or None, initial=awal_level, prefix="level")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = {f: form.cleaned_data[f] for f in ("kode", "jenis", "nama", "definisi", "rumpun", "aktif")}
        level = {i + 1: (f.cleaned_data["deskripsi"], f.cleaned_data.get("indikator", ""))
                 for i, f in enumerate(formset.forms)}
        try:
            k = services.kompetensi_simpan(kompetensi=kompetensi, level=level, **data)
        except ValidationError as exc:
            tempel_galat(form, exc)
        else:
            if form.cleaned_data.get("urutan") is not None and k.urutan != form.cleaned_data["urutan"]:
                k.urutan = form.cleaned_data["urutan"]
                k.save(update_fields=["urutan"])
            messages.success(request, f"Kompetensi {k.nama} tersimpan.")
            return redirect("kompetensi:kamus")
    return render(request, "kompetensi/kamus_form.html", {
        "form": form, "formset": formset, "kompetensi": kompetensi,
        "remah": [("Kamus kompetensi", reverse("kompetensi:kamus")),
                  (kompetensi.nama if kompetensi else "Tambah", None)],
    })


def standar(request):
    akses.wajib_bpsdm(request.user)
    q = _q(request)
    halaman = Paginator(selectors.jabatan_daftar(q=q), PER_HALAMAN).get_page(request.GET.get("page"))
    return render(request, "kompetensi/standar.html", {
        "halaman": halaman, "q": q, "remah": [("Standar kompetensi jabatan", None)],
    })


@require_http_methods(["GET", "POST"])
def standar_jabatan(request, pk):
    akses.wajib_bpsdm(request.user)
    jabatan = get_object_or_404(Jabatan, pk=pk)
    semua = list(Kompetensi.objects.filter(aktif=True).order_by("jenis", "urutan", "nama"))
    ada = {k.pk: lv for k, lv in selectors.standar_per_jabatan([jabatan.pk]).get(jabatan.pk, {}).items()}
    formset = StandarFormSet(
        request.POST or None, prefix="standar",
        initial=[{"kompetensi_id": k.pk, "level": ada.get(k.pk)} for k in semua],
    )
    per_id = {k.pk: k for k in semua}
    if request.method == "POST" and formset.is_valid():
        level = {f.cleaned_data["kompetensi_id"]: f.cleaned_data.get("level") for f in formset.forms
                 if f.cleaned_data.get("kompetensi_id") in per_id}
        try:
            hitung = services.standar_simpan(jabatan=jabatan, level=level)
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)
        else:
            messages.success(request, f"Standar {jabatan.nama} tersimpan: {hitung['dibuat']} baru, "
                                      f"{hitung['diperbarui']} diubah, {hitung['dihapus']} dihapus.")
            return redirect("kompetensi:standar-jabatan", jabatan.pk)
    baris = []
    for f in formset.forms:
        kid = f["kompetensi_id"].value()
        try:
            k = per_id[int(kid)]
        except (TypeError, ValueError, KeyError):
            continue
        baris.append((k, f))
    return render(request, "kompetensi/standar_jabatan.html", {
        "jabatan": jabatan, "formset": formset, "baris": baris,
        "remah": [("Standar kompetensi jabatan", reverse("kompetensi:standar")), (jabatan.nama, None)],
    })


def _xlsx(isi: bytes, nama: str) -> HttpResponse:
    resp = HttpResponse(isi, content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp


@require_GET
def standar_templat(request):
    akses.wajib_bpsdm(request.user)
    return _xlsx(impor.templat_xlsx(), "templat-standar-kompetensi.xlsx")


@require_GET
def standar_ekspor(request):
    akses.wajib_bpsdm(request.user)
    return _xlsx(impor.ekspor_xlsx(), f"standar-kompetensi-{timezone.localdate():%Y%m%d}.xlsx")


@require_http_methods(["GET", "POST"])
def standar_impor(request):
    """Upload → preview with every row's problems → commit (all or nothing), like the employee import."""
    akses.wajib_bpsdm(request.user)
    return impor_alur.halaman(
        request, jenis="standar", form_kelas=ImporStandarForm, pratinjau=impor.pratinjau,
        impor=impor.standar_impor, template="kompetensi/standar_impor.html", selesai=reverse("kompetensi:standar"),
        kedaluwarsa="Pratinjau impor sudah kedaluwarsa. Unggah berkas sekali lagi.",
        pesan=lambda r: f"Impor standar selesai: {r['dibuat']} baru, {r['diperbarui']} diubah, {r['dihapus']} dihapus.",
        konteks=lambda: {"remah": [("Standar kompetensi jabatan", reverse("kompetensi:standar")), ("Impor", None)]},
    )


# --- reports ------------------------------------------------------------------------------------
def _opd_laporan(request):
    """The OPD of a report: chosen (BPSDM) or the kepala's own; None = every OPD (BPSDM only)."""
    akses.wajib_laporan(request.user)
    pk = request.GET.get("opd", "")
    if pk:
        return akses.opd_laporan_atau_404(request.user, pk)
    p = akses.peran(request.user)
    return None if p.bpsdm else p.opd_dipimpin


def peta(request):
    opd = _opd_laporan(request)
    tahun = _tahun(request)
    daftar_opd = akses.opd_terlihat(request.user)
    if opd is None:
        opd = daftar_opd.first()
    data = selectors.peta_kesenjangan(opd=opd, per_tanggal=date(tahun, 12, 31)) if opd else None
    return render(request, "kompetensi/peta.html", {
        "opd": opd, "tahun": tahun, "peta": data, "daftar_opd": daftar_opd,
        "tahun_pilihan": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
        "remah": [("Peta kesenjangan kompetensi", None)],
    })


@require_GET
def unduh(request):
    opd = _opd_laporan(request)
    tahun = _tahun(request)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in laporan.FORMAT:
        raise Http404("Format laporan tidak dikenal.")
    qs = akses.pegawai_terlihat(request.user)
    if opd is not None:
        qs = qs.filter(opd=opd)
    isi = laporan.tulis(qs, tahun=tahun, format=fmt)
    nama = f"kesenjangan-{opd.kode if opd else 'semua'}-{tahun}.{fmt}"
    resp = HttpResponse(isi, content_type=XLSX if fmt == "xlsx" else "text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp
