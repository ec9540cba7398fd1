"""The access matrix: EVERY URL pattern of the project, read from the URLconf, requested
by every actor, with the object ids of SARI's objects; the answer must match the table below.

How to extend (when a page lands)
---------------------------------
1. Add its URL name to HARAPAN: ``"namespace:name": "<rule>"``. A URL missing from the table fails
   ``test_setiap_url_punya_harapan`` (and its own matrix case), so no page escapes.
2. The rule is a "+"-joined list of role tokens naming who may open it (GET) — everyone else must be
   DENIED (403, 404, or a redirect to /masuk/ for the anonymous visitor / to the admin sign-in):

   ============= ==================================================================================
   token         actors (see AKTOR in peta_url.py)
   ============= ==================================================================================
   publik        everyone, including the anonymous visitor
   masuk         every signed-in user (lists are scoped by the selectors; that is tested per app)
   pemilik       sari: the employee the object belongs to
   atasan        budi: Sari's direct supervisor (also the pembimbing of her self-study activity)
   mentor        rina: Sari's mentor (accepted mentoring request; pembimbing of her session)
   kepala        hasan: kepala of Sari's OPD
   bpsdm         dewi (pengelola BPSDM) and admin (a superuser counts as BPSDM)
   staf          admin only (Django admin)
   semua-pegawai every actor with an employee record (not the anonymous visitor, not admin)
   semua-atasan  every actor with subordinates: budi, wati, agus, hasan, bambang
   semua-mentor  every registered mentor: rina, maya
   semua-kepala  every kepala OPD: hasan, bambang
   <actor>       one actor by name (e.g. ``dewi``: BPSDM with an employee record, unlike admin)
   ============= ==================================================================================

   The ``semua-*`` tokens are for pages of one's own role (dashboards, desks, "new" forms) that
   carry no object of Sari's; pages about Sari's objects use the Sari-relative tokens.
   e.g. ``"pegawai:detail": "pemilik+atasan+mentor+kepala+bpsdm"``, ``"pegawai:impor": "bpsdm"``.
   Actors in no Sari-relative token — wati (atasan of another unit), agus (atasan in another OPD),
   joko (outsider), maya (another mentor), bambang (kepala of another OPD) — are always denied
   unless the rule is ``masuk``/``publik`` or names their role with a ``semua-*`` token.
3. A state-changing URL is written ``"POST <rule>"``: a GET must NOT be served (405, or a denial);
   an empty POST by an actor outside the rule must be denied (403/404/sign-in), and by an actor in
   the rule must be reached (no 403/404, no 5xx). Finer rights (only the pembimbing initials) are
   tested by the app's own tests.
   A view that serves a page to some and acts for fewer joins both: ``"<GET rule> | POST <rule>"``,
   e.g. ``"kompetensi:dialog": "pemilik+atasan+mentor+kepala+bpsdm | POST pemilik+atasan"`` (the
   mentor and kepala read the gap dialog; only Sari and Budi hold it). The GET part is checked as
   in 2., the POST part as in 3.
4. If the URL has a parameter the matrix does not know, add it to PARAMETER in peta_url.py (the id of
   one of SARI's objects, created in ``bangun_dunia`` through the services).
5. Keys may be shell-style patterns ("admin:*"); an exact name wins over a pattern.

Besides access, each case checks that a GET writes no row, that every HTML page carries the
Content-Security-Policy and the other security headers, and that no answer is a 5xx.
"""
from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

from tests.keamanan.peta_url import AKTOR, klien, minta, rute_admin, semua_rute, url_untuk

