"""Numbers, money and year-over-year changes written as a Vietnamese report writes them.

The figures come from the selectors; these helpers only word them (1.234.567 đồng,
"tăng 12 hộ so với năm 2024"), so the document and the pages agree digit for digit.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from campaigns.formatting import decimal_vi, group_digits, is_number, money_short


def number(value) -> str:
    """1234567 → "1.234.567"; a Decimal keeps its decimals with a comma (12,3)."""
    if value is None:
        return "–"
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return decimal_vi(value, 1)
    return group_digits(int(value))


def money(amount) -> str:
    """1234567 → "1.234.567 đồng"."""
    if amount is None:
        return "–"
    return _("%(amount)s VND") % {"amount": group_digits(int(amount))}


def money_about(amount) -> str:
    """A rounded amount for the narrative: "trên 2 tỷ đồng", "850 triệu đồng".

    "Over" (trên) is said only when the rounded figure is below the real one.
    """
    if amount is None:
        return "–"
    amount = int(amount)
    for size in (10**9, 10**6):
        if amount >= size:
            shown = Decimal(amount) / size
            rounded = shown.quantize(Decimal("0.1"), rounding="ROUND_DOWN")
            text = money_short(int(rounded * size))
            if rounded * size < amount:
                return _("over %(amount)s") % {"amount": text}
            return text
    return money(amount)


def rate(value, standard: str = "") -> str:
    """A poverty rate with the standard it was counted under: "4,5% (theo chuẩn
    nghèo NĐ 07/2021/NĐ-CP)"; a rate under no standard reads as its own words."""
    if value is None:
        return "–"
    if not is_number(value):  # NO_STANDARD: "chuẩn nghèo chưa xác định"
        return str(value)
    text = decimal_vi(value, 1) + "%"
    if standard:
        text += " " + _("(under the poverty standard %(standard)s)") % {
            "standard": standard
        }
    return text


def percent(value) -> str:
    """12.3 → "12,3%"; None → "–"."""
    if value is None:
        return "–"
    if not is_number(value):
        return str(value)
    return decimal_vi(value, 1) + "%"


def change(current, previous, *, previous_year: int, unit: str = "") -> str:
    """How a figure moved since `previous_year`, in words: "tăng 12 hộ so với năm
    2024", "giảm 3,5 điểm phần trăm …", "không đổi so với năm 2024"; "" when either
    year has no figure (nothing to compare)."""
    if not (is_number(current) and is_number(previous)):
        return ""
    difference = Decimal(current) - Decimal(previous)
    if difference == 0:
        return _("unchanged from %(year)s") % {"year": previous_year}
    amount = number(abs(difference))
    if unit:
        amount = f"{amount} {unit}"
    if difference > 0:
        return _("up %(amount)s from %(year)s") % {
            "amount": amount,
            "year": previous_year,
        }
    return _("down %(amount)s from %(year)s") % {
        "amount": amount,
        "year": previous_year,
    }
