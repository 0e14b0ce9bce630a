import pytest

from campaigns.services.reference import reference_data_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the Bắc Kạn reference data loaded (and committed) once.

    Every test that uses the database sees the reference data: its own writes are
    rolled back after it, the reference rows stay. Transactional tests (live_server,
    browser) flush the database after them, so they load it again themselves (the
    `reference` fixture does this for them).
    """
    with django_db_blocker.unblock():
        reference_data_load()


@pytest.fixture
def reference(db):
    """The Bắc Kạn reference data, loaded as `make run` loads it.

    Already in the database for every test (see `django_db_setup`); a transactional
    test may run after another one flushed it, so it is loaded again there.
    """
    from django.db import connection

    if not connection.in_atomic_block:  # a transactional test: nothing rolls back
        reference_data_load()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached aggregates must not leak from one test's database into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
