"""The one session-logging page of coaching and mentoring, for whichever party logs the session
(the pembimbing, or the participant themselves) and for the author's correction: the session form
(`SesiForm`), "Periksa JP" (the credit preview) and "Simpan sesi" (the workflow's service, or
`sesi_koreksi`). The workflow's view decides who may log what and where to go afterwards; the
template is `sesi/_form.html` inside the workflow's page."""
from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from bangkom.lib.formulir import tempel_galat
from bangkom.pegawai.models import Pegawai

from .forms import SesiBaruForm, SesiForm
from .kontrak import IsiSesi
from .models import Sesi
from .services import sesi_pratinjau


@dataclass
class FormulirSesi:
    form: SesiForm
    pratinjau: list | None = None  # [(participant, Credit)] after "Periksa JP" (or a refused save)
    sesi: Sesi | None = None  # the session saved by "Simpan sesi"


def formulir_sesi(
    request, *, jenis: str, peserta: Sequence[Pegawai], simpan: Callable[[IsiSesi, uuid.UUID | None], Sesi],
    awal: dict[str, Any] | None = None, baru: bool = True,
) -> FormulirSesi:
    """GET: the empty form (today's date, or `awal`). POST "periksa": the form again with the JP each
    participant would get. POST "simpan": `simpan(isi, id_klien)`; its refusal (a guard of `sesi_catat`)
    comes back on the form's fields, with the preview. A new session's form carries the id a phone gave
    an entry kept offline (`SesiBaruForm.id_klien`); a correction (`baru=False`) has none."""
    kelas = SesiBaruForm if baru else SesiForm
    if request.method != "POST":
        return FormulirSesi(kelas(initial=awal or {"tanggal": timezone.localdate()}))
    form = kelas(request.POST)
    if not form.is_valid():
        return FormulirSesi(form)
    isi = form.isi()
    if request.POST.get("aksi") == "simpan":
        try:
            return FormulirSesi(form, sesi=simpan(isi, form.cleaned_data.get("id_klien")))
        except ValidationError as exc:
            tempel_galat(form, exc)
    pratinjau = sesi_pratinjau(jenis=jenis, peserta=list(peserta), tanggal=isi.tanggal, lingkup=isi.lingkup)
    return FormulirSesi(form, pratinjau=pratinjau)


def isian_awal(sesi: Sesi) -> dict[str, Any]:
    """A recorded session's fields, to start its correction from."""
    return {nama: getattr(sesi, nama) for nama in IsiSesi.nama_kolom()}


def pesan_tercatat(sesi: Sesi) -> str:
    """What the author is told once the session is saved: who has to stand behind it next."""
    tanggal = f"{sesi.tanggal:%d-%m-%Y}"
    if sesi.dicatat_oleh_id == sesi.pembimbing_id:
        nama = ", ".join(ps.pegawai.nama for ps in sesi.peserta.select_related("pegawai"))
        return f"Sesi {tanggal} tercatat dan menunggu paraf Anda; JP dihitung setelah {nama} mengonfirmasinya."
    return (
        f"Sesi {tanggal} tercatat dan dikirim kepada {sesi.pembimbing.nama} untuk diparaf; "
        "JP dihitung setelah diparaf."
    )
