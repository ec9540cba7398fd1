"""Scheduled export of activity sheets: a PDF for one employee and kind, a ZIP otherwise.

    manage.py export_lembar_kegiatan --tahun 2026 --nip 198805172012031005 --jenis coaching --output sari.pdf
    manage.py export_lembar_kegiatan --tahun 2026 --opd DINKES --output dinkes-2026.zip
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bangkom.dokumen import ekspor, lembar
from bangkom.dokumen.models import JenisLembar
from bangkom.pegawai.models import Pegawai, PerangkatDaerah


class Command(BaseCommand):
    help = "Ekspor lembar kegiatan (PDF satu pegawai dan jenis, atau ZIP) untuk tahun tertentu."

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, required=True)
        kelompok = parser.add_mutually_exclusive_group(required=True)
        kelompok.add_argument("--nip", help="NIP / NI PPPK satu pegawai")
        kelompok.add_argument("--opd", help="kode perangkat daerah")
        parser.add_argument("--jenis", choices=JenisLembar.values)
        parser.add_argument("--output", required=True, help="berkas tujuan (.pdf atau .zip)")

    def handle(self, *args, tahun, nip, opd, jenis, output, **opsi):
        if not 2000 <= tahun <= 2100:
            raise CommandError("Tahun tidak masuk akal.")
        tujuan = Path(output)
        if not tujuan.parent.exists():
            raise CommandError(f"Folder tujuan tidak ada: {tujuan.parent}")
        semua_jenis = [jenis] if jenis else list(JenisLembar.values)
        if nip:
            try:
                pegawai = Pegawai.objects.select_related("opd__instansi", "unit", "jabatan").get(nip=nip.strip())
            except Pegawai.DoesNotExist:
                raise CommandError(f"Pegawai dengan NIP {nip} tidak ditemukan.") from None
            if jenis:
                mulai, selesai = lembar.periode_tahun(tahun)
                terbit, pdf = lembar.lembar_terbitkan(pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai)
                tujuan.write_bytes(pdf)
                self.stdout.write(f"{tujuan}: {terbit.jumlah_sesi} kegiatan, {terbit.total_jp} JP, kode {terbit.kode}")
                return
            pasangan = [(pegawai, j) for j in semua_jenis]
        else:
            try:
                perangkat = PerangkatDaerah.objects.get(kode=opd.strip())
            except PerangkatDaerah.DoesNotExist:
                raise CommandError(f"Perangkat daerah dengan kode {opd} tidak ditemukan.") from None
            pasangan = ekspor.pasangan_ekspor(opd=perangkat, jenis=semua_jenis, tahun=tahun)
        berhasil, gagal = ekspor.zip_tulis(pasangan=pasangan, tahun=tahun, tujuan=tujuan)
        self.stdout.write(f"{tujuan}: {berhasil} lembar, {len(gagal)} gagal.")
        for g in gagal:
            self.stderr.write(f"GAGAL {g}")
        if gagal:
            raise CommandError(f"{len(gagal)} lembar gagal dibuat (lihat indeks.csv).")
