"""Rebuild the JP credits and yearly recaps from the approved activities (after a rules change,
a data repair or an import). Idempotent: on unchanged data it changes nothing and says so."""
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from bangkom.pegawai.models import Pegawai
from jp_conversion.models import Kegiatan, RekapTahunan
from jp_conversion.services import jp_hitung_ulang_banyak


class Command(BaseCommand):
    help = "Hitung ulang JP setiap pegawai-tahun dari kegiatan yang sudah diparaf (aman dijalankan berulang)."

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, help="Hanya tahun ini.")
        parser.add_argument("--nip", help="Hanya pegawai dengan NIP/NI PPPK ini.")

    def handle(self, *args, tahun=None, nip=None, **options):
        saring = Q()
        if tahun is not None:
            saring &= Q(tahun=tahun)
        if nip:
            pegawai = Pegawai.objects.filter(nip=nip.strip()).first()
            if pegawai is None:
                raise CommandError(f"Pegawai dengan NIP {nip} tidak ditemukan.")
            saring &= Q(pegawai_id=pegawai.pk)
        # Years with activities, and years with a recap but no activity left (their recap must go to 0).
        pasangan = set(Kegiatan.objects.filter(saring).values_list("pegawai_id", "tahun").order_by().distinct())
        pasangan |= set(RekapTahunan.objects.filter(saring).values_list("pegawai_id", "tahun"))
        jumlah = len(pasangan)

        def kemajuan(selesai, total):
            self.stderr.write(f"\r{selesai}/{total}", ending="")

        # Batched: one transaction per chunk of employees (locks taken in employee order), credits and
        # recaps written with bulk updates. Stopping half-way leaves every finished chunk consistent.
        berubah = jp_hitung_ulang_banyak(pasangan=pasangan, kemajuan=kemajuan)
        if jumlah:
            self.stderr.write("")
        self.stdout.write(f"{jumlah} pegawai-tahun diperiksa, {berubah} pegawai-tahun berubah.")
