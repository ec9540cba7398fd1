"""Filters of the compliance pages. Choices are scoped by the access module, so a kepala OPD can
neither pick nor type another agency's OPD or unit (an out-of-scope id is a form error)."""
from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone

from bangkom.lib.masukan import id_atau_none
from bangkom.lib.widget import PilihanModel, PilihanRingan
from bangkom.pegawai.akses import opd_terlihat, peran
from bangkom.pegawai.models import Pegawai, PerangkatDaerah, UnitKerja

from . import laporan

STATUS = [("", "Semua status"), ("tercapai", "Tercapai"), ("belum", "Belum tercapai")]
URUT = [
    ("", "OPD, nama"), ("nama", "Nama (A–Z)"), ("-nama", "Nama (Z–A)"), ("nip", "NIP"),
    ("total", "Total JP terkecil"), ("-total", "Total JP terbesar"), ("-sisa", "Sisa JP terbanyak"),
]


def tahun_ini() -> int:
    return timezone.localdate().year


class FilterTimForm(forms.Form):
    """Year, status, ASN type, name/NIP search and sort: the filters every compliance table shares."""

    tahun = forms.IntegerField(
        label="Tahun", required=False, min_value=2000, max_value=2100,
        error_messages={"invalid": "Tahun harus berupa angka, mis. 2026.",
                        "min_value": "Tahun paling awal 2000.", "max_value": "Tahun paling akhir 2100."},
    )
    status = forms.ChoiceField(label="Status", choices=STATUS, required=False, widget=PilihanRingan,
                               error_messages={"invalid_choice": "Pilih status yang tersedia."})
    jenis_asn = forms.ChoiceField(label="Jenis ASN", choices=[("", "Semua jenis ASN"), *Pegawai.JenisASN.choices],
                                  required=False, widget=PilihanRingan,
                                  error_messages={"invalid_choice": "Pilih jenis ASN yang tersedia."})
    q = forms.CharField(label="Cari nama atau NIP", required=False, max_length=100)
    urut = forms.ChoiceField(label="Urutkan", choices=URUT, required=False, widget=PilihanRingan,
                             error_messages={"invalid_choice": "Pilih urutan yang tersedia."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Bootstrap's look and full column width: unstyled controls overflowed a 390 px phone.
        for field in self.fields.values():
            kelas = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", f"{kelas} form-control-sm" if kelas == "form-control"
                                          else f"{kelas} form-select-sm")

    def nilai(self) -> dict:
        """Cleaned values, falling back to defaults for any field the user got wrong (the error is
        still shown beside the field and the rest of the page keeps working)."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        hasil = {nama: data.get(nama) or "" for nama in self.fields}
        hasil["tahun"] = data.get("tahun") or tahun_ini()
        return hasil


class FilterLaporanForm(FilterTimForm):
    opd: forms.ModelChoiceField[PerangkatDaerah] = PilihanModel(
        label="OPD", queryset=None, required=False, empty_label="Semua OPD",
        error_messages={"invalid_choice": "OPD tidak tersedia untuk Anda."},
    )
    unit: forms.ModelChoiceField[UnitKerja] = PilihanModel(
        label="Unit kerja", queryset=None, required=False, empty_label="Semua unit",
        error_messages={"invalid_choice": "Unit kerja tidak tersedia untuk Anda."},
    )
    field_order = ["tahun", "opd", "unit", "status", "jenis_asn", "q", "urut"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        opd = opd_terlihat(user)
        self.fields["opd"].queryset = opd
        unit = UnitKerja.objects.filter(opd__in=opd).select_related("opd").order_by("opd__nama", "nama")
        self.fields["unit"].queryset = unit  # what may be chosen (validation)
        # What is listed: a province has hundreds of units, so BPSDM sees those of the chosen OPD (and
        # the unit already chosen) only; a kepala sees all of his one OPD. Lazy: exports never render.
        provinsi = peran(user).bpsdm
        tampil = PilihanModel(
            queryset=unit.filter(self._opd_atau_unit_terpilih()) if provinsi else unit,
            empty_label="Semua unit (pilih OPD untuk daftar unitnya)" if provinsi and not self.data.get("opd")
            else "Semua unit",
        )
        tampil.label_from_instance = lambda u: f"{u.nama} ({u.opd.singkatan or u.opd.nama})"
        self.fields["unit"].widget.choices = tampil.choices

    def _opd_atau_unit_terpilih(self) -> Q:
        kondisi = Q(pk__in=[])
        opd, unit = str(self.data.get("opd", "")), str(self.data.get("unit", ""))
        if (opd_id := id_atau_none(opd)) is not None:  # a 20-digit id would overflow the database
            kondisi |= Q(opd_id=opd_id)
        if (unit_id := id_atau_none(unit)) is not None:
            kondisi |= Q(pk=unit_id)
        return kondisi

    def clean(self):
        data = super().clean()
        if data.get("unit") and data.get("opd") and data["unit"].opd_id != data["opd"].pk:
            self.add_error("unit", "Unit kerja ini bukan bagian dari OPD yang dipilih.")
        return data

    def saringan(self) -> laporan.Saringan:
        """The filters as the report and its exports apply them."""
        f = self.nilai()
        return laporan.Saringan(opd=f["opd"] or None, unit=f["unit"] or None, status=f["status"],
                                jenis_asn=f["jenis_asn"], q=f["q"], urut=f["urut"], keterangan=self.keterangan())

    def keterangan(self) -> list[str]:
        """Human description of the active filters (printed on exports)."""
        v = self.nilai()
        teks = []
        if v["unit"]:
            teks.append(f"unit {v['unit'].nama}")
        if v["status"]:
            teks.append(dict(STATUS)[v["status"]].lower())
        if v["jenis_asn"]:
            teks.append(v["jenis_asn"])
        if v["q"]:
            teks.append(f"pencarian “{v['q']}”")
        return teks
