import pytest

from campaigns.services import reference_data_load


@pytest.fixture
def reference(db):
    """The Bắc Kạn reference data, loaded as `make run` loads it."""
    reference_data_load()
