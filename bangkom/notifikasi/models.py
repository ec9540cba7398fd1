from django.db import models

from bangkom.pegawai.models import Pegawai


class Notifikasi(models.Model):
    """An in-app notice (also sent by email when the employee has an address)."""

    penerima = models.ForeignKey(Pegawai, on_delete=models.CASCADE, related_name="notifikasi")
    judul = models.CharField("judul", max_length=200)
    pesan = models.TextField("pesan", blank=True)
    tautan = models.CharField("tautan", max_length=300, blank=True)
    dibaca = models.BooleanField("dibaca", default=False)
    dibuat = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "notifikasi"
        ordering = ["-dibuat"]
        indexes = [models.Index(fields=["penerima", "dibaca"])]

    def __str__(self) -> str:
        return self.judul
