import pytest

from campaigns.services.reference import reference_data_load


@pytest.fixture
def reference(db):
    """The Bắc Kạn reference data, loaded as `make run` loads it."""
    reference_data_load()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached aggregates must not leak from one test's database into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
