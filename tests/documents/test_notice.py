"""The poverty fund's public notice: balances that add up, names only with consent."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns import models, selectors
from campaigns.access.scope import CITY_STAFF, WARD_STAFF
from campaigns.models.choices import (
    FundEntryKindChoices,
    FundLevelChoices,
    SupportCategoryChoices,
    WorkflowStatusChoices,
)

from .. import citydata
from .. import factories as f
from ..accounts import make_user
from .helpers import is_a4, page_text, pdf_reader, squeezed, text_of

pytestmark = pytest.mark.django_db

CONSENTED = "Nông Văn Đồngý"
NOT_CONSENTED = "Hoàng Thị Khôngmuốn"


def entry(ward, kind, day, amount, **extra):
    return models.FundBalanceEntry.objects.create(
        ward=ward,
        kind=kind,
        date=day,
        amount=amount,
        status=WorkflowStatusChoices.APPROVED,
        **extra,
    )


@pytest.fixture
def fund(reference, seed_once):
    """The city data set, a recorded opening balance and transfers for Sông Cầu, and
    two households helped in 2024, one of which agreed to be named."""
    city = seed_once(citydata.build_city)
    song_cau = city.song_cau
    entry(
        song_cau, FundEntryKindChoices.OPENING, datetime.date(2024, 1, 1), 100_000_000
    )
    entry(
        song_cau,
        FundEntryKindChoices.TRANSFER_IN,
        datetime.date(2024, 3, 1),
        10_000_000,
    )
    entry(
        song_cau,
        FundEntryKindChoices.TRANSFER_OUT,
        datetime.date(2025, 2, 1),
        3_000_000,
    )
    # Not approved: counted nowhere.
    models.FundBalanceEntry.objects.create(
        ward=song_cau,
        kind=FundEntryKindChoices.TRANSFER_IN,
        date=datetime.date(2024, 4, 1),
        amount=999_000_000,
    )
    consented = f.HouseholdFactory(
        ward=song_cau,
        residential_area=city.areas[0],
        head_name=CONSENTED,
        id_number="079111222333",
        phone="0911222333",
        publication_consent=True,
        publication_consent_date=datetime.date(2024, 2, 1),
        publication_consent_record="Biên bản 12/2024",
    )
    other = f.HouseholdFactory(
        ward=song_cau, head_name=NOT_CONSENTED, id_number="079444555666"
    )
    for household, amount in ((consented, 2_000_000), (other, 3_000_000)):
        f.SupportFactory(
            date=datetime.date(2024, 9, 1),
            ward=song_cau,
            residential_area=city.areas[0],
            household=household,
            category=SupportCategoryChoices.MEDICAL,
            amount=amount,
        )
    # Paid in the ward from the city fund: shown, not in the ward fund's balance.
    f.SupportFactory(
        date=datetime.date(2024, 10, 1),
        ward=song_cau,
        household=other,
        category=SupportCategoryChoices.EDUCATION,
        amount=7_000_000,
        fund_level=FundLevelChoices.CITY,
    )
    city.consented, city.other = consented, other
    return city


def notice_url(slug, year, pdf=False):
    return f"/quan-tri/bao-cao/niem-yet/{slug}/{year}{'.pdf' if pdf else '/'}"


@pytest.fixture
def staff(fund):
    return {
        "song_cau": make_user("song-cau", WARD_STAFF, wards=[fund.song_cau]),
        "city": make_user("city", CITY_STAFF),
    }


def raw_ward_fund(ward, year):
    """Approved ward-fund money in and out of `year`, from the raw rows."""
    donations = [
        d
        for d in citydata.approved(models.Donation)
        if d.ward == ward and d.date.year == year
    ]
    supports = [
        s
        for s in citydata.approved(models.Support)
        if s.ward == ward and s.date.year == year and s.fund_level == "ward"
    ]
    entries = [
        e
        for e in citydata.approved(models.FundBalanceEntry)
        if e.ward == ward and e.date.year == year
    ]
    return {
        "money": sum(d.amount for d in donations),
        "goods": sum(d.in_kind_value for d in donations),
        "spent": sum(s.amount for s in supports),
        "in": sum(e.amount for e in entries if e.kind == "transfer_in"),
        "out": sum(e.amount for e in entries if e.kind == "transfer_out"),
    }


def test_the_balances_add_up_and_each_year_opens_with_the_last_ones_close(fund):
    ward = fund.song_cau
    notices = {y: selectors.fund_notice(ward=ward, year=y) for y in (2023, 2024, 2025)}
    for year, n in notices.items():
        assert n.opening_balance + n.received - n.paid_out == n.closing_balance
        raw = raw_ward_fund(ward, year)
        if year >= 2024:
            assert (n.money_received, n.goods_received, n.spent) == (
                raw["money"],
                raw["goods"],
                raw["spent"],
            )
            assert (n.transfers_in, n.transfers_out) == (raw["in"], raw["out"])
    n2024 = notices[2024]
    assert n2024.opening_balance == 100_000_000 and n2024.opening_recorded_year == 2024
    # 5 M donated, 10 M transferred in; 40 M house + 0.5 M Tết gift + 2 M + 3 M medical.
    assert n2024.closing_balance == 100_000_000 + 5_000_000 + 10_000_000 - 45_500_000
    assert notices[2025].opening_balance == n2024.closing_balance
    assert (
        notices[2025].closing_balance == n2024.closing_balance + 1_000_000 - 3_000_000
    )
    assert (n2024.city_fund_supports, n2024.city_fund_amount) == (1, 7_000_000)
    medical = {c.category: c for c in n2024.categories}["medical"]
    assert (medical.supports, medical.households, medical.amount) == (2, 2, 5_000_000)


def test_without_a_recorded_opening_the_fund_counts_from_zero(fund):
    notice = selectors.fund_notice(ward=fund.xuat_hoa, year=2024)
    assert notice.opening_recorded_year is None
    assert notice.opening_balance == 2_000_000  # the 2023 donation, nothing spent
    assert notice.closing_balance == 2_000_000 - 15_000_000


def test_the_notice_page_and_pdf_show_the_balance_and_consented_names_only(
    client, fund, staff
):
    client.force_login(staff["song_cau"])
    response = client.get(notice_url("phuong-song-cau", 2024))
    assert response.status_code == 200
    page = text_of(response)
    pdf = pdf_reader(client.get(notice_url("phuong-song-cau", 2024, pdf=True)).content)
    assert all(is_a4(p) for p in pdf.pages)
    pdf_text = " ".join(page_text(p) for p in pdf.pages)
    notice = selectors.fund_notice(ward=fund.song_cau, year=2024)
    for text in (page, pdf_text):
        assert "Phường Sông Cầu".upper() in text
        for amount in (
            notice.opening_balance,
            notice.received,
            notice.paid_out,
            notice.closing_balance,
        ):
            written = f"{amount:,}".replace(",", ".")
            assert squeezed(written) in squeezed(text), amount
        assert CONSENTED in text
        assert NOT_CONSENTED not in text
        for secret in (
            citydata.SECRET_NAMES
            + citydata.SECRET_IDS
            + citydata.SECRET_PHONES
            + citydata.SECRET_ADDRESSES
            + ["079111222333", "0911222333", "079444555666"]
        ):
            assert secret not in text, secret
        assert "999.000.000" not in text


def test_pending_records_are_announced(client, fund, staff):
    client.force_login(staff["song_cau"])
    page = text_of(client.get(notice_url("phuong-song-cau", 2024)))
    assert "chưa được duyệt" in page


def test_ward_staff_cannot_produce_another_wards_notice(client, fund, staff):
    client.force_login(staff["song_cau"])
    for pdf in (False, True):
        assert client.get(notice_url("phuong-xuat-hoa", 2024, pdf)).status_code == 403
        assert client.get(notice_url("khong-co", 2024, pdf)).status_code == 404
    client.force_login(staff["city"])
    assert client.get(notice_url("phuong-xuat-hoa", 2024)).status_code == 200
    client.logout()
    for pdf in (False, True):
        response = client.get(notice_url("phuong-song-cau", 2024, pdf))
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_consent_needs_its_date_and_record(fund):
    household = fund.other
    household.publication_consent = True
    with pytest.raises(ValidationError) as raised:
        household.full_clean()
    assert "publication_consent" in raised.value.message_dict


def test_an_opening_balance_is_dated_first_of_january(fund):
    row = models.FundBalanceEntry(
        ward=fund.song_cau,
        kind=FundEntryKindChoices.OPENING,
        date=datetime.date(2024, 3, 1),
        amount=1,
    )
    with pytest.raises(ValidationError) as raised:
        row.full_clean()
    assert "date" in raised.value.message_dict
