from django import forms

from bangkom.lib.masukan import batas_teks

from .models import KesepakatanCoaching

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


@batas_teks
class KesepakatanForm(forms.ModelForm):
    """The konsensus: whom, on which activity/performance issue, the gap, goal, targets, period.
    `pegawai` offers only the supervisor's direct subordinates."""

    class Meta:
        model = KesepakatanCoaching
        fields = ["pegawai", "kegiatan", "kesenjangan", "tujuan", "target", "mulai", "selesai"]
        widgets = {
            "kesenjangan": forms.Textarea(attrs={"rows": 2}),
            "target": forms.Textarea(attrs={"rows": 3}),
            "mulai": TANGGAL,
            "selesai": TANGGAL,
        }
        error_messages = {
            "pegawai": {
                "required": "Pilih pegawai (bawahan langsung) yang akan di-coaching.",
                "invalid_choice": "Pegawai ini bukan bawahan langsung Anda.",
            },
            "kegiatan": {"required": "Kegiatan atau masalah kinerja wajib diisi."},
            "tujuan": {"required": "Tujuan wajib diisi."},
            "target": {"required": "Target wajib diisi."},
            "mulai": {"required": "Tanggal mulai wajib diisi.", "invalid": "Format tanggal tidak valid."},
            "selesai": {"required": "Tanggal selesai wajib diisi.", "invalid": "Format tanggal tidak valid."},
        }

    def __init__(self, *args, bawahan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pegawai"].queryset = bawahan
        self.fields["pegawai"].label = "Pegawai (bawahan langsung)"
        self.fields["pegawai"].label_from_instance = lambda p: f"{p.nama_lengkap} — {p.jabatan.nama}"

    def clean(self):
        data = super().clean()
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if mulai and selesai and selesai < mulai:
            self.add_error("selesai", "Periode selesai harus sama dengan atau setelah periode mulai.")
        return data


@batas_teks
class TutupForm(forms.Form):
    status = forms.ChoiceField(
        label="Hasil",
        choices=[
            (KesepakatanCoaching.Status.SELESAI, "Selesai: tujuan dan target dievaluasi"),
            (KesepakatanCoaching.Status.DIBATALKAN, "Dibatalkan"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Pilih hasil penutupan.", "invalid_choice": "Pilihan tidak dikenal."},
    )
    catatan_evaluasi = forms.CharField(
        label="Catatan evaluasi (ketercapaian tujuan dan target) atau alasan pembatalan",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Catatan evaluasi atau alasan wajib diisi."},
    )