HARAPAN: dict[str, str] = {
    # Sign-in, password reset, health checks: public.
    "masuk": "publik",
    "lupa-sandi": "publik",
    "lupa-sandi-terkirim": "publik",
    "atur-sandi": "publik",
    "aktivasi": "publik",  # the first sign-in of an imported employee: the token in the URL is the key
    "healthz": "publik",
    "readyz": "publik",
    # The installable web app (issue 22): the service worker and the manifest hold no personal data;
    # a browser fetches the manifest without cookies.
    "sw": "publik",
    "manifest": "publik",
    "keluar": "POST masuk",
    "ganti-sandi": "masuk",
    "beranda": "masuk",
    # Employees
    "pegawai:daftar": "masuk",
    "pegawai:detail": "pemilik+atasan+mentor+kepala+bpsdm",
    "pegawai:riwayat": "kepala+bpsdm",
    "pegawai:impor": "bpsdm",
    "pegawai:impor-templat": "bpsdm",
    "pegawai:aktivasi-kirim": "POST bpsdm",
    "pegawai:aktivasi-daftar": "POST bpsdm",
    # Notifications (always the signed-in user's own)
    "notifikasi:daftar": "masuk",
    "notifikasi:dibaca": "POST masuk",
    # Shared sessions (Sari's mentoring session with Rina)
    "sesi:detail": "pemilik+atasan+mentor+kepala+bpsdm",
    "sesi:paraf": "POST pemilik+atasan+mentor+kepala+bpsdm",
    # Two-party confirmation: whoever may read the session reaches the endpoint (others get 404);
    # only its participant confirms and only its author withdraws (the services refuse the rest).
    "sesi:konfirmasi": "POST pemilik+atasan+mentor+kepala+bpsdm",
    "sesi:tarik": "POST pemilik+atasan+mentor+kepala+bpsdm",
    # The correction page is its author's (Rina logged the session); other readers get 403.
    "sesi:koreksi": "mentor | POST mentor",
    # Dashboards: each for its role (every holder of the role sees their own); the bulk paraf
    # only initials what the user guides.
    "dasbor-pegawai": "semua-pegawai",
    "dasbor-atasan": "semua-atasan",
    "dasbor-paraf-banyak": "POST semua-pegawai",
    "dasbor-mentor": "semua-mentor",
    "dasbor-kepala": "semua-kepala",
    "dasbor-pengesahan": "semua-kepala | POST semua-kepala",
    "dasbor-sanggahan": "semua-kepala",
    "dasbor-bpsdm": "bpsdm",
    "laporan-jp": "semua-kepala+bpsdm",
    # Activity sheets of Sari; bulk exports (kepala OPD and BPSDM), each seen by its requester (Hasan)
    # and BPSDM; the public verification page of an issued sheet.
    "dokumen:lembar": "pemilik+atasan+kepala+bpsdm",  # the coaching sheet: never the mentor
    "dokumen:lembar-tersimpan": "pemilik+atasan+kepala+bpsdm",  # Sari's coaching sheet: never the mentor
    "dokumen:ekspor": "semua-kepala+bpsdm | POST semua-kepala+bpsdm",
    "dokumen:ekspor-detail": "kepala+bpsdm",
    "dokumen:ekspor-status": "kepala+bpsdm",
    "dokumen:ekspor-unduh": "kepala+bpsdm",
    "verifikasi:detail": "publik | POST publik",
    # Evaluations: the recap for those who guide, kepala and BPSDM; rating Budi's coaching of Sari
    # (scale "manfaat") is hers alone.
    "sesi:evaluasi-rekap": "semua-atasan+semua-mentor+semua-kepala+bpsdm",
    "sesi:evaluasi": "pemilik | POST pemilik",
    # Competencies: Sari's page is read by whoever may read her; the dialog and the plan are held by
    # her and her atasan; assessments by her (self), her atasan and BPSDM. Dictionary and standards: BPSDM.
    "kompetensi:saya": "semua-pegawai",
    "kompetensi:tim": "masuk",
    "kompetensi:pegawai": "pemilik+atasan+mentor+kepala+bpsdm",
    "kompetensi:penilaian-tambah": "pemilik+atasan+bpsdm | POST pemilik+atasan+bpsdm",
    "kompetensi:dialog": "pemilik+atasan+mentor+kepala+bpsdm | POST pemilik+atasan",
    "kompetensi:dialog-konfirmasi": "POST pemilik+atasan",
    "kompetensi:rencana": "pemilik+atasan+mentor+kepala+bpsdm | POST pemilik+atasan",
    "kompetensi:rencana-baris-hapus": "POST pemilik+atasan",
    "kompetensi:kamus": "bpsdm",
    "kompetensi:kamus-tambah": "bpsdm | POST bpsdm",
    "kompetensi:kamus-ubah": "bpsdm | POST bpsdm",
    "kompetensi:standar": "bpsdm",
    "kompetensi:standar-jabatan": "bpsdm | POST bpsdm",
    "kompetensi:standar-impor": "bpsdm | POST bpsdm",
    "kompetensi:standar-templat": "bpsdm",
    "kompetensi:standar-ekspor": "bpsdm",
    "kompetensi:kinerja-impor": "bpsdm | POST bpsdm",
    "kompetensi:kinerja-templat": "bpsdm",
    "kompetensi:peta": "semua-kepala+bpsdm",
    "kompetensi:unduh": "semua-kepala+bpsdm",
    # IKU of an OPD (kepala: own OPD; BPSDM: any) and the yearly needs analysis (AKPK), issue 20.
    "kompetensi:iku": "semua-kepala+bpsdm",
    "kompetensi:iku-tambah": "semua-kepala+bpsdm | POST semua-kepala+bpsdm",
    "kompetensi:iku-ubah": "kepala+bpsdm | POST kepala+bpsdm",
    "kompetensi:akpk": "semua-kepala+bpsdm",
    "kompetensi:akpk-unduh": "semua-kepala+bpsdm",
    # JP: own page; Sari's page and her external activity for whoever may read her; verification by
    # the supervisor it was submitted to (Budi) or a BPSDM officer with an employee record (Dewi).
    "jp:saya": "semua-pegawai",
    "jp:pegawai": "pemilik+atasan+mentor+kepala+bpsdm",
    "jp:eksternal-ajukan": "semua-pegawai | POST semua-pegawai",
    "jp:eksternal": "pemilik+atasan+mentor+kepala+bpsdm",
    "jp:eksternal-sertifikat": "pemilik+atasan+mentor+kepala+bpsdm",
    "jp:eksternal-verifikasi": "POST atasan+dewi",
    "jp:verifikasi": "semua-atasan+dewi | POST semua-atasan+dewi",
    "jp:lms-impor": "bpsdm | POST bpsdm",
    "jp:lms-sumber": "bpsdm",
    "jp:lms-sumber-baru": "bpsdm | POST bpsdm",
    "jp:lms-sumber-ubah": "bpsdm | POST bpsdm",
    # Coaching (Budi coaches Sari): mentors do not see coaching; only the coach closes, only the
    # coachee acknowledges.
    "coaching:daftar": "semua-pegawai",
    # Besides supervisors, Maya opens agreements: Hasan appointed her as Sari's coach. Appointments
    # are listed/made by every kepala (own OPD) and BPSDM, ended by Sari's kepala and BPSDM; every
    # employee has a (possibly empty) "Pegawai yang saya coach" page. Joko gets an empty list.
    "coaching:buat": "semua-atasan+maya | POST semua-atasan+maya",
    "coaching:saya-coach": "semua-pegawai",
    "coaching:penunjukan": "semua-kepala+bpsdm",
    "coaching:penunjukan-baru": "semua-kepala+bpsdm | POST semua-kepala+bpsdm",
    "coaching:penunjukan-akhiri": "kepala+bpsdm | POST kepala+bpsdm",
    "coaching:detail": "pemilik+atasan+kepala+bpsdm",
    "coaching:akui": "POST pemilik",
    "coaching:tutup": "atasan | POST atasan",
    # Either party logs a session: the coach, or the coachee herself (the coach then initials it).
    "coaching:sesi-baru": "pemilik+atasan | POST pemilik+atasan",
    # Mentoring (Sari asked Rina): either side or BPSDM pauses/ends; Sari or BPSDM re-matches; the
    # mentor answers; either of the two logs a session (the other stands behind it) and moves the phase.
    # Acting needs an employee record (the change is recorded as someone's), so the bare admin account
    # only reads. Mentor profiles are for every user.
    "mentoring:saya": "semua-pegawai",
    "mentoring:ajukan": "semua-pegawai | POST semua-pegawai",
    "mentoring:mentee": "semua-pegawai",
    "mentoring:semua": "bpsdm",
    "mentoring:pegawai": "pemilik+atasan+mentor+kepala+bpsdm",
    "mentoring:detail": "pemilik+atasan+mentor+kepala+bpsdm",
    "mentoring:jawab": "POST mentor",
    "mentoring:jeda": "POST pemilik+mentor+dewi",
    "mentoring:akhiri": "POST pemilik+mentor+dewi",
    "mentoring:alihkan": "POST pemilik+dewi",
    "mentoring:tahap": "POST pemilik+mentor",
    "mentoring:sesi-baru": "pemilik+mentor | POST pemilik+mentor",
    "mentoring:mentor-daftar": "masuk",
    "mentoring:mentor-profil": "masuk",
    "mentoring:mentor-baru": "bpsdm | POST bpsdm",
    "mentoring:mentor-ubah": "bpsdm | POST bpsdm",
    # Self-study (Budi assigned Sari): read by whoever may read her; only she logs and writes
    # resumes; only the assigning supervisor decides, initials and evaluates; both add sources.
    "belajar_mandiri:beranda": "semua-pegawai",
    "belajar_mandiri:usulkan": "semua-pegawai | POST semua-pegawai",
    "belajar_mandiri:kalender": "semua-pegawai",
    "belajar_mandiri:resume_saya": "semua-pegawai",
    "belajar_mandiri:tim": "masuk",
    "belajar_mandiri:tugaskan": "semua-atasan | POST semua-atasan",
    "belajar_mandiri:paraf": "semua-pegawai | POST semua-pegawai",
    "belajar_mandiri:sumber_rekap": "bpsdm",
    "belajar_mandiri:detail": "pemilik+atasan+mentor+kepala+bpsdm",
    "belajar_mandiri:putuskan": "POST atasan",
    "belajar_mandiri:evaluasi": "POST atasan",
    "belajar_mandiri:sumber_tambah": "pemilik+atasan | POST pemilik+atasan",
    "belajar_mandiri:log_catat": "pemilik | POST pemilik",
    "belajar_mandiri:resume_tulis": "pemilik | POST pemilik",
    "belajar_mandiri:resume_ubah": "pemilik | POST pemilik",
    "belajar_mandiri:sumber_unduh": "pemilik+atasan+mentor+kepala+bpsdm",
    "belajar_mandiri:log_paraf": "POST atasan",
    "belajar_mandiri:log_hapus": "POST pemilik",
    "belajar_mandiri:resume": "pemilik+atasan+mentor+kepala+bpsdm",
    "belajar_mandiri:resume_paraf": "POST atasan",
    "belajar_mandiri:resume_unduh": "pemilik+atasan+mentor+kepala+bpsdm",
    # API clients (BPSDM). The JSON API answers keys, never a session: every data endpoint is 401 for
    # every signed-in actor; its key/scope/OPD matrix is tests/api/test_matriks_api.py. The contract
    # and its docs hold no data: public.
    "integrasi:klien": "bpsdm",
    "integrasi:klien-baru": "bpsdm | POST bpsdm",
    "integrasi:klien-kunci": "bpsdm",
    "integrasi:klien-cabut": "POST bpsdm",
    # Everyone's own calendar feed (the page, a new address, revoking it); the feed answers its token,
    # not a session: with Sari's valid token it is served to anyone (a calendar app has no session).
    "integrasi:kalender": "semua-pegawai",
    "integrasi:kalender-buat": "POST semua-pegawai",
    "integrasi:kalender-cabut": "POST semua-pegawai",
    "kalender:feed": "publik",
    "api:schema": "publik",
    "api:docs": "publik",
    "api:pegawai": "",
    "api:jp-pegawai": "",
    "api:pemenuhan-opd": "",
    "api:pemenuhan-pegawai": "",
    "api:lembar": "",
    "api:lembar-detail": "",
    "api:lembar-pdf": "",
    "api:kegiatan-eksternal": "POST",
    # Django admin: staff only. The sign-in form shows to anyone signed in (it grants nothing);
    # autocomplete refuses a bare GET without its query parameters even for staff.
    "admin:*": "staf",
    "admin:login": "masuk",
    "admin:logout": "POST staf",
    "admin:autocomplete": "",
    # Read-only admin of sign-in attempts: nobody adds rows by hand. No model has a public URL.
    "admin:axes_*_add": "",
    "admin:view_on_site": "",
}

