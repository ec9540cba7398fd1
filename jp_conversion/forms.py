import zipfile

from django import forms
from django.conf import settings

from bangkom.lib.berkas import BerkasField, periksa_ooxml
from bangkom.lib.formulir import periksa_urutan
from bangkom.lib.masukan import batas_teks

from . import rules
from .models import JENIS_EKSTERNAL, Lingkup, SumberLMS

SATUAN = {
    rules.JP: "sesuai JP pada sertifikat",
    rules.HARI: "per hari kegiatan (ajukan satu kali untuk setiap hari)",
    rules.KEGIATAN: "per kegiatan",
    rules.SEMESTER: "per semester",
    rules.SESI: "per sesi",
}


def _pilihan_jenis():
    pilihan = [("", "— pilih jenis kegiatan —")]
    for kelompok, judul in ((rules.KLASIKAL, "Klasikal"), (rules.NONKLASIKAL, "Nonklasikal")):
        pilihan.append((judul, [
            (k, f"{rules.label(k)} ({SATUAN[rules.form(k).unit]})")
            for k in JENIS_EKSTERNAL if rules.form(k).kelompok == kelompok
        ]))
    return pilihan


@batas_teks
class KegiatanEksternalForm(forms.Form):
    """An external activity with its certificate. "Pratinjau JP" re-renders with the credit it would
    get; the certificate is only required when saving (a browser cannot keep a chosen file across a
    re-render, so the preview does not ask for it)."""

    jenis = forms.ChoiceField(label="Jenis kegiatan", choices=_pilihan_jenis,
                              error_messages={"required": "Pilih jenis kegiatan.",
                                              "invalid_choice": "Jenis kegiatan tidak dikenal."})
    materi = forms.CharField(label="Judul kegiatan", max_length=300,
                             error_messages={"required": "Judul kegiatan wajib diisi."})
    penyelenggara = forms.CharField(label="Penyelenggara", max_length=200,
                                    help_text="Mis. LAN RI, BPSDM Provinsi, platform LMS ASN nasional.",
                                    error_messages={"required": "Penyelenggara wajib diisi."})
    tanggal = forms.DateField(label="Tanggal", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                              error_messages={"required": "Tanggal wajib diisi.",
                                              "invalid": "Format tanggal tidak valid."})
    tanggal_selesai = forms.DateField(
        label="Tanggal selesai", required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Untuk program beberapa hari (mis. pelatihan 40 JP selama 5 hari); kosongkan bila satu hari.",
        error_messages={"invalid": "Format tanggal tidak valid."},
    )
    lingkup = forms.ChoiceField(label="Lingkup", choices=Lingkup.choices, initial=Lingkup.NASIONAL)
    jp_belajar = forms.DecimalField(
        label="JP", required=False, max_digits=5, decimal_places=2,
        help_text="Wajib untuk bentuk yang dihitung sesuai JP (pelatihan, kursus, e-learning ...); "
                  "diabaikan untuk seminar, workshop dan bentuk per hari/kegiatan.",
        error_messages={"invalid": "JP harus berupa angka, mis. 3 atau 1,5."},
    )
    nomor_sertifikat = forms.CharField(label="Nomor sertifikat", max_length=100, required=False)
    sertifikat = BerkasField(label="Sertifikat/bukti", jenis=("pdf", "jpg", "jpeg", "png"), required=False)
    keterangan = forms.CharField(label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, wajib_berkas: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.wajib_berkas = wajib_berkas
        self.fields["jp_belajar"].localize = True
        self.fields["jp_belajar"].widget.is_localized = True

    def clean(self):
        data = super().clean()
        if self.wajib_berkas and not data.get("sertifikat") and "sertifikat" not in self.errors:
            self.add_error("sertifikat", "Unggah sertifikat atau bukti kegiatan.")
        periksa_urutan(self, data, "tanggal", "tanggal_selesai", "Tanggal selesai tidak boleh sebelum tanggal mulai.")
        return data



@batas_teks
class SumberLMSForm(forms.ModelForm):
    """A source's column mapping: the titles of the columns in that LMS's export, exactly as written."""

    class Meta:
        model = SumberLMS
        fields = ["nama", "kode", "jenis", "format_tanggal", "penyelenggara_bawaan", "kolom_nip", "kolom_materi",
                  "kolom_tanggal", "kolom_jp", "kolom_penyelenggara", "kolom_nomor_sertifikat", "kolom_url_bukti"]
        help_texts = {"kode": "Huruf kecil, angka dan tanda hubung; dipakai perintah impor_lms --sumber.",
                      "kolom_nip": "Judul kolom di berkas, mis. NIP Peserta (huruf besar/kecil tidak dibedakan)."}
        error_messages = {
            "nama": {"required": "Nama sumber wajib diisi.", "unique": "Nama sumber ini sudah dipakai."},
            "kode": {"required": "Kode wajib diisi.", "unique": "Kode ini sudah dipakai sumber lain.",
                     "invalid": "Kode hanya boleh huruf, angka, tanda hubung dan garis bawah."},
            **{f"kolom_{k}": {"required": "Judul kolom ini wajib diisi."} for k in ("nip", "materi", "tanggal", "jp")},
        }

    def clean(self):
        data = super().clean()
        judul = [data.get(f).strip().lower() for f in self.Meta.fields if f.startswith("kolom_") and data.get(f)]
        if len(judul) != len(set(judul)):
            raise forms.ValidationError(
                "Satu judul kolom dipetakan ke dua bidang; setiap bidang butuh kolomnya sendiri.")
        return data


class ImporLMSForm(forms.Form):
    sumber = forms.ModelChoiceField(label="Sumber LMS", queryset=SumberLMS.objects.all(), empty_label=None,
                                    error_messages={"required": "Pilih sumber LMS.",
                                                    "invalid_choice": "Sumber LMS tidak dikenal."})
    berkas = forms.FileField(label="Berkas penyelesaian kursus (.csv atau .xlsx)",
                             help_text="Ekspor dari LMS; judul kolom sesuai pemetaan sumber. Maksimal 5 MB.",
                             error_messages={"required": "Pilih berkas yang akan diimpor."})

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > settings.UNGGAHAN_MAKS_BYTE:
            raise forms.ValidationError(f"Berkas terlalu besar ({berkas.size // 1024} KB); maksimal "
                                        f"{settings.UNGGAHAN_MAKS_BYTE // 1024} KB.")
        nama = berkas.name.lower()
        if not nama.endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Berkas harus berformat .csv atau .xlsx.")
        if nama.endswith(".xlsx") and zipfile.is_zipfile(berkas):  # no macros, no programs inside
            berkas.seek(0)
            periksa_ooxml(berkas, ekstensi="xlsx")
        berkas.seek(0)
        return berkas
