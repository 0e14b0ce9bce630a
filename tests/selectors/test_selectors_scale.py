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
