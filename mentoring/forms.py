from django import forms

from bangkom.kompetensi.models import Kompetensi
from bangkom.lib.masukan import batas_teks
from bangkom.pegawai.models import Mentor, Pegawai

from .models import PermintaanMentoring

WAJIB = "{} wajib diisi."


@batas_teks
class PermintaanForm(forms.Form):
    """The employee's request. `mentor` is any employee id; eligibility is checked by the service
    (one rule, one message), so a tampered id gets the same clear error."""

    topik = forms.CharField(
        label="Topik", max_length=200, error_messages={"required": WAJIB.format("Topik mentoring")},
        help_text="Mis. penyusunan analisis beban kerja, pengelolaan program imunisasi.",
    )
    kesenjangan = forms.CharField(
        label="Kesenjangan kompetensi", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kompetensi yang ingin Anda tingkatkan dan mengapa (mis. Pengambilan Keputusan level 2 → 3).",
    )
    kompetensi = forms.ModelChoiceField(
        label="Kompetensi yang ingin ditingkatkan (opsional)", required=False,
        queryset=Kompetensi.objects.filter(aktif=True), empty_label="— pilih bila ada —",
        help_text="Mentor yang levelnya memenuhi standar jabatan Anda untuk kompetensi ini disarankan lebih dulu.",
        error_messages={"invalid_choice": "Kompetensi yang dipilih tidak ditemukan."},
    )
    format = forms.ChoiceField(label="Format", choices=PermintaanMentoring.Format.choices)
    mentor = forms.ModelChoiceField(
        label="Mentor", queryset=Pegawai.objects.filter(aktif=True), widget=forms.RadioSelect,
        error_messages={"required": "Pilih seorang mentor dari daftar.",
                        "invalid_choice": "Mentor yang dipilih tidak ditemukan."},
    )


@batas_teks
class TerimaForm(forms.Form):
    aspek = forms.CharField(
        label="Aspek yang disepakati untuk dibahas", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tuliskan aspek yang disepakati untuk dibahas selama mentoring."},
    )
    rencana_pertemuan = forms.CharField(
        label="Jadwal/rencana pertemuan", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mis. dua kali sebulan, Selasa pukul 14.00, tatap muka di ruang rapat.",
    )
    tanggal_mulai = forms.DateField(
        label="Mulai bimbingan", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Format tanggal tidak valid."}, help_text="Kosongkan untuk hari ini.",
    )
    tahap = forms.ChoiceField(
        label="Tahap (mentoring sesama jabatan)", required=False,
        choices=[("", "—")] + list(PermintaanMentoring.Tahap.choices),
    )

    def __init__(self, *args, peer: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not peer:  # the phase applies to peer mentoring only; a field that does not apply is not shown
            del self.fields["tahap"]


class AlasanWajibForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Alasan wajib diisi."},
    )


class AkhiriForm(AlasanWajibForm):
    tuntas = forms.BooleanField(label="Tujuan mentoring tercapai (tandai selesai)", required=False)


class JedaForm(forms.Form):
    alasan = forms.CharField(label="Alasan dijeda (opsional)", required=False, max_length=1000)


class TahapForm(forms.Form):
    tahap = forms.ChoiceField(label="Tahap", choices=PermintaanMentoring.Tahap.choices)


class AlihkanForm(forms.Form):
    mentor = forms.ModelChoiceField(
        label="Mentor baru", queryset=Pegawai.objects.filter(aktif=True), widget=forms.RadioSelect,
        error_messages={"required": "Pilih mentor baru.", "invalid_choice": "Mentor yang dipilih tidak ditemukan."},
    )
    alasan = forms.CharField(label="Alasan pengalihan", required=False, max_length=1000)


class MentorForm(forms.ModelForm):
    """BPSDM registers/edits a mentor profile; the employee is found by NIP."""

    nip = forms.CharField(
        label="NIP / NI PPPK pegawai", max_length=30, error_messages={"required": "NIP pegawai wajib diisi."}
    )

    class Meta:
        model = Mentor
        fields = ["bidang", "sertifikasi", "tanggal_sertifikasi", "nomor_sertifikat", "penerbit_sertifikat",
                  "sertifikat_berlaku_sampai", "kapasitas", "aktif"]
        widgets = {
            "tanggal_sertifikasi": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "sertifikat_berlaku_sampai": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "bidang": {"required": "Bidang keahlian wajib diisi."},
            "tanggal_sertifikasi": {"invalid": "Format tanggal tidak valid."},
            "kapasitas": {"invalid": "Kapasitas harus bilangan bulat."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kapasitas"].min_value = 1
        if self.instance.pk:
            self.fields["nip"].initial = self.instance.pegawai.nip
            self.fields["nip"].disabled = True
        self.order_fields(["nip"])

    def clean_nip(self):
        nip = "".join(self.cleaned_data["nip"].split())
        if self.instance.pk:
            return self.instance.pegawai.nip
        try:
            pegawai = Pegawai.objects.get(nip=nip, aktif=True)
        except Pegawai.DoesNotExist:
            raise forms.ValidationError("Tidak ada pegawai aktif dengan NIP ini.") from None
        if Mentor.objects.filter(pegawai=pegawai).exists():
            raise forms.ValidationError(f"{pegawai.nama_lengkap} sudah terdaftar sebagai mentor.")
        self.instance.pegawai = pegawai
        return nip

    def clean(self):
        data = super().clean()
        if data.get("sertifikasi") and not data.get("tanggal_sertifikasi"):
            self.add_error("tanggal_sertifikasi", "Isi tanggal sertifikasi untuk mentor/coach bersertifikat.")
        terbit, sampai = data.get("tanggal_sertifikasi"), data.get("sertifikat_berlaku_sampai")
        if terbit and sampai and sampai < terbit:
            self.add_error("sertifikat_berlaku_sampai",
                           "Masa berlaku sertifikat tidak boleh sebelum tanggal sertifikasi.")
        if data.get("kapasitas") is not None and data["kapasitas"] < 1:
            self.add_error("kapasitas", "Kapasitas paling sedikit 1 mentee.")
        return data
