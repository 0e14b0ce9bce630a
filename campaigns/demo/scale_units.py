"""Scale demo: one invented ward (name, province, district) and its residential areas."""

from campaigns.demo.names import VILLAGE_NAMES
from campaigns.demo.scale import ScaleGenerator
from campaigns.models.choices import (
    ResidentialAreaKindChoices,
    WardKindChoices,
    WorkflowStatusChoices,
)
from campaigns.text import vn_slugify

FIRST_CODE = 40_000  # generated wards take codes 40000–49999


def scale_ward_make(
    gen: ScaleGenerator, index: int, province: int, in_province: int, areas: int
) -> tuple[int, str, list[list]]:
    """Add ward number `index` and its `areas` areas; return its id, name and area states.

    An area state is [id, name, households, poor rate, near-poor ratio, cultural rate,
    title, title year], updated year by year by `scale_results_make`.
    """
    rng = gen.rng
    code = f"{FIRST_CODE + index:05d}"
    is_commune = rng.random() < 0.75
    kind = WardKindChoices.COMMUNE if is_commune else WardKindChoices.WARD
    name = f"{'Xã' if is_commune else 'Phường'} {gen.place_name(in_province)}"
    province_name = f"Tỉnh {gen.place_name(province * 7 + 3)}"
    district = in_province // 15
    ward_id = gen.tables.wards.ids.take()
    gen.tables.wards.add(
        (
            gen.now,
            gen.now,
            code,
            name,
            kind,
            f"{vn_slugify(name)}-{code}",
            f"{province % 100:02d}",
            province_name,
            f"{district % 1000:03d}",
            f"Huyện {gen.place_name(province * 31 + district + 5)}",
            None,
            None,
            False,
            "",
            True,
            ward_id,
        )
    )
    slug = f"{vn_slugify(name)}-{code}"
    states = []
    offset = rng.randrange(len(VILLAGE_NAMES))
    for number in range(1, areas + 1):
        if is_commune:
            area_name = (
                VILLAGE_NAMES[(offset + number) % len(VILLAGE_NAMES)]
                if number <= len(VILLAGE_NAMES)
                else f"Thôn {number}"
            )
            area_kind = (
                ResidentialAreaKindChoices.HAMLET
                if area_name.startswith("Bản")
                else ResidentialAreaKindChoices.VILLAGE
            )
            poor = rng.uniform(0.12, 0.3)
        else:
            area_name = f"Tổ {number}"
            area_kind = ResidentialAreaKindChoices.STREET_GROUP
            poor = rng.uniform(0.02, 0.09)
        area_id = gen.tables.areas.ids.take()
        gen.tables.areas.add(
            (
                *gen.workflow[WorkflowStatusChoices.APPROVED],
                ward_id,
                area_name,
                area_kind,
                f"{slug}-{vn_slugify(area_name)}",
                None,
                None,
                area_id,
            )
        )
        # households, poor rate, near-poor ratio, cultural rate, title, title year
        states.append(
            [
                area_id,
                area_name,
                rng.randint(60, 280),
                poor,
                rng.uniform(0.6, 1.1),
                rng.uniform(0.78, 0.88),
                rng.random() < 0.7,
                None,
            ]
        )
    return ward_id, name, states
