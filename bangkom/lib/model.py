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
