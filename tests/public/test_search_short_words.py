"""Issue 18: search reads stored folded names; words of one or two letters find the
start of a word; the counted total stops at a cap."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns import models, selectors
from campaigns.selectors import search
from campaigns.spreadsheets.bulk import insert_with_history

from .. import factories as f
from .test_public_pages import text_of

pytestmark = pytest.mark.django_db


def folded_name(model, pk) -> str:
    return model.objects.values_list("name_folded", flat=True).get(pk=pk)


def test_folded_names_follow_every_write(reference):
    # load_reference wrote this unit.
    assert folded_name(
        models.Ward, models.Ward.objects.get(slug="phuong-duc-xuan").pk
    ) == ("phuong duc xuan")
    area = f.ResidentialAreaFactory(name="Nà Mèo")
    assert folded_name(models.ResidentialArea, area.pk) == "na meo"
    area.name = "Bản Đôn"
    area.save()
    assert folded_name(models.ResidentialArea, area.pk) == "ban don"
    models.ResidentialArea.objects.filter(pk=area.pk).update(name="KHUỔI ĐĂM")
    assert folded_name(models.ResidentialArea, area.pk) == "khuoi dam"
    # The imports' bulk path (COPY on PostgreSQL) names no generated column.
    now = timezone.now()
    copied = models.ResidentialArea(
        ward=area.ward,
        name="Tổ Ương",
        kind="to_dan_pho",
        slug="to-uong",
        created_at=now,
        updated_at=now,
    )
    insert_with_history(models.ResidentialArea, [copied], when=now)
    assert folded_name(models.ResidentialArea, copied.pk) == "to uong"


def test_commendation_text_holds_no_individual_name(reference):
    collective = f.CommendationFactory(
        recipient_name="Tổ Đoàn Kết", form="Bằng khen", decision_number="12/QĐ-UBND"
    )
    person = f.CommendationFactory(
        recipient_kind="individual",
        recipient_name="Nguyễn Văn Bí Mật",
        reason="Hiến đất",
    )
    texts = dict(models.Commendation.objects.values_list("pk", "search_text"))
    assert texts[collective.pk].split() == "to doan ket bang khen 12/qd-ubnd".split()
    assert "bi mat" not in texts[person.pk] and "hien dat" in texts[person.pk]


@pytest.fixture
def short_words(reference):
    ward = f.WardFactory(name="Phường Thử Chữ")
    for name in ("Tổ Ba", "Tổ Bảy", "Tổ Bốn", "Bản Ôtô", "Nà Tồng"):
        f.ResidentialAreaFactory(ward=ward, name=name)
    f.CommendationFactory(recipient_name="Tổ Ba", form="Giấy khen")
    return ward


def area_names(response) -> set[str]:
    return {area.name for area in response.context["results"].areas}


def test_short_words_find_the_start_of_a_word(client, short_words):
    found = area_names(client.get("/tim-kiem/", {"q": "to"}))
    assert {"Tổ Ba", "Tổ Bảy", "Nà Tồng"} <= found
    assert "Bản Ôtô" not in found  # "to" inside a word only
    assert area_names(client.get("/tim-kiem/", {"q": "tổ b"})) >= {"Tổ Ba", "Tổ Bảy"}
    assert not area_names(client.get("/tim-kiem/", {"q": "to b"})) & {"Nà Tồng"}
    # The unit's name counts as well, by the start of its words too.
    assert {"Tổ Ba", "Bản Ôtô"} <= area_names(client.get("/tim-kiem/", {"q": "ch"}))
    results = client.get("/tim-kiem/", {"q": "to"}).context["results"]
    assert not results.commendations and not results.stories
    # A word of three letters or more: a substring, commendations searched.
    results = client.get("/tim-kiem/", {"q": "oto"}).context["results"]
    assert [a.name for a in results.areas] == ["Bản Ôtô"]
    assert client.get("/tim-kiem/", {"q": "to khen"}).context["results"].commendations


def test_past_the_cap_the_total_says_more(client, short_words, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    monkeypatch.setattr(selectors.pages, "PAGE_SIZE", 2)
    response = client.get("/tim-kiem/", {"q": "to"})
    results = response.context["results"]
    assert results.more and results.page.count == 3
    assert "Kết quả tìm “to”: hơn 3" in text_of(response)
    first = [a.slug for a in results.areas]
    second = client.get("/tim-kiem/", {"q": "to", "trang": 2}).context["results"]
    assert len(first) == 2 and len(second.areas) == 1
    assert not set(first) & {a.slug for a in second.areas}
    assert client.get("/tim-kiem/", {"q": "to", "trang": 3}).status_code == 404
    # The order is stable: the same first page again.
    again = client.get("/tim-kiem/", {"q": "to"}).context["results"]
    assert [a.slug for a in again.areas] == first


def test_short_word_search_queries_are_bounded(client, short_words):
    client.get("/tim-kiem/", {"q": "to"})  # the page's shared figures, cached
    with CaptureQueriesContext(connection) as queries:
        client.get("/tim-kiem/", {"q": "to"})
    # Units and areas counted, the areas of the page read.
    assert len(queries) <= 4
