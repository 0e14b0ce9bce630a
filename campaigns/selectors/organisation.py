"""Which Front committee approved a unit's figures of a year (reference data)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from campaigns.cache import cached
from campaigns.models import ApprovingBody
from campaigns.models.validity import in_force_on, year_reference_date


@dataclass(frozen=True)
class BodyRef:
    name: str
    level: str
    ward_id: int | None
    approves: bool
    first_year: int
    last_year: int | None
    ward_valid_from: datetime.date | None
    ward_valid_to: datetime.date | None

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (
            self.last_year is None or year <= self.last_year
        )


def approving_bodies_all() -> tuple[BodyRef, ...]:
    """Every approving body (a few rows), cached under the generation."""

    def compute():
        return tuple(
            BodyRef(
                name=b.name,
                level=b.level,
                ward_id=b.ward_id,
                approves=b.approves,
                first_year=b.first_year,
                last_year=b.last_year,
                ward_valid_from=b.ward.valid_from if b.ward else None,
                ward_valid_to=b.ward.valid_to if b.ward else None,
            )
            for b in ApprovingBody.objects.select_related("ward").order_by(
                "first_year", "name"
            )
        )

    return cached("approving-bodies", compute=compute)


def approving_body(*, ward, year: int, every=None) -> BodyRef | None:
    """The body that approves `ward`'s figures of `year`: the unit's own committee
    when one covers the year, else the body of every unit (the city committee before
    2025); None when the reference data names none.

    `every`: `approving_bodies_all()` when the caller has read it already."""
    ward_id = getattr(ward, "pk", ward)
    every = approving_bodies_all() if every is None else every
    bodies = [b for b in every if b.approves and b.covers(year)]
    own = [b for b in bodies if b.ward_id is not None and b.ward_id == ward_id]
    if own:
        return own[0]
    general = [b for b in bodies if b.ward_id is None]
    return general[0] if general else None


def approving_bodies(*, year: int, ward=None, every=None) -> tuple[BodyRef, ...]:
    """The bodies that approved the figures of `year`: of one unit, or of every unit
    in force that year (ward=None), in the order of the reference data.

    A unit's page in a year before it existed shows its predecessors' figures, which
    the body of every unit approved (no unit of the portal had its own then).
    """
    every = approving_bodies_all() if every is None else every
    if ward is not None:
        body = approving_body(ward=ward, year=year, every=every)
        return (body,) if body else ()
    day = year_reference_date(year)
    bodies = [b for b in every if b.approves and b.covers(year)]
    own = tuple(
        b
        for b in bodies
        if b.ward_id is not None
        and in_force_on(b.ward_valid_from, b.ward_valid_to, day)
    )
    return own or tuple(b for b in bodies if b.ward_id is None)


def approved_by_text(*, year: int | None, ward=None) -> str:
    """The names of the bodies joined ("Ủy ban MTTQ Việt Nam phường Bắc Kạn, …"),
    or "" for none."""
    return approved_by_reader()(year=year, ward=ward)


def approved_by_reader() -> Callable[..., str]:
    """`approved_by_text` for the rows of one table: the bodies are read once, not
    once per row (each read is a cache round trip, 50 rows a page)."""
    # Read (or cache) the bodies even without a year, so a page's query count does
    # not depend on whether it has rows to name a body for.
    every = approving_bodies_all()

    def text(*, year: int | None, ward=None) -> str:
        if year is None:
            return ""
        bodies = approving_bodies(year=year, ward=ward, every=every)
        return ", ".join(b.name for b in bodies)

    return text
