"""The contract between the shared sessions (`bangkom.sesi`) and the workflows that own them
(coaching, mentoring), pointing downward only: the workflows import this module, never the reverse.

- `IsiSesi`: a session's own fields, carried from the session form to `sesi_catat` in one value.
- The paraf hook registry: each workflow says, in its `AppConfig.ready()`, what to tell whom when a
  session of its relationship is initialled or rejected (`daftarkan_kabar_paraf`); `sesi_paraf`
  calls it through `kabari_paraf` without knowing the workflow.

The relationship itself (the `induk`) answers `periode_sesi()`, `menerima_sesi` and `__str__`, and
carries a `GenericRelation` to its sessions (see `bangkom.sesi.models`)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date, time
from typing import Any


@dataclass(frozen=True, kw_only=True)
class IsiSesi:
    """What the pembimbing fills in for one session (the fields of `SesiForm`, in form order)."""

    tanggal: date
    mulai: time
    selesai: time
    materi: str
    mode: str = "tatap_muka"
    lingkup: str = "nasional"
    catatan_pra: str = ""
    catatan_pelaksanaan: str = ""
    catatan_pasca: str = ""
    tindak_lanjut: str = ""

    @classmethod
    def nama_kolom(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def dari_data(cls, data: Mapping[str, Any]) -> IsiSesi:
        """From a form's `cleaned_data` (extra keys are ignored)."""
        return cls(**{n: data[n] for n in cls.nama_kolom() if n in data})


# (induk, *, sesi, setuju, oleh) → None; called only when the paraf changed something.
KabarParaf = Callable[..., None]
_kabar_paraf: dict[str, KabarParaf] = {}


def daftarkan_kabar_paraf(model: str, kabar: KabarParaf) -> None:
    """Register the workflow's notice after a paraf on sessions of `model` ("app_label.Model"), from
    the workflow's `AppConfig.ready()`."""
    _kabar_paraf[model.lower()] = kabar


def kabari_paraf(induk, *, sesi, setuju: bool, oleh) -> None:
    """Tell whom the workflow of `induk` wants told; a relationship with no hook tells nobody."""
    kabar = _kabar_paraf.get(induk._meta.label_lower)
    if kabar is not None:
        kabar(induk, sesi=sesi, setuju=setuju, oleh=oleh)