TOKEN = {
    "publik": set(AKTOR),
    "masuk": set(AKTOR) - {"anonim"},
    "pemilik": {"sari"},
    "atasan": {"budi"},
    "mentor": {"rina"},
    "kepala": {"hasan"},
    "bpsdm": {"dewi", "admin"},
    "staf": {"admin"},
    # Pages of one's own role (dashboards, desks, forms): every actor holding the role.
    "semua-pegawai": set(AKTOR) - {"anonim", "admin"},
    "semua-atasan": {"budi", "wati", "agus", "hasan", "bambang"},
    "semua-mentor": {"rina", "maya"},
    "semua-kepala": {"hasan", "bambang"},
    # One actor by name (e.g. "dewi": BPSDM with an employee record, unlike the admin).
    **{a: {a} for a in AKTOR if a != "anonim"},
}

RUTE = semua_rute()
RUTE_APLIKASI = [r for r in RUTE if not rute_admin(r)]
RUTE_ADMIN = [r for r in RUTE if rute_admin(r) and r.bernama]


def aturan_untuk(nama: str) -> str | None:
    if nama in HARAPAN:
        return HARAPAN[nama]
    cocok = [k for k in HARAPAN if any(c in k for c in "*?[") and fnmatchcase(nama, k)]
    return HARAPAN[max(cocok, key=len)] if cocok else None


