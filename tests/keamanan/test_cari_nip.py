"""No personal data by search (issue 17, item 2): a NIP holds the birth date, so no search box lets
a user probe the NIP of someone outside their own OPD digit by digit, and the mentor-candidate
search matches names and positions only."""
from __future__ import annotations

import pytest
from django.urls import reverse

from bangkom.pegawai.models import Pegawai
from bangkom.pegawai.selectors import cari_pegawai
from mentoring.models import PermintaanMentoring
from tests.factories import MentorFactory

pytestmark = pytest.mark.django_db


def _awalan(nip: str) -> str:
    return nip[:14]  # birth date, TMT and sex: everything but the serial number


def test_mentor_candidate_search_never_matches_a_nip(cast, masuk):
    MentorFactory(pegawai=cast.agus, bidang="Jalan dan jembatan")  # a registered mentor in another OPD
    c = masuk(cast.sari)
    url = reverse("mentoring:ajukan")
    for q in (_awalan(cast.agus.nip), cast.agus.nip):
        resp = c.get(url, {"q": q})
        assert resp.status_code == 200
        assert cast.agus.pk not in {s.pegawai.pk for s in resp.context["hasil"]}, q
    # names and positions still find him, and the page never prints his NIP
    for q in ("Agus", cast.agus.jabatan.nama):
        resp = c.get(url, {"q": q})
        assert cast.agus.pk in {s.pegawai.pk for s in resp.context["hasil"]}, q
        assert cast.agus.nip not in resp.content.decode()


def test_mentor_list_search_does_not_probe_nips_of_other_opds(cast, masuk):
    MentorFactory(pegawai=cast.agus, bidang="Jalan dan jembatan")
    resp = masuk(cast.sari).get(reverse("mentoring:mentor-daftar"), {"q": _awalan(cast.agus.nip)})
    assert cast.agus.pk not in {m.pegawai_id for m in resp.context["halaman"].object_list}
    assert cast.agus.nip not in resp.content.decode()
    # within one's own OPD a NIP prefix still finds (Rina is Sari's colleague in Dinkes)
    resp = masuk(cast.sari).get(reverse("mentoring:mentor-daftar"), {"q": _awalan(cast.rina.nip)})
    assert cast.rina.pk in {m.pegawai_id for m in resp.context["halaman"].object_list}


def test_employee_list_search_by_nip_prefix_stays_inside_the_own_opd(cast, masuk):
    # Rina (Dinkes) mentors Joko (DPUPR): she may see him, but not probe his NIP digit by digit.
    PermintaanMentoring.objects.create(pemohon=cast.joko, mentor=cast.rina, topik="Perencanaan",
                                       status=PermintaanMentoring.Status.DITERIMA)
    c = masuk(cast.rina)
    url = reverse("pegawai:daftar")
    assert cast.joko.nama in c.get(url, {"q": "Joko"}).content.decode()
    assert cast.joko.nama not in c.get(url, {"q": _awalan(cast.joko.nip)}).content.decode()
    assert cast.joko.nama in c.get(url, {"q": cast.joko.nip}).content.decode()  # the whole NIP: nothing new
    assert cast.rina.nama in c.get(url, {"q": _awalan(cast.rina.nip)}).content.decode()  # same OPD


def test_cari_pegawai_rule(cast):
    def cocok(user, q):
        return set(Pegawai.objects.filter(cari_pegawai(user, q)).values_list("pk", flat=True))

    awalan = _awalan(cast.joko.nip)
    assert cast.joko.pk not in cocok(cast.sari.user, awalan)
    assert cast.joko.pk in cocok(cast.agus.user, awalan)  # his own OPD
    assert cast.joko.pk in cocok(cast.dewi.user, awalan)  # BPSDM
    assert cast.joko.pk in cocok(cast.sari.user, cast.joko.nip)
    assert cocok(cast.sari.user, "") == set(Pegawai.objects.values_list("pk", flat=True))
