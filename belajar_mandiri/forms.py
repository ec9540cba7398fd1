from decimal import Decimal
from typing import cast

from django import forms

from bangkom.lib.berkas import BerkasField
from bangkom.lib.formulir import periksa_urutan
from bangkom.lib.masukan import IdKlienField, batas_teks
from jp_conversion import rules

from .models import PenugasanBelajar, Resume, SumberBelajar

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PESAN_TANGGAL = {"required": "Tanggal wajib diisi.", "invalid": "Format tanggal tidak valid."}


@batas_teks
class PenugasanForm(forms.ModelForm):
    """The supervisor's assignment (with `pegawai`) or the employee's proposal (without)."""

    class Meta:
        model = PenugasanBelajar
        fields = ["pegawai", "topik", "kompetensi", "kesenjangan", "lingkup", "mulai", "selesai", "jp_rencana"]
        widgets = {"mulai": TANGGAL, "selesai": TANGGAL, "kesenjangan": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "pegawai": {"required": "Pilih pegawai yang ditugaskan.", "invalid_choice": "Pegawai tidak valid."},
            "topik": {"required": "Topik wajib diisi."},
            "kesenjangan": {"required": "Tuliskan kesenjangan kompetensi yang ingin diisi."},
            "mulai": PESAN_TANGGAL,
            "selesai": PESAN_TANGGAL,
            "jp_rencana": {"required": "JP direncanakan wajib diisi.", "invalid": "JP harus berupa angka."},
        }

    def __init__(self, *args, bawahan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kompetensi"].queryset = self.fields["kompetensi"].queryset.filter(aktif=True)
        self.fields["kompetensi"].empty_label = "(tidak dikaitkan)"
        if bawahan is None:
            del self.fields["pegawai"]
        else:
            self.fields["pegawai"].queryset = bawahan
            self.fields["pegawai"].label_from_instance = lambda p: f"{p.nama} — {p.nip}"

    def clean(self):
        data = super().clean()
        periksa_urutan(self, data, "mulai", "selesai", "Periode selesai harus sama atau setelah periode mulai.")
        jp = data.get("jp_rencana")
        if jp is not None and jp <= 0:
            self.add_error("jp_rencana", "JP direncanakan harus lebih dari 0.")
        return data

    def _post_clean(self):
        # Model constraints are checked by the service with Indonesian messages; skip Django's
        # English constraint messages.
        pass


@batas_teks
class SumberForm(forms.ModelForm):
    berkas = BerkasField(jenis=("pdf", "docx"), required=False, label="Berkas (untuk dokumen)")
    url = forms.URLField(
        label="Tautan", required=False, max_length=500, assume_scheme="https",
        error_messages={"invalid": "Alamat tautan tidak valid (awali dengan https://)."},
    )

    class Meta:
        model = SumberBelajar
        fields = ["jenis", "judul", "url", "keterangan", "berkas"]
        widgets = {"keterangan": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "jenis": {"required": "Pilih jenis sumber."},
            "judul": {"required": "Judul sumber wajib diisi."},
        }


class LogForm(forms.Form):
    """A day's study. JP or minutes (1 JP = 45 minutes); both shown, either accepted."""

    tanggal = forms.DateField(label="Tanggal", widget=TANGGAL, error_messages=PESAN_TANGGAL)
    jp_belajar = forms.DecimalField(
        label="JP dipelajari", required=False, max_digits=5, decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
        error_messages={"invalid": "JP harus berupa angka (mis. 1,5 ditulis 1.5).",
                        "max_digits": "JP terlalu besar.", "max_decimal_places": "JP paling banyak 2 desimal."},
    )
    menit = forms.IntegerField(
        label="atau menit belajar", required=False,
        help_text=f"1 JP = {rules.MENIT_PER_JP} menit; isi salah satu.",
        widget=forms.NumberInput(attrs={"step": "5", "inputmode": "numeric"}),
        max_value=24 * 60,  # a day; a 30-digit number would otherwise overflow the JP arithmetic
        error_messages={"invalid": "Menit harus bilangan bulat.",
                        "max_value": "Menit belajar paling banyak 1440 (satu hari)."},
    )
    materi = forms.CharField(
        label="Yang dipelajari", max_length=250,
        error_messages={"required": "Tuliskan apa yang dipelajari.", "max_length": "Paling banyak 250 karakter."},
    )
    sumber = forms.ModelChoiceField(
        label="Sumber belajar", queryset=SumberBelajar.objects.none(), required=False,
        empty_label="(tanpa sumber tertentu)",
    )
    # Set by luring.js: a log kept offline and sent again is recorded once (issue 22).
    id_klien = IdKlienField()

    def __init__(self, *args, penugasan: PenugasanBelajar, **kwargs):
        super().__init__(*args, **kwargs)
        sumber = cast("forms.ModelChoiceField[SumberBelajar]", self.fields["sumber"])
        sumber.queryset = penugasan.sumber.all()

    def clean(self):
        data = super().clean()
        jp, menit = data.get("jp_belajar"), data.get("menit")
        if "jp_belajar" in self.errors or "menit" in self.errors:
            return data
        if menit is not None:
            if menit <= 0:
                self.add_error("menit", "Menit belajar harus lebih dari 0.")
                return data
            dari_menit = rules.jp_dari_menit(menit)
            if jp is not None and abs(jp - dari_menit) > Decimal("0.03"):
                self.add_error(
                    "menit", f"{menit} menit = {dari_menit} JP, tidak sama dengan {jp} JP. Isi salah satu saja."
                )
                return data
            if jp is None:
                data["jp_belajar"] = dari_menit
        elif jp is None:
            self.add_error("jp_belajar", "Isi JP atau menit belajar.")
        return data


@batas_teks(maks=50_000, cetak=False)  # sanitised HTML of a resume
class ResumeForm(forms.ModelForm):
    lampiran = BerkasField(jenis=("pdf", "docx"), required=False, label="Lampiran (opsional)")

    class Meta:
        model = Resume
        fields = ["sumber", "judul", "isi", "lampiran"]
        widgets = {"isi": forms.Textarea(attrs={"rows": 12, "data-editor-resume": "1"})}
        labels = {"sumber": "Sumber (opsional)"}
        help_texts = {
            "isi": "Boleh teks biasa (baris kosong = paragraf baru) atau format dasar: tebal, miring, daftar, tautan."
        }
        error_messages = {
            "judul": {"required": "Judul resume wajib diisi."}, "isi": {"required": "Isi resume wajib diisi."}
        }

    def __init__(self, *args, penugasan: PenugasanBelajar, **kwargs):
        super().__init__(*args, **kwargs)
        sumber = cast("forms.ModelChoiceField[SumberBelajar]", self.fields["sumber"])
        sumber.queryset = penugasan.sumber.all()
        sumber.empty_label = "(seluruh penugasan)"


class AlasanForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Alasan wajib diisi."},
    )


