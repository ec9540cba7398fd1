from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.loader import render_to_string

# Pages an anonymous visitor may reach: sign-in and password reset, health checks, static files
# the public verification page of issued documents, and the service worker and web manifest (no
# personal data; a browser fetches the manifest without cookies); the JSON API, which checks its own
# keys (bangkom.api). Everything else needs a session.
AWAL_PUBLIK = (
    "/masuk/", "/lupa-sandi/", "/atur-sandi/", "/aktivasi/", "/healthz", "/readyz", "/verifikasi/", "/static/",
    "/sw.js",
    "/manifest.webmanifest", "/api/",
)


class WajibMasukMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # PostgreSQL refuses NUL characters in a query or a text column: a filter or form value
        # carrying one is refused here with a 400 instead of reaching the database as a 500.
        if _berisi_nul(request.GET) or (request.method == "POST" and _berisi_nul(request.POST)):
            return HttpResponseBadRequest("Permintaan berisi karakter yang tidak sah.")
        if not request.user.is_authenticated and not request.path.startswith(AWAL_PUBLIK):
            return redirect(f"{settings.LOGIN_URL_PATH}?next={request.path}")
        return self.get_response(request)


def _berisi_nul(data) -> bool:
    return any("\x00" in nilai for _, daftar in data.lists() for nilai in daftar)


class DatabaseTidakTersediaMiddleware:
    """A database outage answers a clear 503 page instead of a stack trace; the transaction of
    the request is rolled back by Django, so nothing is half-written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return halaman_basis_data_putus() if basis_data_putus(exception) else None


def basis_data_putus(exception: BaseException | None) -> bool:
    """Only connection-type errors count: an IntegrityError or a bad query is a bug (500), not an outage."""
    return isinstance(exception, (OperationalError, InterfaceError)) and _koneksi_putus(exception)


def halaman_basis_data_putus() -> HttpResponse:
    # Rendered without the request: the context processors would ask the database again.
    return HttpResponse(render_to_string("503.html", request=None), status=503)


def _koneksi_putus(exception) -> bool:
    try:
        connection.ensure_connection()
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
    except Exception:
        return True
    return False


# Browser features the application never uses are switched off for every page (and any page an
# attacker might frame or inject into). The other security headers come from Django's
# SecurityMiddleware / XFrameOptionsMiddleware (settings) and django-csp.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)


class HeaderKeamananMiddleware:
    """Adds Permissions-Policy (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
