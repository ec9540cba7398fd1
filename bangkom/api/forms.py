from __future__ import annotations

from django import forms
from django.utils import timezone

from bangkom.lib.masukan import batas_teks
from bangkom.pegawai.models import PerangkatDaerah

from .models import Cakupan


@batas_teks
class KlienForm(forms.Form):
    nama = forms.CharField(label="Nama sistem", max_length=100, help_text="Mis. LMS Provinsi, SIASN, dasbor Bappeda.",
                           error_messages={"required": "Nama sistem wajib diisi."})
    cakupan = forms.MultipleChoiceField(
        label="Cakupan", choices=Cakupan.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pilih sedikitnya satu cakupan.", "invalid_choice": "Cakupan tidak dikenal."},
    )
    opd = forms.ModelChoiceField(
        label="Batasi pada perangkat daerah", queryset=PerangkatDaerah.objects.order_by("nama"), required=False,
        empty_label="Semua perangkat daerah", help_text="Klien hanya melihat dan mengirim data pegawai OPD ini.",
        error_messages={"invalid_choice": "Perangkat daerah tidak dikenal."},
    )
    kedaluwarsa = forms.DateField(
        label="Berlaku sampai", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Kosongkan bila tanpa batas waktu (tetap dapat dicabut kapan saja).",
        error_messages={"invalid": "Format tanggal tidak valid."},
    )

    def clean_kedaluwarsa(self):
        tanggal = self.cleaned_data.get("kedaluwarsa")
        if tanggal is not None and tanggal < timezone.localdate():
            raise forms.ValidationError("Tanggal berlaku tidak boleh sebelum hari ini.")
        return tanggal
