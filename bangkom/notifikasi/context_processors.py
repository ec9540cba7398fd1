from bangkom.pegawai.akses import peran

from .models import Notifikasi


def jumlah_menunggu(request):
    """The badge in the navigation: unread notices of the signed-in employee."""
    if not request.user.is_authenticated:
        return {}
    pegawai = peran(request.user).pegawai
    if pegawai is None:
        return {}
    return {"jumlah_menunggu": Notifikasi.objects.filter(penerima=pegawai, dibaca=False).count()}
