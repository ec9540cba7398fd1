"""Celery beat sends the periodic commands of docs/operations.md § 6 (bangkom/celery.py): every
scheduled name is a real management command, and the task runs nothing else."""
import pytest
from django.core.management import get_commands

from bangkom.celery import JADWAL_BERKALA, app, perintah_berkala


def test_every_scheduled_job_is_a_management_command():
    perintah = get_commands()
    for nama, (_, argumen) in JADWAL_BERKALA.items():
        assert argumen[0] in perintah, nama
    assert set(app.conf.beat_schedule) == set(JADWAL_BERKALA)


@pytest.mark.django_db
def test_the_task_runs_a_scheduled_command():
    perintah_berkala.apply(args=["clearsessions"]).get()


def test_the_task_refuses_a_command_that_is_not_scheduled():
    with pytest.raises(ValueError, match="tidak terjadwal"):
        perintah_berkala.apply(args=["flush", "--noinput"]).get()
