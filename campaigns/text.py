"""Vietnamese text helpers: accent folding for search and URL slugs."""

import re
import unicodedata

from django.utils.text import slugify


def fold(text: str) -> str:
    """Lower-case `text` without diacritics: "Đức Xuân" and "DUC XUAN" both give "duc xuan".

    NFD splits most accents off, but đ/Đ is a letter of its own and must be mapped.
    """
    text = unicodedata.normalize("NFD", text or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D")
    return re.sub(r"\s+", " ", text).strip().lower()


def vn_slugify(text: str) -> str:
    return slugify(fold(text))


def nfc(text: str) -> str:
    """Normalise typed or pasted Vietnamese (NFD from some keyboards) to NFC."""
    return unicodedata.normalize("NFC", text or "").strip()
