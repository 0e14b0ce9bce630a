"""Selectors rewritten for nation scale return exactly what the general ones return."""

from campaigns import selectors
from campaigns.models import Ward


def test_a_units_entry_is_its_entry_of_the_directory(reference):
    directory = {entry.ward.pk: entry for entry in selectors.ward_directory()}
    assert len(directory) == Ward.objects.count() == 11
    for ward in Ward.objects.all():
        found, entry = selectors.ward_detail(slug=ward.slug)
        assert found == ward
        assert entry == directory[ward.pk]
    assert selectors.ward_detail(slug="khong-co") is None


def test_a_territory_directory_holds_the_directory_entries_of_its_units(reference):
    directory = {entry.ward.pk: entry for entry in selectors.ward_directory()}
    bac_kan = Ward.objects.get(slug="phuong-bac-kan")
    entries = selectors.territory_directory(ward=bac_kan)
    assert {entry.ward.slug for entry in entries} == {
        "phuong-bac-kan",
        "phuong-song-cau",
        "phuong-phung-chi-kien",
        "phuong-xuat-hoa",
        "xa-nong-thuong",
    }
    for entry in entries:
        assert entry == directory[entry.ward.pk]


def test_outside_units_are_the_wards_the_unit_map_leaves_out(reference):
    import datetime

    from campaigns.models import WardSuccession
    from campaigns.selectors.units import _outside_units, _unit_of_ward

    from ..factories import WardFactory

    def retired(year):
        return WardFactory(valid_to=datetime.date(year, 6, 30))

    lonely, first, second = retired(2019), retired(2019), retired(2020)
    # first → second → a unit in force: both count for it; lonely counts for none.
    WardSuccession.objects.create(
        predecessor=first, successor=second, effective_date=datetime.date(2019, 7, 1)
    )
    WardSuccession.objects.create(
        predecessor=second,
        successor=Ward.objects.get(slug="phuong-bac-kan"),
        effective_date=datetime.date(2020, 7, 1),
    )
    for year in (2018, 2019, 2025):
        everyone = set(Ward.objects.values_list("pk", flat=True))
        assert set(_outside_units(year)) == everyone - set(_unit_of_ward(year))
    assert _outside_units(2025) == (lonely.pk,)
    # The fund split's wards are the sum of the per-unit rows, whichever ward paid.
    from campaigns.selectors.fund import _fund_by_unit

    from ..factories import DonationFactory

    day = datetime.date(2025, 3, 1)
    for ward, amount in ((lonely, 7), (first, 11), (Ward.objects.first(), 13)):
        DonationFactory(ward=ward, date=day, amount=amount)
    DonationFactory(ward=None, fund_level="city", date=day, amount=17)
    split = selectors.fund_split(year=2025)
    assert split.wards.raised == sum(t.raised for t in _fund_by_unit(2025).values())
    assert split.wards.raised == 11 + 13 and split.city.raised == 17
