"""The abstract base model of rows that keep when they were created and last changed. Abstract: no
table, no migration of its own; a model inheriting it gets the two columns exactly as if it had
declared them. Models keep their own `history = HistoricalRecords(...)`, since what they exclude
from the history differs."""
from __future__ import annotations

from django.db import models


class ModelBerwaktu(models.Model):
    dibuat = models.DateTimeField(auto_now_add=True)
    diubah = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def periode_urut(nama: str, *, mulai: str = "mulai", selesai: str = "selesai") -> models.CheckConstraint:
    """The database's guard that a period ends on or after its start (the forms check the same with
    `formulir.periksa_urutan`); `nama` keeps each table's existing constraint name."""
    return models.CheckConstraint(condition=models.Q(**{f"{selesai}__gte": models.F(mulai)}), name=nama)


def alasan_riwayat(obj: models.Model, *, alasan: str, oleh=None) -> None:
    """Before `obj.save()`/`delete()`: the audit row django-simple-history writes says why (cut to its
    100-character column; the full text stays on the row) and who (a signed-in user; a management
    command leaves it empty). The attributes are simple_history's own."""
    setattr(obj, "_change_reason", alasan if len(alasan) <= 100 else alasan[:99] + "…")  # noqa: B010 (simple_history reads these private names)
    if getattr(oleh, "is_authenticated", False):
        setattr(obj, "_history_user", oleh)  # noqa: B010
