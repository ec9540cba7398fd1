from bangkom.pegawai.akses import peran

from .selectors import jumlah_belum_dibaca


def jumlah_menunggu(request):
    """The badge in the navigation: unread notices of the signed-in employee (counted by the role
    query already made for the navigation, `selectors.belum_dibaca_subquery`: no query of its own)."""
    if not request.user.is_authenticated:
        return {}
    pegawai = peran(request.user).pegawai
    if pegawai is None:
        return {}
    return {"jumlah_menunggu": jumlah_belum_dibaca(pegawai)}