@batas_teks
class EvaluasiForm(forms.Form):
    """The supervisor's evaluation: the result, a note, and one rating per learning source
    (fields `sumber_<id>`; required for the sources the employee used, see
    `services.sumber_terpakai`)."""

    hasil = forms.ChoiceField(
        label="Hasil", choices=PenugasanBelajar.Hasil.choices, widget=forms.RadioSelect,
        error_messages={"required": "Pilih hasil evaluasi."},
    )
    catatan = forms.CharField(
        label="Catatan evaluasi", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Catatan evaluasi wajib diisi."},
    )

    def __init__(self, *args, sumber=(), terpakai=(), **kwargs):
        super().__init__(*args, **kwargs)
        dipakai = {s.pk for s in terpakai}
        for s in sumber:
            wajib = s.pk in dipakai
            self.fields[f"sumber_{s.pk}"] = forms.ChoiceField(
                label=f"Sumber: {s.judul} ({s.get_jenis_display()})",
                choices=[("", "(pilih penilaian)" if wajib else "(tidak dinilai: tidak dipakai)"),
                         *SumberBelajar.Penilaian.choices],
                required=wajib,
                help_text="Dipakai pegawai dalam log atau resume: wajib dinilai." if wajib else "",
                error_messages={"required": f"Nilai sumber \"{s.judul}\": paling efektif, cukup, atau kurang.",
                                "invalid_choice": "Pilih penilaian: paling efektif, cukup, atau kurang."},
            )

    def penilaian(self) -> dict[int, str]:
        """Source id → rating, from the cleaned form."""
        return {
            int(nama.removeprefix("sumber_")): nilai
            for nama, nilai in self.cleaned_data.items() if nama.startswith("sumber_") and nilai
        }


class CariForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    status = forms.ChoiceField(required=False, choices=[("", "Semua status"), *PenugasanBelajar.Status.choices])
