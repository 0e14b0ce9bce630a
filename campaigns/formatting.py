"""Numbers written the way Vietnamese readers expect: 1.234.567 đồng, 2,1 tỷ đồng, 4,5%."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _


def group_digits(value: int) -> str:
    """1234567 → "1.234.567" (dots group thousands in Vietnamese)."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", ".")


def decimal_vi(value, places: int = 1) -> str:
    """Decimal with a comma: 4.5 → "4,5"; thousands grouped with dots."""
    quantum = Decimal(1).scaleb(-places)
    number = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    whole, _sep, fraction = f"{abs(number):f}".partition(".")
    text = group_digits(int(whole))
    if fraction:
        text += "," + fraction
    return ("-" if number < 0 else "") + text


def money_full(amount: int | None) -> str:
    """1234567 → "1.234.567 đồng"."""
    if amount is None:
        return "–"
    return _("%(amount)s VND") % {"amount": group_digits(amount)}


def money_short(amount: int | None) -> str:
    """Amounts in tỷ (10⁹) or triệu (10⁶) with one decimal: "2,1 tỷ đồng", "850 triệu đồng"."""
    if amount is None:
        return "–"
    amount = int(amount)
    for size, label in ((10**9, _("billion VND")), (10**6, _("million VND"))):
        if abs(amount) >= size:
            text = decimal_vi(Decimal(amount) / size, 1)
            if text.endswith(",0"):
                text = text[:-2]
            return f"{text} {label}"
    return money_full(amount)


def percent(value) -> str:
    """4.5 → "4,5%"; None → "–" (no households to count)."""
    if value is None:
        return "–"
    if not is_number(value):  # a rate with no poverty standard: its own words
        return str(value)
    return decimal_vi(value, 1) + "%"


def is_number(value) -> bool:
    return isinstance(value, int | float | Decimal)
