"""City demo: residential areas of the eight old units, and those of the three 2025
units, some made by merging two old areas into one.
"""

from collections import defaultdict

from campaigns.demo.city import AreaState, DemoGenerator
from campaigns.demo.names import OUTSIDE_VILLAGES, VILLAGE_NAMES
from campaigns.models import ResidentialArea, Ward
from campaigns.models.choices import (
    ResidentialAreaKindChoices,
    WorkflowStatusChoices,
)
from campaigns.services import reference_data as reference
from campaigns.text import vn_slugify


def areas_make(gen: DemoGenerator) -> None:
    villages = iter(gen.rng.sample(VILLAGE_NAMES, len(VILLAGE_NAMES)))
    to_create = []
    for ward in gen.old_wards:
        count = gen.rng.randint(10, 20)
        is_commune = ward.kind == "xa"
        for number in range(1, count + 1):
            if is_commune:
                name = next(villages, None) or f"Thôn {number}"
                kind = (
                    ResidentialAreaKindChoices.HAMLET
                    if name.startswith("Bản")
                    else ResidentialAreaKindChoices.VILLAGE
                )
                base_poor = gen.rng.uniform(0.14, 0.26)
            else:
                name = f"Tổ {number}"
                kind = ResidentialAreaKindChoices.STREET_GROUP
                base_poor = gen.rng.uniform(0.03, 0.09)
            area = ResidentialArea(
                ward=ward,
                name=name,
                kind=kind,
                slug=f"{ward.slug}-{vn_slugify(name)}",
                valid_to=reference.LAST_DAY_BEFORE_REORGANISATION,
                **gen.workflow_fields(WorkflowStatusChoices.APPROVED),
            )
            to_create.append(area)
            gen.areas_by_ward[ward.pk].append(
                AreaState(
                    area=area,
                    households=gen.rng.randint(70, 260),
                    poor_rate=base_poor,
                    near_poor_ratio=gen.rng.uniform(0.6, 1.1),
                    cultural_rate=gen.rng.uniform(0.80, 0.88),
                    title=gen.rng.random() < 0.75,
                    title_year=2008 if gen.rng.random() < 0.5 else None,
                )
            )
    ResidentialArea.objects.bulk_create(to_create)
    if gen.years[-1] >= reference.REORGANISATION_DATE.year:
        _successor_areas_make(gen)
    gen.summary.residential_areas = ResidentialArea.objects.filter(is_demo=True).count()


def _successor_areas_make(gen: DemoGenerator) -> None:
    """The 2025 units get their own areas; some old areas merge two into one."""
    successor_of = {}
    for old in gen.old_wards:
        successor_of[old.pk] = Ward.objects.get(predecessor_links__predecessor=old)
    groups: dict[int, list[list[AreaState]]] = defaultdict(list)
    for old in gen.old_wards:
        states = gen.areas_by_ward[old.pk]
        index = 0
        while index < len(states):
            size = 2 if gen.rng.random() < 0.3 and index + 1 < len(states) else 1
            groups[successor_of[old.pk].pk].append(states[index : index + size])
            index += size
    new_states = []
    for new in gen.new_wards:
        number = 0
        outside = OUTSIDE_VILLAGES if new.has_external_predecessor else []
        for group in groups[new.pk] + [[] for _ in outside]:
            number += 1
            if new.kind == "xa":
                name = (
                    group[0].area.name
                    if group
                    else outside[number - len(groups[new.pk]) - 1]
                )
                kind = (
                    group[0].area.kind if group else ResidentialAreaKindChoices.VILLAGE
                )
            else:
                name = f"Tổ {number}"
                kind = ResidentialAreaKindChoices.STREET_GROUP
            area = ResidentialArea(
                ward=new,
                name=name,
                kind=kind,
                slug=f"{new.slug}-{vn_slugify(name)}",
                valid_from=reference.REORGANISATION_DATE,
                **gen.workflow_fields(
                    WorkflowStatusChoices.APPROVED, reference.REORGANISATION_DATE.year
                ),
            )
            state = AreaState(
                area=area,
                households=sum(s.households for s in group) or gen.rng.randint(60, 150),
                poor_rate=(
                    sum(s.poor_rate for s in group) / len(group)
                    if group
                    else gen.rng.uniform(0.05, 0.09)
                ),
                near_poor_ratio=gen.rng.uniform(0.6, 1.1),
                cultural_rate=(
                    sum(s.cultural_rate for s in group) / len(group)
                    if group
                    else gen.rng.uniform(0.82, 0.9)
                ),
                title=all(s.title for s in group) if group else False,
                predecessors=group,
            )
            new_states.append(state)
            gen.areas_by_ward[new.pk].append(state)
    ResidentialArea.objects.bulk_create([state.area for state in new_states])
    links = [
        ResidentialArea.successors.through(
            from_residentialarea_id=old.area.pk, to_residentialarea_id=state.area.pk
        )
        for state in new_states
        for old in state.predecessors
    ]
    ResidentialArea.successors.through.objects.bulk_create(links)
