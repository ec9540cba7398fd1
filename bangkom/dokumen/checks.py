"""Deployment checks of signing (`manage.py check --deploy`)."""
from __future__ import annotations

from django.core.checks import Error, Tags, Warning, register

from . import tandatangan


@register(Tags.security, deploy=True)
def cek_penandatangan(app_configs=None, **kwargs):
    jenis = tandatangan.jenis_penanda()
    if jenis == tandatangan.DEMO:
        return [Warning(
            "Lembar kegiatan ditandatangani dengan identitas DEMO (CA lokal, bukan sertifikat instansi). "
            "/ Activity sheets are signed with the DEMO identity.",
            hint="Setel PENANDATANGAN_P12 (berkas PKCS#12) atau PENANDATANGAN_PKCS11_MODUL (token/HSM), "
                 "mis. dengan sertifikat BSrE instansi; lihat docs/operations.md.",
            id="dokumen.W001",
        )]
    if not jenis:
        return [Warning(
            "Lembar kegiatan diterbitkan tanpa tanda tangan elektronik (PENANDATANGAN_DEMO=0, tanpa sertifikat). "
            "/ Activity sheets are issued unsigned.",
            hint="Setel PENANDATANGAN_P12 atau PENANDATANGAN_PKCS11_MODUL; lihat docs/operations.md.",
            id="dokumen.W002",
        )]
    try:
        tandatangan.penanda()
    except Exception as exc:  # any failure to load the signer must stop a deployment
        return [Error(
            f"Penandatangan ({jenis}) tidak dapat dimuat / the signer cannot be loaded: {exc}",
            hint="Periksa berkas, kata sandi/PIN dan label kunci pada pengaturan PENANDATANGAN_*.",
            id="dokumen.E001",
        )]
    return []
