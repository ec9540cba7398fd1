"""Celery app. Without CELERY_BROKER_URL the settings make every task run eagerly in-process,
so a fresh checkout needs no broker.

Celery beat (deploy/systemd/bangkom-beat.service) sends the periodic management commands of
docs/operations.md § 6 to the worker: JADWAL_BERKALA. Run either beat or the cron lines, not both."""
import os

from celery import Celery
from celery.schedules import crontab
from django.core.management import call_command

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bangkom.settings")

app = Celery("bangkom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# name → (when, the command and its arguments); times in TIME_ZONE (Asia/Jakarta).
JADWAL_BERKALA: dict[str, tuple[crontab, list[str]]] = {
    "hapus-sesi-kedaluwarsa": (crontab(minute=15, hour=2), ["clearsessions"]),
    "hapus-log-axes-lama": (crontab(minute=30, hour=2), ["axes_reset_logs", "--age", "90"]),
    "bersihkan-impor": (crontab(minute=45, hour=2), ["bersihkan_impor"]),
    "pengingat-coaching": (crontab(minute=0, hour=6), ["pengingat_coaching"]),
    "pengingat-sesi": (crontab(minute=5, hour=6), ["pengingat_sesi"]),
    "pengingat-mentoring": (crontab(minute=0, hour=7), ["pengingat_mentoring"]),
}
PERINTAH_BERKALA = {argumen[0] for _, argumen in JADWAL_BERKALA.values()}


@app.task(name="bangkom.perintah_berkala")
def perintah_berkala(perintah: str, *argumen: str) -> None:
    # Only the scheduled commands: a message forged into the broker cannot run arbitrary ones.
    if perintah not in PERINTAH_BERKALA:
        raise ValueError(f"Perintah {perintah!r} tidak terjadwal.")
    call_command(perintah, *argumen)


app.conf.beat_schedule = {
    nama: {"task": "bangkom.perintah_berkala", "schedule": kapan, "args": argumen}
    for nama, (kapan, argumen) in JADWAL_BERKALA.items()
}
