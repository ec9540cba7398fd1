from django.test import RequestFactory

from bangkom.lib.kembali import url_kembali_aman


def test_only_local_paths_are_followed():
    r = RequestFactory().post("/")
    assert url_kembali_aman(r, "/sesi/3/") == "/sesi/3/"
    for buruk in ['"><img src=x onerror=alert(1)>', "beranda", "//evil.example/", "https://evil.example/", "", None,
                  "javascript:alert(1)"]:
        assert url_kembali_aman(r, buruk) is None, buruk
