from django import forms

from bangkom.lib.masukan import IdKlienField, batas_teks

from .kontrak import IsiSesi
from .models import Sesi


@batas_teks
class SesiForm(forms.ModelForm):
    """The session form of coaching and mentoring; quick on a phone: the required fields first,
    phase notes optional."""

    class Meta:
        model = Sesi
        fields = IsiSesi.nama_kolom()
        widgets = {
            "tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "mulai": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "selesai": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "catatan_pra": forms.Textarea(attrs={"rows": 2}),
            "catatan_pelaksanaan": forms.Textarea(attrs={"rows": 2}),
            "catatan_pasca": forms.Textarea(attrs={"rows": 2}),
            "tindak_lanjut": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "tanggal": {"required": "Tanggal sesi wajib diisi.", "invalid": "Format tanggal tidak valid."},
            "mulai": {"required": "Jam mulai wajib diisi.", "invalid": "Format jam tidak valid (JJ:MM)."},
            "selesai": {"required": "Jam selesai wajib diisi.", "invalid": "Format jam tidak valid (JJ:MM)."},
            "materi": {"required": "Materi bimbingan wajib diisi."},
        }

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if mulai and selesai and selesai <= mulai:
            self.add_error("selesai", "Jam selesai harus setelah jam mulai.")
        return data

    def isi(self) -> IsiSesi:
        """The valid form's session fields, for `sesi_catat` (taken before any service error is
        added, since `add_error` drops a field from `cleaned_data`)."""
        return IsiSesi.dari_data(self.cleaned_data)


@batas_teks
class SesiBaruForm(SesiForm):
    """A new session, with the id the phone gives the entry (a hidden field set by luring.js), so an
    entry kept offline and sent again is recorded once (issue 22)."""

    id_klien = IdKlienField()


class AlasanForm(forms.Form):
    alasan = forms.CharField(label="Alasan", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


SKALA_SETUJU = [
    (1, "1 · Sangat tidak setuju"), (2, "2 · Tidak setuju"), (3, "3 · Ragu-ragu"), (4, "4 · Setuju"),
    (5, "5 · Sangat setuju"),
]
SKALA_TINGGI = [
    (1, "1 · Sangat rendah"), (2, "2 · Rendah"), (3, "3 · Sedang"), (4, "4 · Tinggi"), (5, "5 · Sangat tinggi"),
]


class EvaluasiForm(forms.Form):
    """One 1–5 radio group per active indicator of the scale (RULES §5), then an optional note."""

    BIDANG_HASIL = ("kondisi_sebelum", "kondisi_sesudah", "iku_opd")

    def __init__(self, *args, indikator, skala: str, hasil_kinerja: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        pilihan = SKALA_TINGGI if skala == "kontribusi" else SKALA_SETUJU
        for i in indikator:
            self.fields[f"indikator_{i.pk}"] = forms.TypedChoiceField(
                label=i.nama, choices=pilihan, coerce=int, widget=forms.RadioSelect,
                error_messages={
                    "required": f"Beri nilai untuk “{i.nama}”.", "invalid_choice": "Nilai harus 1 sampai 5."
                },
            )
        self.fields["catatan"] = forms.CharField(
            label="Catatan (opsional)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
        )
        if hasil_kinerja:  # the mentoring evaluation: results against a baseline and the OPD's IKU
            teks = forms.Textarea(attrs={"rows": 2, "class": "form-control", "maxlength": 2000})
            self.fields["kondisi_sebelum"] = forms.CharField(
                label="Kondisi sebelum mentoring (opsional)", required=False, max_length=2000, widget=teks,
                help_text="Mis. kinerja, keterampilan, atau capaian sebelum bimbingan.",
            )
            self.fields["kondisi_sesudah"] = forms.CharField(
                label="Kondisi sesudah mentoring (opsional)", required=False, max_length=2000, widget=teks,
            )
            self.fields["iku_opd"] = forms.CharField(
                label="IKU perangkat daerah yang didukung (opsional)", required=False, max_length=300,
                widget=forms.TextInput(attrs={"class": "form-control", "maxlength": 300}),
                help_text="Indikator Kinerja Utama OPD yang didukung hasil mentoring ini.",
                error_messages={"max_length": "IKU paling banyak 300 karakter."},
            )

    def hasil_kinerja(self) -> dict[str, str]:
        return {k: self.cleaned_data.get(k, "").strip() for k in self.BIDANG_HASIL if k in self.fields}

    def skor(self) -> dict[int, int]:
        return {
            int(nama.removeprefix("indikator_")): nilai
            for nama, nilai in self.cleaned_data.items() if nama.startswith("indikator_")
        }


class RekapEvaluasiForm(forms.Form):
    per = forms.ChoiceField(
        label="Rekap per", required=False,
        choices=[("pembimbing", "Pembimbing (coach/mentor)"), ("opd", "Perangkat daerah"), ("tahun", "Tahun")],
    )
    jenis = forms.ChoiceField(label="Jenis", required=False, choices=[("", "Semua"), *Sesi.Jenis.choices])
    tahun = forms.IntegerField(label="Tahun", required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label="Cari", required=False, max_length=100)
