import zipfile

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.db.models import Q

from bangkom.lib.berkas import periksa_ooxml
from bangkom.lib.masukan import batas_teks

from .models import PerangkatDaerah
from .nip import NIPTidakValid, urai_nip


@batas_teks(maks=256, cetak=False)
class MasukForm(AuthenticationForm):
    username = forms.CharField(
        label="NIP atau NI PPPK", max_length=18,
        widget=forms.TextInput(attrs={"autofocus": True, "inputmode": "numeric", "autocomplete": "username"}),
    )
    password = forms.CharField(
        label="Kata sandi", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "NIP/NI PPPK atau kata sandi salah. Periksa kembali, huruf besar/kecil berpengaruh.",
        "inactive": "Akun ini tidak aktif. Hubungi Pengelola BPSDM.",
    }

    def clean_username(self):
        return "".join(self.cleaned_data["username"].split())

    def get_invalid_login_error(self):
        """An imported account not yet activated has no password: say so instead of "wrong password"."""
        nip = self.cleaned_data.get("username")
        if nip and get_user_model().objects.filter(
            Q(password__startswith="!") | Q(password=""), username=nip
        ).exists():
            return ValidationError(
                "Akun ini belum diaktifkan. Buka tautan aktivasi dari email Anda atau dari admin OPD, "
                "atau minta tautan baru kepada Pengelola BPSDM.", code="belum_aktif",
            )
        return super().get_invalid_login_error()


@batas_teks(maks=256, cetak=False)
class SandiBaruForm(SetPasswordForm):
    """The activation page's form: Django's password validators, in Indonesian (LANGUAGE_CODE id)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "Kata sandi baru"
        self.fields["new_password2"].label = "Ulangi kata sandi baru"
        self.error_messages = {**self.error_messages, "password_mismatch": "Kedua kata sandi tidak sama."}


class AktivasiForm(forms.Form):
    opd = forms.ModelChoiceField(
        label="OPD", required=False, empty_label="Semua OPD", queryset=PerangkatDaerah.objects.order_by("nama"),
    )


class NIPField(forms.CharField):
    """A NIP input whose every fault has its own Indonesian message (RULES §1)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("label", "NIP")
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        try:
            return urai_nip(value).nilai
        except NIPTidakValid as exc:
            raise ValidationError(str(exc)) from None


class ImporPegawaiForm(forms.Form):
    berkas = forms.FileField(label="Berkas Excel (.xlsx)", help_text="Gunakan templat impor. Maksimal 5 MB.")

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > settings.UNGGAHAN_MAKS_BYTE:
            raise ValidationError(
                f"Berkas terlalu besar ({berkas.size // 1024} KB); maksimal {settings.UNGGAHAN_MAKS_BYTE // 1024} KB."
            )
        if not berkas.name.lower().endswith(".xlsx"):
            raise ValidationError("Berkas harus berformat .xlsx (Excel 2007 atau lebih baru).")
        if zipfile.is_zipfile(berkas):  # a workbook: no macros, no programs inside (the reader reports the rest)
            berkas.seek(0)
            periksa_ooxml(berkas, ekstensi="xlsx")
        berkas.seek(0)
        return berkas


class CariPegawaiForm(forms.Form):
    q = forms.CharField(
        label="Cari nama atau NIP", required=False, max_length=100,
        error_messages={"max_length": "Kata kunci pencarian terlalu panjang (maksimal 100 karakter)."},
    )