def _aktor(badan: str, aturan: str) -> set[str]:
    diizinkan: set[str] = set()
    for token in filter(None, (t.strip() for t in badan.split("+"))):
        assert token in TOKEN, f"Unknown token '{token}' in rule '{aturan}'; known: {sorted(TOKEN)}"
        diizinkan |= TOKEN[token]
    return diizinkan


@dataclass
class Aturan:
    get: set[str] | None  # who may GET; None = a GET must not be served (POST-only)
    post: set[str] | None  # who an empty POST must reach; None = POST not checked


def urai_aturan(aturan: str) -> Aturan:
    get = post = None
    for bagian in (b.strip() for b in aturan.split("|")):
        if bagian == "POST" or bagian.startswith("POST "):
            post = _aktor(bagian[4:], aturan)
        else:
            assert get is None, f"Rule '{aturan}' has two GET parts"
            get = _aktor(bagian, aturan)
    return Aturan(get=get, post=post)


def ditolak(resp, aktor: str) -> bool:
    if resp.status_code in (401, 403, 404):  # 401: the API without a key
        return True
    if resp.status_code in (301, 302, 303, 307):
        lokasi = resp["Location"]
        if aktor == "anonim" and lokasi.startswith("/masuk/"):
            return True
        # Django admin: to its sign-in, or (logout by a non-staff user) back to its index.
        return "/admin/login/" in lokasi or (lokasi == "/admin/" and aktor not in TOKEN["staf"])
    return False


