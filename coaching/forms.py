from typing import cast

from django import forms

from bangkom.lib.formulir import periksa_urutan
from bangkom.lib.masukan import batas_teks
from bangkom.pegawai.models import Pegawai

from .models import KesepakatanCoaching

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PilihanPegawai(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.nama_lengkap} — {obj.jabatan.nama}"


@batas_teks
class KesepakatanForm(forms.ModelForm):
    """The konsensus: whom, on which activity/performance issue, the gap, goal, targets, period.
    `pegawai` offers only the supervisor's direct subordinates."""

    class Meta:
        model = KesepakatanCoaching
        fields = ["pegawai", "kegiatan", "kesenjangan", "tujuan", "target", "mulai", "selesai"]
        field_classes = {"pegawai": PilihanPegawai}
        widgets = {
            "kesenjangan": forms.Textarea(attrs={"rows": 2}),
            "target": forms.Textarea(attrs={"rows": 3}),
            "mulai": TANGGAL,
            "selesai": TANGGAL,
        }
        error_messages = {
            "pegawai": {
                "required": "Pilih pegawai (bawahan langsung) yang akan di-coaching.",
                "invalid_choice": "Pegawai ini bukan bawahan langsung Anda dan bukan pegawai yang Anda coach.",
            },
            "kegiatan": {"required": "Kegiatan atau masalah kinerja wajib diisi."},
            "tujuan": {"required": "Tujuan wajib diisi."},
            "target": {"required": "Target wajib diisi."},
            "mulai": {"required": "Tanggal mulai wajib diisi.", "invalid": "Format tanggal tidak valid."},
            "selesai": {"required": "Tanggal selesai wajib diisi.", "invalid": "Format tanggal tidak valid."},
        }

    def __init__(self, *args, bawahan, label_pegawai: str = "Pegawai (bawahan langsung)", **kwargs):
        super().__init__(*args, **kwargs)
        pilihan = cast("forms.ModelChoiceField[Pegawai]", self.fields["pegawai"])
        pilihan.queryset = bawahan
        pilihan.label = label_pegawai

    def clean(self):
        data = super().clean()
        periksa_urutan(self, data, "mulai", "selesai", "Periode selesai harus sama dengan atau setelah periode mulai.")
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


@batas_teks
class PenunjukanForm(forms.Form):
    """The kepala OPD / BPSDM appoints a registered coach for one employee (by NIP), for a period,
    with a reason. The rules (registered coach, period, overlap, expired certificate) are the
    service's; its errors land on these fields."""

    nip = forms.CharField(
        label="NIP pegawai (coachee)", max_length=25,
        error_messages={"required": "Isi NIP pegawai yang akan di-coaching."},
    )
    coach: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Coach terdaftar", queryset=None,
        error_messages={"required": "Pilih coach dari daftar coach terdaftar.",
                        "invalid_choice": "Coach ini tidak terdaftar atau tidak aktif."},
    )
    mulai = forms.DateField(label="Berlaku mulai", widget=TANGGAL, error_messages={
        "required": "Tanggal mulai wajib diisi.", "invalid": "Format tanggal tidak valid."})
    selesai = forms.DateField(label="Berlaku sampai", widget=TANGGAL, error_messages={
        "required": "Tanggal selesai wajib diisi.", "invalid": "Format tanggal tidak valid."})
    alasan = forms.CharField(
        label="Alasan penunjukan", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Alasan penunjukan wajib diisi."},
    )
    tetap_meski_kedaluwarsa = forms.BooleanField(
        label="Tetap tunjuk walaupun sertifikat coach sudah kedaluwarsa (dicatat sebagai coach belum bersertifikat)",
        required=False,
    )

    def __init__(self, *args, pegawai_boleh, coach_boleh, **kwargs):
        super().__init__(*args, **kwargs)
        self.pegawai_boleh = pegawai_boleh
        self.fields["coach"].queryset = coach_boleh
        self.fields["coach"].label_from_instance = lambda m: (
            f"{m.pegawai.nama_lengkap} ({m.pegawai.opd.singkatan or m.pegawai.opd.nama}) — {m.uraian_sertifikat}"
        )

    def clean_nip(self):
        nip = "".join(self.cleaned_data["nip"].split())
        pegawai = self.pegawai_boleh.filter(nip=nip, aktif=True).first()
        if pegawai is None:
            raise forms.ValidationError("Tidak ada pegawai aktif dengan NIP ini yang dapat Anda tunjukkan coach-nya.")
        self.cleaned_data["pegawai"] = pegawai
        return nip

    def isi(self) -> dict:
        d = self.cleaned_data
        return dict(pegawai=d["pegawai"], coach=d["coach"].pegawai, mulai=d["mulai"], selesai=d["selesai"],
                    alasan=d["alasan"], tetap_meski_kedaluwarsa=d["tetap_meski_kedaluwarsa"])


@batas_teks
class AkhiriPenunjukanForm(forms.Form):
    alasan_akhir = forms.CharField(
        label="Alasan mengakhiri penunjukan", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Alasan mengakhiri penunjukan wajib diisi."},
    )
