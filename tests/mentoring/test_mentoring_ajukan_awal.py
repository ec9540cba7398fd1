"""The request page says up front what is already open and offers only mentors that can be chosen;
a refused form keeps the chosen mentor (issue 19)."""
from mentoring import services


def test_open_request_is_shown_up_front_and_its_mentor_not_offered(cast, masuk):
    p = services.permintaan_ajukan(pemohon=cast.sari, mentor=cast.rina, topik="Analisis beban kerja")
    html = masuk(cast.sari).get("/mentoring/ajukan/").content.decode()
    awal = html[html.index('data-uji="mentoring-terbuka"'):]
    assert f'href="/mentoring/{p.pk}/"' in awal[:600] and "Rina Marlina" in awal[:600]
    assert html.index('data-uji="mentoring-terbuka"') < html.index('name="topik"')  # before the form
    assert f'name="mentor" value="{cast.rina.pk}"' not in html
    assert f'name="mentor" value="{cast.budi.pk}"' in html  # the supervisor is still offered


def test_a_refused_form_keeps_the_chosen_mentor(cast, masuk):
    r = masuk(cast.sari).post("/mentoring/ajukan/", {"topik": "", "format": "satu_satu", "mentor": cast.budi.pk,
                                                     "aksi": "simpan"})
    html = r.content.decode()
    assert "Topik" in html and f'value="{cast.budi.pk}" id=' in html
    i = html.index(f'name="mentor" value="{cast.budi.pk}"')
    assert "checked" in html[i:i + 200]
