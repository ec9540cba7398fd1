from typing import cast

from django import forms
from django.conf import settings
from django.utils import timezone

from bangkom.lib.formulir import periksa_urutan
from bangkom.lib.masukan import batas_teks
from bangkom.pegawai.forms import ImporPegawaiForm
from bangkom.pegawai.models import PerangkatDaerah
from jp_conversion import rules

from .kesenjangan import PENYEBAB
from .models import BULAN_CHOICES, LEVEL_CHOICES, PESAN_IKU_LAIN, IndikatorKinerjaUtama, Kompetensi, SumberPenilaian

PILIH_BENTUK_BIMBINGAN = [(k, rules.label(k)) for k in ("coaching", "mentoring", "belajar_mandiri")]
PILIH_BENTUK = PILIH_BENTUK_BIMBINGAN + [
    (k, rules.label(k)) for k in rules.semua_jenis() if k not in ("coaching", "mentoring", "belajar_mandiri")
]


@batas_teks
class KompetensiForm(forms.ModelForm):
    class Meta:
        model = Kompetensi
        fields = ["kode", "jenis", "nama", "definisi", "rumpun", "aktif", "urutan"]
        widgets = {"definisi": forms.Textarea(attrs={"rows": 3})}


@batas_teks
class LevelForm(forms.Form):
    deskripsi = forms.CharField(label="Deskripsi", widget=forms.Textarea(attrs={"rows": 2}))
    indikator = forms.CharField(
        label="Indikator perilaku (satu per baris)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


LevelFormSet = forms.formset_factory(LevelForm, extra=0, min_num=5, max_num=5, validate_min=True, validate_max=True)


class StandarBarisForm(forms.Form):
    kompetensi_id = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.TypedChoiceField(
        label="Level standar", choices=[("", "Tidak disyaratkan"), *LEVEL_CHOICES], coerce=int, empty_value=None,
        required=False,
    )


StandarFormSet = forms.formset_factory(StandarBarisForm, extra=0)


class ImporStandarForm(ImporPegawaiForm):
    pass


class ImporKinerjaForm(ImporPegawaiForm):
    """The SKP export as .xlsx (checked like every workbook) or as CSV (plain text, read as such)."""

    berkas = forms.FileField(
        label="Berkas Excel (.xlsx) atau CSV",
        help_text="Gunakan templat impor atau ekspor SKP dengan judul kolom yang sama. Maksimal 5 MB.",
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.name.lower().endswith(".csv") and berkas.size <= settings.UNGGAHAN_MAKS_BYTE:
            return berkas
        return super().clean_berkas()  # size (also of a CSV), extension, workbook contents


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


@batas_teks
class PenilaianForm(forms.Form):
    kompetensi = forms.ModelChoiceField(label="Kompetensi", queryset=Kompetensi.objects.filter(aktif=True))
    level = forms.TypedChoiceField(label="Level saat ini", choices=LEVEL_CHOICES, coerce=int)
    sumber = forms.ChoiceField(label="Sumber penilaian")
    tanggal = forms.DateField(label="Tanggal penilaian", widget=TanggalInput())
    catatan = forms.CharField(label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, sumber: list[str], kompetensi_qs=None, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("tanggal", timezone.localdate())
        super().__init__(*args, **kwargs)
        label = dict(SumberPenilaian.choices)
        cast(forms.ChoiceField, self.fields["sumber"]).choices = [(s, label[s]) for s in sumber]
        if kompetensi_qs is not None:
            cast("forms.ModelChoiceField[Kompetensi]", self.fields["kompetensi"]).queryset = kompetensi_qs


@batas_teks
class DialogForm(forms.Form):
    penyebab = forms.ChoiceField(
        label="Penyebab kesenjangan (disepakati bersama)", choices=list(PENYEBAB.items()), widget=forms.RadioSelect,
        error_messages={"required": "Pilih penyebab kesenjangan."},
    )
    bentuk_dipilih = forms.ChoiceField(
        label="Bentuk yang dipilih", required=False,
        choices=[("", "Sesuai rekomendasi")] + PILIH_BENTUK,
    )
    alasan = forms.CharField(
        label="Alasan (wajib jika memilih bentuk lain)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    catatan = forms.CharField(label="Catatan dialog", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class BarisRencanaForm(forms.Form):
    kompetensi = forms.ModelChoiceField(
        label="Kompetensi", queryset=Kompetensi.objects.none(), required=False,
        empty_label="(umum, tidak terkait satu kompetensi)",
    )
    dialog = forms.IntegerField(widget=forms.HiddenInput, required=False)
    bentuk = forms.ChoiceField(label="Bentuk pengembangan", choices=PILIH_BENTUK)
    uraian = forms.CharField(label="Uraian kegiatan", max_length=300)
    jp_direncanakan = forms.DecimalField(
        label="JP direncanakan", min_value=0.5, max_value=200, decimal_places=2,
        error_messages={"min_value": "JP direncanakan paling sedikit 0,5.",
                        "max_value": "JP direncanakan paling banyak 200."},
    )
    bulan_mulai = forms.TypedChoiceField(label="Bulan mulai", choices=BULAN_CHOICES, coerce=int)
    bulan_selesai = forms.TypedChoiceField(label="Bulan selesai", choices=BULAN_CHOICES, coerce=int)
    iku = forms.ModelChoiceField(
        label="IKU perangkat daerah yang didukung", queryset=IndikatorKinerjaUtama.objects.none(), required=False,
        empty_label="(tidak terkait IKU)", error_messages={"invalid_choice": PESAN_IKU_LAIN},
    )

    def __init__(self, *args, kompetensi_qs, iku_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kompetensi"].queryset = kompetensi_qs
        if iku_qs is not None:
            self.fields["iku"].queryset = iku_qs

    def clean(self):
        data = super().clean()
        periksa_urutan(self, data, "bulan_mulai", "bulan_selesai", "Bulan selesai tidak boleh sebelum bulan mulai.")
        return data


@batas_teks
class IKUForm(forms.Form):
    opd = forms.ModelChoiceField(label="Perangkat daerah", queryset=PerangkatDaerah.objects.none(),
                                 error_messages={"invalid_choice": "Pilih perangkat daerah yang Anda kelola."})
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100,
                               error_messages={"min_value": "Tahun paling awal 2000.",
                                               "max_value": "Tahun paling akhir 2100."})
    kode = forms.CharField(label="Kode IKU", max_length=30)
    nama = forms.CharField(label="Nama indikator", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, opd_qs, **kwargs):
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[PerangkatDaerah]", self.fields["opd"]).queryset = opd_qs
