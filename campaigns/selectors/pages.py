"""Pages of long lists: a page of a 10,000-unit table reads and renders 50 units."""

from __future__ import annotations

from dataclasses import dataclass

# Read as `pages.PAGE_SIZE` when called, so one setting (tests make it small) holds
# for every selector that pages.
PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    """One page of a long list: its items and where it sits among the pages."""

    number: int
    count: int
    items: tuple = ()
    size: int = PAGE_SIZE

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.size))

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def previous_number(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next_number(self) -> int | None:
        return self.number + 1 if self.number < self.num_pages else None

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.count else 0

    @property
    def end_index(self) -> int:
        return min(self.number * self.size, self.count)

    def numbers(self) -> list[int | None]:
        """Page numbers to link: first, last and two around this one; None is a gap."""
        wanted = {1, self.num_pages, *range(self.number - 2, self.number + 3)}
        shown, previous = [], 0
        for n in sorted(n for n in wanted if 1 <= n <= self.num_pages):
            if n > previous + 1:
                shown.append(None)
            shown.append(n)
            previous = n
        return shown


class PageNotFound(LookupError):
    """A page number past the last page."""


def _page_bounds(number: int, count: int) -> tuple[int, int]:
    """Slice bounds of page `number`; PageNotFound past the last (page 1 always exists)."""
    if number < 1 or (number - 1) * PAGE_SIZE >= max(count, 1):
        raise PageNotFound(number)
    return (number - 1) * PAGE_SIZE, number * PAGE_SIZE
