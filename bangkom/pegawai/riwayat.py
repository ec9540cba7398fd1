"""The audit trail, read back: who changed what, when, before → after, from the
django-simple-history tables of the models that affect JP, signatures or access.

- `riwayat_dari(history_qs, judul=...)` turns any historical queryset into entries (one per saved
  version, with the field changes against the previous version of the same object). Other apps
  use it for their own objects (e.g. an issued activity sheet) and render the entries with
  `{% include "komponen/riwayat.html" with riwayat=halaman %}`.
- `riwayat_pegawai(pegawai)` gathers an employee's profile and mentor profile, plus every source
  registered by a higher app in its `AppConfig.ready()` with `daftarkan_sumber_riwayat(fungsi)`
  (fungsi(pegawai) → (history_qs, judul)): ledger activities, mentoring requests, sessions.
Access is decided by `akses.boleh_lihat_riwayat` (BPSDM; kepala for their own OPD)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied

from .akses import pegawai_atau_404, peran
from .models import Mentor, Pegawai

JENIS_PERUBAHAN = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
# Bookkeeping fields whose changes say nothing to an auditor.
DIABAIKAN = {"dibuat", "diubah", "tahun"}


@dataclass
class Perubahan:
    label: str
    sebelum: str
    sesudah: str


@dataclass
class EntriRiwayat:
    waktu: dt.datetime
    oleh: str
    objek: str
    jenis: str  # "+", "~", "-"
    alasan: str = ""
    perubahan: list[Perubahan] = field(default_factory=list)

    @property
    def jenis_label(self) -> str:
        return JENIS_PERUBAHAN.get(self.jenis, self.jenis)


# The title of one historical record. simple-history builds each Historical<Model> class at runtime
# (same fields as the model, plus history_*), so there is no static class to name here.
Judul = Callable[[Any], str]
_SUMBER: list[Callable] = []


def daftarkan_sumber_riwayat(fungsi: Callable) -> Callable:
    """Register `fungsi(pegawai) -> (history_qs, judul)` so the employee's history page shows it."""
    if fungsi not in _SUMBER:
        _SUMBER.append(fungsi)
    return fungsi


def _nama_pengguna(user) -> str:
    if user is None:
        return "Sistem"
    pegawai = getattr(user, "pegawai", None)
    return pegawai.nama_lengkap if pegawai is not None else user.get_username()


class _Tampilan:
    """Turns stored values into what a person reads (choice labels, related names), fetching each
    related object at most once."""

    def __init__(self) -> None:
        self._cache: dict[tuple, str] = {}

    def __call__(self, model_field, nilai) -> str:
        if nilai is None or nilai == "":
            return "—"
        if model_field is None:
            return str(nilai)
        if model_field.is_relation and model_field.many_to_one:
            kunci = (model_field.related_model, nilai)
            if kunci not in self._cache:
                obj = model_field.related_model._default_manager.filter(pk=nilai).first()
                self._cache[kunci] = str(obj) if obj is not None else f"#{nilai} (sudah dihapus)"
            return self._cache[kunci]
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(nilai, nilai))
        if isinstance(nilai, bool):
            return "Ya" if nilai else "Tidak"
        if isinstance(nilai, dt.datetime):
            return f"{nilai:%d-%m-%Y %H:%M}"
        if isinstance(nilai, dt.date):
            return f"{nilai:%d-%m-%Y}"
        if isinstance(nilai, Decimal):
            return f"{nilai.normalize():f}"
        return str(nilai)


def riwayat_dari(history_qs, *, judul: Judul | None = None, tampilan: _Tampilan | None = None) -> list[EntriRiwayat]:
    """Every version in `history_qs` as an entry, newest first, each with its changes against the
    previous version of the same object (which need not be in `history_qs`'s filter window)."""
    model = history_qs.model.instance_type
    pk = model._meta.pk.attname
    tampilan = tampilan or _Tampilan()
    judul = judul or (lambda rec: f"{model._meta.verbose_name.capitalize()} #{getattr(rec, pk)}")
    rekaman = list(history_qs.select_related("history_user__pegawai").order_by(pk, "history_date", "history_id"))
    hasil = []
    sebelumnya: dict = {}
    for rec in rekaman:
        lalu = sebelumnya.get(getattr(rec, pk))
        entri = EntriRiwayat(
            waktu=rec.history_date, oleh=_nama_pengguna(rec.history_user), objek=judul(rec),
            jenis=rec.history_type, alasan=rec.history_change_reason or "",
        )
        if lalu is not None and rec.history_type == "~":
            for c in rec.diff_against(lalu).changes:
                if c.field in DIABAIKAN:
                    continue
                try:
                    f = model._meta.get_field(c.field)
                except Exception:
                    f = None
                label = str(getattr(f, "verbose_name", c.field))
                entri.perubahan.append(Perubahan(label=label, sebelum=tampilan(f, c.old), sesudah=tampilan(f, c.new)))
        sebelumnya[getattr(rec, pk)] = rec
        if rec.history_type == "~" and lalu is not None and not entri.perubahan:
            continue  # saved without a visible change (e.g. only the credit was recomputed)
        hasil.append(entri)
    hasil.sort(key=lambda e: e.waktu, reverse=True)
    return hasil


def _sumber_bawaan(pegawai) -> Iterable[tuple]:
    yield Pegawai.history.filter(id=pegawai.pk), (lambda r: "Profil pegawai")
    yield Mentor.history.filter(pegawai_id=pegawai.pk), (lambda r: "Profil mentor")


def riwayat_pegawai(pegawai) -> list[EntriRiwayat]:
    """The whole audit trail around one employee, newest first."""
    tampilan = _Tampilan()
    hasil: list[EntriRiwayat] = []
    sumber = list(_sumber_bawaan(pegawai)) + [fungsi(pegawai) for fungsi in _SUMBER]
    for qs, judul in sumber:
        hasil.extend(riwayat_dari(qs, judul=judul, tampilan=tampilan))
    hasil.sort(key=lambda e: e.waktu, reverse=True)
    return hasil


def boleh_lihat_riwayat(user, pegawai: Pegawai) -> bool:
    """The audit trail of an employee (who changed what): BPSDM, and the kepala of their OPD."""
    p = peran(user)
    return p.bpsdm or (p.opd_dipimpin is not None and pegawai.opd_id == p.opd_dipimpin.pk)


def pegawai_riwayat_atau_403(user, pk) -> Pegawai:
    """The employee whose audit trail is asked for: 404 if the user may not see them at all,
    403 if they may see them but not their history."""
    pegawai = pegawai_atau_404(user, pk)
    if not boleh_lihat_riwayat(user, pegawai):
        raise PermissionDenied("Riwayat perubahan hanya untuk Pengelola BPSDM dan Kepala OPD pegawai ini.")
    return pegawai
