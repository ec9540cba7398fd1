from __future__ import annotations

from django import forms
from django.utils import timezone

from bangkom.lib.berkas import BerkasField
from bangkom.pegawai.akses import opd_terlihat
from bangkom.pegawai.models import PerangkatDaerah, UnitKerja
from jp_conversion.penjaga import tanggal_akhir, tanggal_awal, tanggal_di_luar_rentang

from .lembar import periode_tahun
from .models import JenisLembar

PERIODE_MAKS_HARI = 5 * 366


def galat_tahun(tahun: int) -> str:
    """The message for a year outside the data's years (the first JP rules version to next year), or ""."""
    awal, akhir = tanggal_awal().year, tanggal_akhir().year
    return "" if awal <= tahun <= akhir else f"Tahun harus antara {awal} dan {akhir}."


VARIAN_ELEKTRONIK = "elektronik"
VARIAN_PARAF_BASAH = "paraf_basah"


class LembarForm(forms.Form):
    """Period of one sheet: a year, or a date range; optionally the internal review copy; and the
    print variant: the electronic sheet (issued, signed, QR) or the Langsa blank form for
    handwritten paraf (`paraf_basah.formulir_paraf_basah_pdf`: unsigned, not a proof of JP)."""

    varian = forms.ChoiceField(
        label="Bentuk cetakan", required=False, initial=VARIAN_ELEKTRONIK, widget=forms.RadioSelect,
        choices=[
            (VARIAN_ELEKTRONIK, "Elektronik: kegiatan yang sudah diparaf, ditandatangani elektronik, dengan kode QR"),
            (VARIAN_PARAF_BASAH, "Formulir kosong untuk paraf basah (format Panduan Langsa, kolom paraf kosong; "
                                 "diparaf dan ditandatangani dengan tangan, bukan bukti JP)"),
        ],
        error_messages={"invalid_choice": "Pilih bentuk cetakan: elektronik atau formulir paraf basah."},
    )

    tahun = forms.IntegerField(label="Tahun", required=False)
    mulai = forms.DateField(label="Dari tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    selesai = forms.DateField(label="Sampai tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    internal = forms.BooleanField(
        label="Sertakan kegiatan yang belum/tidak disetujui (salinan internal untuk pemeriksaan, bukan bukti JP)",
        required=False,
    )

    def clean(self):
        data = super().clean()
        tahun, mulai, selesai = data.get("tahun"), data.get("mulai"), data.get("selesai")
        data["varian"] = data.get("varian") or VARIAN_ELEKTRONIK
        if self.errors:
            return data
        if mulai or selesai:
            if not (mulai and selesai):
                raise forms.ValidationError("Isi tanggal mulai dan tanggal selesai sekaligus, atau pilih tahun saja.")
            if selesai < mulai:
                self.add_error("selesai", "Tanggal selesai harus sama dengan atau setelah tanggal mulai.")
                return data
            if (selesai - mulai).days > PERIODE_MAKS_HARI:
                self.add_error("selesai", "Periode paling panjang 5 tahun.")
                return data
            for kolom, tanggal in (("mulai", mulai), ("selesai", selesai)):
                if pesan := tanggal_di_luar_rentang(tanggal):
                    self.add_error(kolom, pesan)
            if self.errors:
                return data
            data["periode"] = (mulai, selesai)
        elif tahun is not None:
            if pesan := galat_tahun(tahun):
                self.add_error("tahun", pesan)
                return data
            data["periode"] = periode_tahun(tahun)
        else:
            raise forms.ValidationError("Pilih tahun atau rentang tanggal.")
        return data


class EksporForm(forms.Form):
    opd = forms.ModelChoiceField(
        label="Perangkat daerah", queryset=PerangkatDaerah.objects.all(),
        error_messages={"required": "Pilih perangkat daerah.", "invalid_choice": "Perangkat daerah tidak dikenal."},
    )
    unit = forms.ModelChoiceField(
        label="Unit kerja (opsional)", queryset=UnitKerja.objects.none(), required=False,
        empty_label="Seluruh perangkat daerah",
        help_text="Kosongkan untuk seluruh perangkat daerah; unit yang dipilih termasuk sub-unitnya.",
        error_messages={"invalid_choice": "Unit kerja tidak dikenal."},
    )
    jenis = forms.MultipleChoiceField(
        label="Jenis lembar", choices=JenisLembar.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pilih sedikitnya satu jenis lembar."},
    )
    tahun = forms.IntegerField(label="Tahun")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        terlihat = opd_terlihat(user)
        # The list offers only the OPDs the user may export; a forged id reaches the service,
        # which refuses it (403) through the access module.
        self.fields["opd"].choices = [("", "— pilih perangkat daerah —")] + [(o.pk, str(o)) for o in terlihat]
        self.fields["unit"].queryset = UnitKerja.objects.filter(opd__in=terlihat).select_related("opd")
        self.fields["unit"].label_from_instance = lambda u: f"{u.opd.singkatan or u.opd.kode} · {u.nama}"
        if not self.is_bound:
            self.initial.setdefault("tahun", timezone.localdate().year)
            self.initial.setdefault("jenis", list(JenisLembar.values))
            if len(self.fields["opd"].choices) == 2:
                self.initial.setdefault("opd", self.fields["opd"].choices[1][0])

    def clean_tahun(self):
        tahun = self.cleaned_data["tahun"]
        if pesan := galat_tahun(tahun):
            raise forms.ValidationError(pesan)
        return tahun

    def clean(self):
        data = super().clean()
        opd, unit = data.get("opd"), data.get("unit")
        if opd and unit and unit.opd_id != opd.pk:
            self.add_error("unit", "Unit kerja ini tidak berada di perangkat daerah yang dipilih.")
        return data


class PeriksaBerkasForm(forms.Form):
    berkas = BerkasField(label="Berkas PDF lembar kegiatan", jenis=("pdf",))
