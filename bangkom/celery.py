"""Celery app. Without CELERY_BROKER_URL the settings make every task run eagerly in-process,
so a fresh checkout needs no broker."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bangkom.settings")

app = Celery("bangkom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
