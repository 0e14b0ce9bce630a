"""The read-only JSON API: every public dataset as JSON, and its OpenAPI description.

The JSON of a dataset is the `Table` its CSV/XLSX download is written from, for the
same query parameters, so the three can never disagree. Values are typed instead of
written for a spreadsheet: numbers as JSON numbers (money whole đồng), dates ISO
(yyyy-mm-dd), yes/no as true/false, text without the apostrophe a download puts
before formula-like text (JSON is never run as a formula). A rate counted under no
poverty standard is null (the download writes "chuẩn nghèo chưa xác định"; the
row's standard column says why).
"""

from __future__ import annotations

import datetime
import decimal

from django.utils.translation import gettext as _

from campaigns import selectors
from campaigns.public.datasets import AREA, DATASETS, GOAL, WARD, YEAR, Column, Table

# Query parameter of each dataset parameter, as the downloads read them.
QUERY_NAMES = {YEAR: "nam", WARD: "don-vi", AREA: "khu-dan-cu", GOAL: "muc-tieu"}
OPENAPI_VERSION = "3.1.0"
API_VERSION = "1.0"
# Kinds written as JSON integers (money in whole đồng).
WHOLE_KINDS = {"int", "money", "year"}


def json_value(value, column: Column):
    """One cell as a JSON value (see the module docstring)."""
    if value is None or value == "" or isinstance(value, selectors.NoStandard):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        whole = column.kind in WHOLE_KINDS and value == value.to_integral_value()
        return int(value) if whole else float(value)
    if isinstance(value, int | float):
        return value
    return str(value)


def table_json(table: Table) -> dict:
    """The JSON document of one table: what was asked, the columns, the rows."""
    columns = table.columns
    return {
        "dataset": table.dataset.slug,
        "title": str(table.title),
        # The query form the table was built for ({"nam": 2024, "don-vi": "…"}).
        "parameters": dict(table.params),
        "columns": [
            {"key": c.key, "label": str(c.label), "heading": c.heading, "kind": c.kind}
            for c in columns
        ],
        "rows": [
            {c.key: json_value(value, c) for value, c in zip(row, columns, strict=True)}
            for row in table.rows
        ],
        "csv": table.csv_url,
        "xlsx": table.xlsx_url,
    }


# --- OpenAPI ------------------------------------------------------------------------


def _value_schema(column: Column) -> dict:
    kind = column.kind
    if kind in WHOLE_KINDS:
        types = ["integer", "null"]
    elif kind in {"percent", "decimal", "number"}:
        types = ["number", "null"]
    elif kind == "bool":
        types = ["boolean", "null"]
    else:
        types = ["string", "null"]
    schema = {"type": types, "title": column.heading}
    description = str(column.description)
    if kind == "money":
        description = " ".join(filter(None, [description, _("Whole đồng (VND).")]))
    if kind == "percent":
        description = " ".join(filter(None, [description, _("Per cent, one decimal.")]))
    if kind == "date":
        schema["format"] = "date"
    schema["description"] = f"{column.heading}. {description}".strip()
    return schema


def _parameters(dataset) -> list[dict]:
    texts = {
        YEAR: _(
            "Year (four digits); default the latest year with approved data. A year "
            "outside the campaign's years answers 404."
        ),
        WARD: _("Address of a ward or commune, e.g. phuong-bac-kan."),
        AREA: _("Address of a residential area, e.g. phuong-duc-xuan-to-1."),
        GOAL: _("Number of a goal of the set in force in the year (1–10)."),
    }
    schemas = {
        YEAR: {"type": "integer", "minimum": 2010, "maximum": 9999},
        WARD: {"type": "string"},
        AREA: {"type": "string"},
        GOAL: {"type": "integer", "minimum": 1},
    }
    return [
        {
            "name": QUERY_NAMES[key],
            "in": "query",
            "required": key in dataset.required - {YEAR},
            "description": texts[key],
            "schema": schemas[key],
        }
        for key in QUERY_NAMES
        if key in dataset.params
    ]


def _error_response(description: str) -> dict:
    return {
        "description": description,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
        },
    }


def openapi_document(json_url) -> dict:
    """The OpenAPI 3.1 description of every dataset's JSON; `json_url(slug)` its path."""
    paths, schemas = {}, {}
    for dataset in DATASETS.values():
        row = f"Row_{dataset.slug.replace('-', '_')}"
        schemas[row] = {
            "type": "object",
            "title": str(dataset.title),
            "properties": {c.key: _value_schema(c) for c in dataset.columns},
            "required": [c.key for c in dataset.columns],
            "additionalProperties": False,
        }
        paths[json_url(dataset.slug)] = {
            "get": {
                "operationId": f"get_{dataset.slug.replace('-', '_')}",
                "summary": str(dataset.title),
                "description": str(dataset.description),
                "tags": [_("Open data")],
                "parameters": _parameters(dataset),
                "responses": {
                    "200": {
                        "description": _("The rows of the table."),
                        "content": {
                            "application/json": {
                                "schema": {
                                    "allOf": [
                                        {"$ref": "#/components/schemas/Table"},
                                        {
                                            "type": "object",
                                            "properties": {
                                                "rows": {
                                                    "type": "array",
                                                    "items": {
                                                        "$ref": f"#/components/schemas/{row}"
                                                    },
                                                }
                                            },
                                        },
                                    ]
                                }
                            }
                        },
                    },
                    "400": _error_response(_("A malformed parameter.")),
                    "404": _error_response(
                        _("No such dataset, year, unit, area or goal.")
                    ),
                },
            }
        }
    schemas["Table"] = {
        "type": "object",
        "required": ["dataset", "title", "parameters", "columns", "rows"],
        "properties": {
            "dataset": {"type": "string", "description": _("The dataset's address.")},
            "title": {"type": "string"},
            "parameters": {
                "type": "object",
                "description": _("The parameters the rows are for."),
            },
            "columns": {
                "type": "array",
                "description": _(
                    "The columns: key in each row, Vietnamese label, CSV/XLSX heading."
                ),
                "items": {
                    "type": "object",
                    "properties": {
                        "key": {"type": "string"},
                        "label": {"type": "string"},
                        "heading": {"type": "string"},
                        "kind": {"type": "string"},
                    },
                },
            },
            "rows": {"type": "array", "items": {"type": "object"}},
            "csv": {"type": "string", "description": _("The same rows as CSV.")},
            "xlsx": {"type": "string", "description": _("The same rows as XLSX.")},
        },
    }
    schemas["Error"] = {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string"}},
    }
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": _("Open data of the campaign results portal"),
            "version": API_VERSION,
            "description": _(
                "Every public table of the portal as JSON: the same rows as its CSV "
                "and XLSX downloads, approved records only, no personal data. Money in "
                "whole đồng, rates in per cent, dates yyyy-mm-dd."
            ),
        },
        "paths": paths,
        "components": {"schemas": schemas},
    }
