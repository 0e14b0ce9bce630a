"""docs/data-dictionary.md, generated from the dataset registry."""

from campaigns.public.datasets.base import AREA, DATASETS, GOAL, WARD, YEAR


def data_dictionary_markdown() -> str:
    """docs/data-dictionary.md, generated from `DATASETS` (a test keeps the file in step)."""
    from django.utils import translation

    from campaigns.services import reference_data as reference

    def text(value) -> str:
        return str(value).replace("|", "\\|")

    with translation.override("vi"):
        lines = [
            "# Từ điển dữ liệu mở / Open-data dictionary",
            "",
            "Generated from `campaigns/public/datasets/` (`DATASETS`); "
            "`tests/public/test_exports.py` fails when this file is out of date. "
            'Regenerate: `python manage.py shell -c "from campaigns.public.datasets import '
            "data_dictionary_markdown as d; open('docs/data-dictionary.md', 'w')"
            '.write(d())"`.',
            "",
            "Every table is served at `/du-lieu/<bảng>.csv` and `/du-lieu/<bảng>.xlsx`, "
            "and as JSON at `/du-lieu/<bảng>.json` (the same rows, keyed by the column "
            "keys; described by the OpenAPI document `/du-lieu/api.json`). "
            "Parameters: `nam` (year, default the latest year with approved data), "
            "`don-vi` (a unit's address, e.g. `phuong-bac-kan`; a unit formed in 2025 "
            "adds up its predecessors for earlier years), `khu-dan-cu` (a residential "
            "area's address), `muc-tieu` (goal number 1–10).",
            "",
            "- Only **approved** records count. No personal data of supported "
            "households is ever included; a donor is named only with consent.",
            "- CSV: UTF-8 with BOM, comma-separated, dot as decimal mark. XLSX: one "
            "sheet. Text cells beginning with = + - @ get a leading apostrophe.",
            "- Money in đồng (VND, whole numbers); rates in per cent with one decimal "
            "(half up); lengths in km with two decimals.",
            "- A year is reported under the units in force on 31 December of that year; "
            f"fund records belong to the unit in force on their date "
            f"({reference.REORGANISATION_BASIS}).",
            "- The date the data was last approved is shown on `/du-lieu/`.",
            "",
            "## Chuẩn nghèo / Poverty standards",
            "",
            "| Văn bản | Tên | Năm | Nguồn |",
            "|---|---|---|---|",
        ]
        for code, name, first, last, *_rest, source in reference.POVERTY_STANDARDS:
            lines.append(f"| {code} | {name} | {first}–{last or '…'} | {source} |")
        lines.append("")
        lines.append(
            "A rate of a year no standard covers is written “chuẩn nghèo chưa xác "
            "định” instead of a number."
        )
        lines.append("")
        for dataset in DATASETS.values():
            params = ", ".join(
                f"`{name}`"
                for key, name in (
                    (YEAR, "nam"),
                    (WARD, "don-vi"),
                    (AREA, "khu-dan-cu"),
                    (GOAL, "muc-tieu"),
                )
                if key in dataset.params
            )
            lines += [
                f"## `{dataset.slug}` – {text(dataset.title)}",
                "",
                text(dataset.description),
                "",
                f"Parameters: {params or '–'}.",
                "",
                "| Cột (tiêu đề CSV/XLSX) | Đơn vị | Ý nghĩa |",
                "|---|---|---|",
            ]
            for column in dataset.columns:
                lines.append(
                    f"| {text(column.heading)} | {column.unit or '–'} | "
                    f"{text(column.description) or '–'} |"
                )
            lines.append("")
        return "\n".join(lines)
