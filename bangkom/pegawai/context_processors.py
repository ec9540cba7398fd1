from .akses import peran as peran_user


def peran(request):
    """Roles of the signed-in user for the navigation; lazy so anonymous pages cost no query."""
    if not request.user.is_authenticated:
        return {}
    return {"peran": peran_user(request.user)}
