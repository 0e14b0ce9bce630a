"""Public tables: each turns one selector's result into columns and rows.

The same `Table` is drawn as a chart, shown as an accessible HTML table, written as
CSV/XLSX and copied into the yearly report workbook, so they can never disagree.
Tables with one row per unit (or per named donor) take `page=`: a page shows
`selectors.PAGE_SIZE` rows and links to the others, while its downloads hold every
row. `DATASETS` is the open-data catalogue; its columns are the data dictionary
(`/du-lieu/` and docs/data-dictionary.md).
"""

# The topic modules register their datasets on import, in the catalogue's order.
from campaigns.public.datasets import overview, results, goals, fund, works  # noqa: F401, I001
from campaigns.public.datasets import festivals, honours, commendations  # noqa: F401, I001
from campaigns.public.datasets import directory  # noqa: F401, I001
from campaigns.public.datasets.base import (
    AREA,
    DATASETS,
    GOAL,
    WARD,
    YEAR,
    Column,
    Dataset,
    Table,
    build,
    download_url,
    json_url,
)
from campaigns.public.datasets.dictionary import data_dictionary_markdown
from campaigns.public.datasets.directory import latest_units

__all__ = [
    "AREA",
    "DATASETS",
    "GOAL",
    "WARD",
    "YEAR",
    "Column",
    "Dataset",
    "Table",
    "build",
    "data_dictionary_markdown",
    "download_url",
    "json_url",
    "latest_units",
]