def ringkas(resp) -> str:
    lokasi = f" → {resp['Location']}" if resp.has_header("Location") else ""
    return f"{resp.status_code}{lokasi}"


HEADER_WAJIB = {
    "Content-Security-Policy": "script-src 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=()",
}


def periksa_header(resp) -> list[str]:
    if resp.status_code != 200 or not resp.get("Content-Type", "").startswith("text/html"):
        return []
    return [f"header {h} missing or wrong ({resp.get(h)!r})" for h, isi in HEADER_WAJIB.items()
            if isi not in (resp.get(h) or "")]


def test_setiap_url_punya_harapan():
    """Every URL of the project is in the table (so a new page cannot escape the matrix) and has
    a name; every table entry still matches a URL."""
    tanpa_nama = [r.pola for r in RUTE_APLIKASI if not r.bernama]
    assert not tanpa_nama, f"URL patterns without a name (give them one so the matrix can list them): {tanpa_nama}"
    hilang = [r.nama for r in RUTE if r.bernama and aturan_untuk(r.nama) is None]
    assert not hilang, (
        "These URLs are not in the access matrix. Add each to HARAPAN in tests/keamanan/test_matriks_akses.py "
        f"with who may open it (see the docstring): {hilang}"
    )
    nama = {r.nama for r in RUTE}
    basi = [k for k in HARAPAN if not any(c in k for c in "*?[") and k not in nama]
    assert not basi, f"HARAPAN lists URLs that no longer exist; remove them: {basi}"


