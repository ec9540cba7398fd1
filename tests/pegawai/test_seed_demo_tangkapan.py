"""`seed_demo` gives the screenshot tool (scripts/tangkapan.py) every row its guide pages show,
whatever today's date: Budi's paraf queue holds a session Sari confirmed, one she logged herself,
and one she disputed is back with Budi."""
from django.core.management import call_command

from bangkom.sesi.models import Konfirmasi, PesertaSesi
from scripts.tangkapan import data_demo


def test_seed_demo_fills_every_queue_the_guide_shows(db, capsys):
    call_command("seed_demo", "--password", "x")
    d = data_demo()
    budi_nip = d["nip"]["budi"]
    antre = PesertaSesi.objects.filter(sesi__pembimbing__nip=budi_nip, paraf="menunggu")
    assert antre.filter(konfirmasi=Konfirmasi.DIKONFIRMASI, sesi__dicatat_oleh__nip=budi_nip).exists()
    assert antre.filter(sesi__dicatat_oleh__nip=d["nip"]["sari"]).exists()
    assert antre.filter(konfirmasi=Konfirmasi.DISANGGAH).exists()
    sesi = antre.get(sesi_id=d["sesi_budi"])
    assert sesi.konfirmasi == Konfirmasi.DIKONFIRMASI  # the paraf shot shows a session ready to initial
