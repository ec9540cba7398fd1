"""Private iCalendar feeds: each employee may make one secret address listing the coaching and
mentoring sessions they lead or take part in (past year and ahead), for the calendar they already
use. The address carries a random token (stored as SHA-256); a new address revokes the old one."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from bangkom.lib import rahasia
from bangkom.pegawai.models import Pegawai
from bangkom.sesi.models import Sesi

from .models import TokenKalender

JENDELA_LALU = timedelta(days=365)


def token_aktif(pegawai: Pegawai) -> TokenKalender | None:
    return TokenKalender.objects.filter(pegawai=pegawai, dicabut_pada__isnull=True).first()


@transaction.atomic
def kalender_buat(*, pegawai: Pegawai) -> str:
    """A new feed token for `pegawai` (returned once); the previous one stops working."""
    kalender_cabut(pegawai=pegawai)
    awalan = rahasia.awalan_baru()
    token = f"{awalan}{secrets.token_urlsafe(24)}"
    TokenKalender.objects.create(pegawai=pegawai, awalan=awalan, sidik=rahasia.sidik(token))
    return token


def kalender_cabut(*, pegawai: Pegawai) -> int:
    return TokenKalender.objects.filter(pegawai=pegawai, dicabut_pada__isnull=True).update(dicabut_pada=timezone.now())


def pegawai_dari_token(token: str) -> Pegawai | None:
    if len(token) < 20 or not token.isascii():
        return None
    baris = TokenKalender.objects.select_related("pegawai").filter(awalan=token[:12], dicabut_pada__isnull=True).first()
    if baris is None or not baris.cocok(token) or not baris.pegawai.aktif:
        return None
    return baris.pegawai


def sesi_kalender(pegawai: Pegawai) -> QuerySet[Sesi]:
    """Sessions the employee leads or takes part in, from a year ago on."""
    sejak = timezone.localdate() - JENDELA_LALU
    return (
        Sesi.objects.filter(Q(pembimbing=pegawai) | Q(peserta__pegawai=pegawai), tanggal__gte=sejak)
        .distinct().select_related("pembimbing").prefetch_related("peserta__pegawai", "peserta__kegiatan")
        .order_by("tanggal", "mulai", "pk")
    )


def ics(pegawai: Pegawai, *, situs: str) -> bytes:
    """The feed: one VEVENT per session, times in the application's time zone."""
    zona = ZoneInfo(settings.TIME_ZONE)
    cal = Calendar()
    cal.add("prodid", "-//Bangkom//Kalender sesi//ID")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Bangkom: sesi {pegawai.nama}")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    sekarang = timezone.now()
    for s in sesi_kalender(pegawai):
        peserta = ", ".join(p.pegawai.nama_lengkap for p in s.peserta.all())
        e = Event()
        e.add("uid", f"sesi-{s.pk}@bangkom")
        e.add("dtstamp", sekarang)
        e.add("dtstart", datetime.combine(s.tanggal, s.mulai, tzinfo=zona))
        e.add("dtend", datetime.combine(s.tanggal, s.selesai, tzinfo=zona))
        e.add("summary", f"{s.get_jenis_display()}: {s.materi}")
        e.add("description", f"Pembimbing: {s.pembimbing.nama_lengkap}\nPeserta: {peserta}\n"
                             f"Status: {s.get_status_display()}\n{situs}{reverse('sesi:detail', args=[s.pk])}")
        e.add("location", s.get_mode_display())
        cal.add_component(e)
    return cal.to_ical()
