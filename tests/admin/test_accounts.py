"""The account screens read as sentences, not as Django's internal names."""

from django.urls import reverse

from campaigns.access.scope import CITY_STAFF, WARD_STAFF

from .. import factories as f
from ..accounts import make_user


def test_deleting_an_account_names_its_wards(client, reference):
    ward = f.WardFactory(name="Phường Thử Nghiệm")
    target = make_user("ward-to-delete", WARD_STAFF, [ward])
    client.force_login(make_user("city-deleter", CITY_STAFF))
    response = client.get(reverse("admin:auth_user_delete", args=(target.pk,)))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Phường Thử Nghiệm" in page
    assert "object (" not in page
    assert "relationship" not in page
    assert "Đơn vị phụ trách: Phường Thử Nghiệm" in page
    assert "Vai trò của tài khoản: Cán bộ" in page
