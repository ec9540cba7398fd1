"""First sign-in of imported employees. An import gives each new employee an account without a
password (it cannot sign in); BPSDM produces one activation link per employee, e-mailed to those
with an address and listed in an Excel file for the OPD admin to hand out to the others. The link
opens "set your password" (`AktivasiView` in views.py, Django's PasswordResetConfirmView): it works
once (setting the password changes the hash the token is built on) and expires after
`MASA_BERLAKU`."""
from __future__ import annotations

import io
from datetime import timedelta

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import get_connection, send_mass_mail
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode
from openpyxl import Workbook

from bangkom.lib.sel import baris_xlsx

from .models import Pegawai

# Longer than a password reset's (PASSWORD_RESET_TIMEOUT): a printed list goes through the OPD
# admin before it reaches the employee.
MASA_BERLAKU = timedelta(days=14)


class TokenAktivasi(PasswordResetTokenGenerator):
    key_salt = "bangkom.pegawai.aktivasi.TokenAktivasi"

    def check_token(self, user, token) -> bool:
        """Django's check, with this link's own lifetime instead of PASSWORD_RESET_TIMEOUT."""
        if not (user and isinstance(token, str)):
            return False
        try:
            dibuat = base36_to_int(token.partition("-")[0])
        except ValueError:
            return False
        if self._num_seconds(self._now()) - dibuat > MASA_BERLAKU.total_seconds():
            return False
        return any(
            constant_time_compare(self._make_token_with_timestamp(user, dibuat, rahasia), token)
            for rahasia in [self.secret, *self.secret_fallbacks]
        )


token_aktivasi = TokenAktivasi()


def belum_aktif(*, opd_id=None) -> QuerySet[Pegawai]:
    """Active employees whose account has no password yet (created by an import, never activated)."""
    qs = Pegawai.objects.filter(aktif=True, user__isnull=False).filter(
        Q(user__password__startswith="!") | Q(user__password="")
    )
    if opd_id:
        qs = qs.filter(opd_id=opd_id)
    return qs.select_related("user", "opd", "unit").order_by("opd__kode", "nama")


def tautan(pegawai: Pegawai, *, dasar: str) -> str:
    """The employee's activation link; `dasar` is the site's scheme and host (request.build_absolute_uri("/"))."""
    user = pegawai.user
    if user is None:  # belum_aktif() lists only employees with an account
        raise ValueError(f"Pegawai {pegawai.nip} tidak memiliki akun.")
    jalur = reverse("aktivasi", args=[urlsafe_base64_encode(force_bytes(user.pk)), token_aktivasi.make_token(user)])
    return dasar.rstrip("/") + jalur


def aktivasi_kirim(*, pegawai: QuerySet[Pegawai], dasar: str) -> tuple[int, int]:
    """E-mail each employee of `pegawai` that has an address their activation link. Returns (sent,
    without an e-mail address)."""
    surat, tanpa_email = [], 0
    for p in pegawai:
        if not p.email:
            tanpa_email += 1
            continue
        surat.append((
            "Aktivasi akun Bangkom",
            f"Yth. {p.nama_lengkap},\n\nAkun Bangkom Anda (NIP {p.nip}) sudah dibuat. Buka tautan berikut untuk "
            f"membuat kata sandi dan masuk pertama kali:\n\n{tautan(p, dasar=dasar)}\n\nTautan hanya dapat dipakai "
            f"sekali dan berlaku {MASA_BERLAKU.days} hari. Setelah itu, masuk dengan NIP dan kata sandi Anda.\n",
            None, [p.email],
        ))
    if surat:
        send_mass_mail(surat, connection=get_connection())
    return len(surat), tanpa_email


def daftar_xlsx(*, pegawai: QuerySet[Pegawai], dasar: str) -> bytes:
    """The list the OPD admin hands out: one row per employee with their activation link."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Tautan aktivasi")
    berlaku = timezone.localdate() + MASA_BERLAKU
    ws.append(["Nama", "NIP", "OPD", "Unit kerja", "Email", "Tautan aktivasi", "Berlaku sampai"])
    for p in pegawai:
        ws.append(baris_xlsx(ws, [p.nama_lengkap, p.nip, p.opd.nama, p.unit.nama, p.email,
                                  tautan(p, dasar=dasar), berlaku.strftime("%d-%m-%Y")]))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