def _jalankan(dunia, rute, aktor_uji) -> list[str]:
    aturan = aturan_untuk(rute.nama)
    assert aturan is not None, (
        f"URL '{rute.nama}' ({rute.pola}) is not in HARAPAN: add it to tests/keamanan/test_matriks_akses.py"
    )
    a = urai_aturan(aturan)
    url = url_untuk(dunia, rute)
    galat = []
    for aktor in aktor_uji:
        c = klien(dunia, aktor)
        resp = minta(c, "get", url, jejak=True)
        if resp.status_code >= 500:
            galat.append(f"{aktor}: GET {url} → {resp.status_code}")
            continue
        if resp.selisih:
            galat.append(f"{aktor}: GET {url} wrote rows {resp.selisih}; state changes must be POST-only")
        if a.post is not None:
            boleh = aktor in a.post
            r = minta(klien(dunia, aktor), "post", url)
            if r.status_code >= 500:
                galat.append(f"{aktor}: POST {url} → {r.status_code}")
            elif boleh and (ditolak(r, aktor) or r.status_code == 405):
                galat.append(f"{aktor}: POST {url} → {ringkas(r)}, expected to be reached (rule '{aturan}')")
            elif not boleh and not ditolak(r, aktor):
                galat.append(f"{aktor}: POST {url} → {ringkas(r)}, expected denied (rule '{aturan}')")
        if a.get is None:
            if resp.status_code != 405 and not ditolak(resp, aktor):
                galat.append(f"{aktor}: GET {url} → {ringkas(resp)}, expected 405 (POST-only)")
            continue
        boleh = aktor in a.get
        if boleh and rute_admin(rute):
            pass  # staff may meet 403/404 on read-only models or absent objects: only denials matter here
        elif boleh and (ditolak(resp, aktor) or resp.status_code not in (200, 301, 302, 303)):
            galat.append(f"{aktor}: GET {url} → {ringkas(resp)}, expected allowed (rule '{aturan}')")
        elif not boleh and not ditolak(resp, aktor):
            galat.append(f"{aktor}: GET {url} → {ringkas(resp)}, expected denied (rule '{aturan}')")
        galat.extend(f"{aktor}: GET {url}: {m}" for m in periksa_header(resp))
    return galat


def test_matriks_akses(dunia):
    """Every application URL × every actor (one world, every request rolled back)."""
    galat = []
    for rute in RUTE_APLIKASI:
        galat.extend(_jalankan(dunia, rute, AKTOR))
    assert not galat, "\n".join(galat)


# The admin is Django's own; one signed-in non-staff user of each kind is enough to show that only
# staff get in (dewi: BPSDM is not staff).
AKTOR_ADMIN = ["anonim", "sari", "dewi", "admin"]


def test_matriks_admin_hanya_staf(dunia):
    galat = []
    for rute in RUTE_ADMIN:
        galat.extend(_jalankan(dunia, rute, AKTOR_ADMIN))
    assert not galat, "\n".join(galat)


def test_ids_of_other_people_are_not_reachable_by_swapping_them(dunia):
    """IDOR: Joko's own session-less profile id typed by Sari gives 404, like any stranger's."""
    c = klien(dunia, "sari")
    for url in (f"/pegawai/{dunia.joko.pk}/", f"/pegawai/{dunia.budi.pk}/", f"/pegawai/{dunia.sari.pk}/riwayat/"):
        assert minta(c, "get", url).status_code in (403, 404), url
    c = klien(dunia, "joko")
    for url in (f"/sesi/{dunia.sesi.pk}/", f"/pegawai/{dunia.sari.pk}/"):
        assert minta(c, "get", url).status_code == 404, url
    assert minta(c, "post", f"/sesi/{dunia.sesi.pk}/paraf/", data={"aksi": "setujui"}).status_code == 404
    dunia.kegiatan_sesi.refresh_from_db()
    assert dunia.kegiatan_sesi.status == "diajukan"
