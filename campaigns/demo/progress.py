"""A one-line progress bar on stderr, for `seed_demo --scale`."""

import sys
import time


class Progress:
    """A one-line progress bar on stderr, redrawn at most a few times a second."""

    def __init__(self, total: int, label: str, stream=None):
        self.total = max(total, 1)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self.shown = 0.0

    def update(self, done: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.shown < 0.5:
            return
        self.shown = now
        share = min(done / self.total, 1.0)
        bar = "#" * round(30 * share)
        self.stream.write(
            f"\r{self.label} [{bar:<30}] {100 * share:5.1f}% "
            f"{done:,}/{self.total:,} {now - self.started:6.1f} s"
        )
        self.stream.flush()

    def finish(self) -> None:
        self.update(self.total, force=True)
        self.stream.write("\n")
        self.stream.flush()
