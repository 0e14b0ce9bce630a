"""Writes with rules: keyword-only `<entity>_<action>()` functions, atomic."""

from django.db import transaction

from campaigns.models import (
    ApprovingBody,
    Content,
    Goal,
    PovertyStandard,
    RatingGrade,
    Ward,
    WardSuccession,
)
from campaigns.services import reference_data as reference
from campaigns.services.reference_bodies import APPROVING_BODIES


@transaction.atomic
def reference_data_load() -> dict[str, int]:
    """Create or update the Bắc Kạn reference data; running it again changes nothing.

    Returns the number of rows of each kind that the reference data defines.
    """
    old_wards = {}
    for code, name, kind, slug in reference.OLD_WARDS:
        ward, _ = Ward.objects.update_or_create(
            code=code,
            valid_from=None,
            defaults={
                "name": name,
                "kind": kind,
                "slug": slug,
                "valid_to": reference.LAST_DAY_BEFORE_REORGANISATION,
                "has_external_predecessor": False,
                "external_predecessor_note": "",
                **reference.OLD_PROVINCE,
                **reference.OLD_CITY,
            },
        )
        old_wards[code] = ward
    successions = 0
    for code, name, kind, slug, predecessor_codes, external in reference.NEW_WARDS:
        ward, _ = Ward.objects.update_or_create(
            code=code,
            valid_from=reference.REORGANISATION_DATE,
            defaults={
                "name": name,
                "kind": kind,
                "slug": slug,
                "valid_to": None,
                "has_external_predecessor": bool(external),
                "external_predecessor_note": external,
                "district_code": "",
                "district_name": "",
                **reference.NEW_PROVINCE,
            },
        )
        for predecessor_code in predecessor_codes:
            WardSuccession.objects.update_or_create(
                predecessor=old_wards[predecessor_code],
                successor=ward,
                defaults={
                    "effective_date": reference.REORGANISATION_DATE,
                    "legal_basis": reference.REORGANISATION_BASIS,
                },
            )
            successions += 1
    contents = {}
    for number, short_name, name in reference.CONTENTS:
        contents[number], _ = Content.objects.update_or_create(
            number=number, defaults={"short_name": short_name, "name": name}
        )
    for number, content_number, name, measure, target in reference.GOALS:
        Goal.objects.update_or_create(
            number=number,
            defaults={
                "content": contents[content_number],
                "name": name,
                "measure": measure,
                "target": target,
            },
        )
    for (
        code,
        name,
        first,
        last,
        rural,
        urban,
        rural_near,
        urban_near,
    ) in reference.POVERTY_STANDARDS:
        PovertyStandard.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "valid_from_year": first,
                "valid_to_year": last,
                "rural_poor_income": rural,
                "urban_poor_income": urban,
                "rural_near_poor_income": rural_near,
                "urban_near_poor_income": urban_near,
            },
        )
    for name, low, high, strong in reference.RATING_GRADES:
        RatingGrade.objects.update_or_create(
            name=name,
            defaults={"min_score": low, "max_score": high, "is_strong": strong},
        )
    approving_bodies_load()
    return {
        "approving_bodies": len(APPROVING_BODIES),
        "wards": len(reference.OLD_WARDS) + len(reference.NEW_WARDS),
        "successions": successions,
        "contents": len(reference.CONTENTS),
        "goals": len(reference.GOALS),
        "poverty_standards": len(reference.POVERTY_STANDARDS),
        "rating_grades": len(reference.RATING_GRADES),
    }


def approving_bodies_load() -> None:
    """Create or update the approving bodies (after the units they approve for)."""
    for name, level, code, approves, first, last, source in APPROVING_BODIES:
        ward = (
            Ward.objects.get(code=code, valid_from=reference.REORGANISATION_DATE)
            if code
            else None
        )
        ApprovingBody.objects.update_or_create(
            name=name,
            defaults={
                "level": level,
                "ward": ward,
                "approves": approves,
                "first_year": first,
                "last_year": last,
                "source": source,
            },
        )
