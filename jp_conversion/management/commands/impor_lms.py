"""`manage.py impor_lms --file F --sumber KODE [--dry-run]`: the LMS completions import of the BPSDM page,
for a file an LMS drops on the server (cron). Same preview, same all-or-nothing commit, same duplicates."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bangkom.pegawai.impor import BerkasTidakValid
from jp_conversion import lms
from jp_conversion.models import SumberLMS


class Command(BaseCommand):
    help = "Impor penyelesaian kursus LMS (.csv/.xlsx) sebagai kegiatan eksternal yang menunggu verifikasi atasan."

    def add_arguments(self, parser):
        parser.add_argument("--file", required=True, help="berkas .csv atau .xlsx hasil ekspor LMS")
        parser.add_argument("--sumber", required=True, help="kode sumber LMS (pemetaan kolom), mis. asn-unggul")
        parser.add_argument("--dry-run", action="store_true", help="periksa saja, tanpa menyimpan apa pun")

    def handle(self, *args, file, sumber, dry_run, **options):
        pemetaan = SumberLMS.objects.filter(kode=sumber).first()
        if pemetaan is None:
            kode = ", ".join(SumberLMS.objects.values_list("kode", flat=True)) or "belum ada"
            raise CommandError(f"Sumber LMS '{sumber}' tidak dikenal (tersedia: {kode}).")
        try:
            isi = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas {file} tidak dapat dibaca: {exc.strerror}.") from None
        try:
            hasil = lms.pratinjau(isi, sumber=pemetaan)
            for b in hasil.baris:
                if b.masalah or b.dilewati:
                    self.stdout.write(f"Baris {b.nomor} (NIP {b.data.get('nip', '')}): "
                                      + ("; ".join(b.masalah) if b.masalah else b.dilewati))
            if not hasil.valid:
                raise CommandError(f"{len(hasil.bermasalah)} dari {len(hasil.baris)} baris bermasalah; "
                                   "tidak ada data yang diimpor.")
            if dry_run:
                self.stdout.write(f"Pemeriksaan selesai (--dry-run, tidak ada yang disimpan): {len(hasil.baru)} akan "
                                  f"diajukan, {len(hasil.dilewati)} sudah ada dan dilewati.")
                return
            ringkas = lms.lms_impor(isi=isi, sumber=pemetaan)
        except BerkasTidakValid as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Impor {pemetaan.nama} selesai: {ringkas['dibuat']} kegiatan baru diajukan untuk verifikasi atasan, "
            f"{ringkas['dilewati']} sudah ada dan dilewati."))
