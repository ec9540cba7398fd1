"""Safe "return to" URLs from a form's `kembali` field (open-redirect and 500 safe)."""
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def url_kembali_aman(request, nilai: str | None) -> str | None:
    """`nilai` if it is a local absolute path on this host, else None. (A bare word must not reach
    `redirect()`, which would try to reverse it as a view name and fail with a 500.)"""
    nilai = (nilai or "").strip()
    if nilai.startswith("/") and not nilai.startswith("//") and url_has_allowed_host_and_scheme(
        nilai, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nilai
    return None


def alihkan_kembali(request, cadangan: str) -> HttpResponseRedirect:
    """Redirect to the form's `kembali` (POST, then GET) when safe, else to `cadangan` (a URL)."""
    return HttpResponseRedirect(
        url_kembali_aman(request, request.POST.get("kembali") or request.GET.get("kembali")) or cadangan
    )
