"""Writes with rules: keyword-only `<entity>_<action>()` functions, atomic."""

from django.db import transaction

from campaigns.models import (
    ApprovingBody,
    CampaignPhase,
    Content,
    Goal,
    GoalSet,
    PovertyStandard,
    RatingGrade,
    TitleDefinition,
    Ward,
    WardSuccession,
)
from campaigns.services import reference_data as reference
from campaigns.services import reference_periods as periods
from campaigns.services.reference_bodies import APPROVING_BODIES
from campaigns.services.standards import standards_attach


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
    phases = _phases_load()
    contents = _contents_load(phases)
    goal_set = _goal_set_load()
    for number, content_number, name, measure, target in reference.GOALS:
        Goal.objects.update_or_create(
            goal_set=goal_set,
            number=number,
            defaults={
                "content": contents[content_number],
                "name": name,
                "measure": measure,
                "target": target,
            },
        )
    _standards_load()
    # Results entered while no standard covered their year take the one added now.
    standards_attach()
    titles = _titles_load()
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
        "phases": len(periods.PHASES),
        "contents": len(reference.CONTENTS) + len(periods.OLD_CONTENTS),
        "goal_sets": 1,
        "titles": titles,
        "goals": len(reference.GOALS),
        "poverty_standards": len(reference.POVERTY_STANDARDS),
        "rating_grades": len(reference.RATING_GRADES),
    }


def _phases_load() -> dict[str, CampaignPhase]:
    phases = {}
    for key, name, first, last, launched_by, confirmed, source in periods.PHASES:
        phases[key], _ = CampaignPhase.objects.update_or_create(
            short_name=key,
            defaults={
                "name": name,
                "valid_from_year": first,
                "valid_to_year": last,
                "launched_by": launched_by,
                "confirmed": confirmed,
                "source": source,
            },
        )
    return phases


def _contents_load(phases) -> dict[int, Content]:
    """The 2016 contents (by number) and the earlier phase's, linked to them."""
    contents = {}
    for number, short_name, name in reference.CONTENTS:
        contents[number], _ = Content.objects.update_or_create(
            phase=phases[periods.NEW_PHASE],
            number=number,
            defaults={
                "short_name": short_name,
                "name": name,
                "source": periods.CONTENT_SOURCE,
            },
        )
    for number, short_name, name, continued_by in periods.OLD_CONTENTS:
        Content.objects.update_or_create(
            phase=phases[periods.OLD_PHASE],
            number=number,
            defaults={
                "short_name": short_name,
                "name": name,
                "continued_by": contents[continued_by],
                "source": periods.OLD_CONTENT_SOURCE,
            },
        )
    return contents


def _goal_set_load() -> GoalSet:
    """The portal's goal set; its last year is left alone, since staff close it when
    they replace the goals (`goal_set_replace`)."""
    data = dict(periods.GOAL_SET)
    goal_set, created = GoalSet.objects.get_or_create(
        valid_from_year=data.pop("valid_from_year"), defaults=data
    )
    if not created:
        for field, value in data.items():
            setattr(goal_set, field, value)
        goal_set.save()
    return goal_set


def _standards_load() -> None:
    """Each standard matched on its code, else on its first year (so a code confirmed
    later, replacing "(chưa xác nhận)", updates the same row)."""
    for (
        code,
        name,
        first,
        last,
        rural,
        urban,
        rural_near,
        urban_near,
        confirmed,
        source,
    ) in reference.POVERTY_STANDARDS:
        standard = (
            PovertyStandard.objects.filter(code=code).first()
            or PovertyStandard.objects.filter(valid_from_year=first).first()
            or PovertyStandard(code=code)
        )
        standard.code = code
        standard.name = name
        standard.valid_from_year = first
        standard.valid_to_year = last
        standard.rural_poor_income = rural
        standard.urban_poor_income = urban
        standard.rural_near_poor_income = rural_near
        standard.urban_near_poor_income = urban_near
        standard.confirmed = confirmed
        standard.source = source
        standard.save()


def _titles_load() -> int:
    count = 0
    for legal_basis, first, last, confirmed, source, names in periods.TITLES:
        for holder, name in names.items():
            TitleDefinition.objects.update_or_create(
                holder=holder,
                valid_from_year=first,
                defaults={
                    "name": name,
                    "legal_basis": legal_basis,
                    "valid_to_year": last,
                    "confirmed": confirmed,
                    "source": source,
                },
            )
            count += 1
    return count


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
