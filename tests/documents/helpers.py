"""Reading the PDFs the portal draws: pages, size, text, and the QR code on a page."""

import io
import re
from html import unescape

import zxingcpp
from pypdf import PdfReader

A4_POINTS = (595.28, 841.89)


def pdf_reader(content: bytes) -> PdfReader:
    assert content.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(content))


def page_text(page) -> str:
    return page.extract_text()


def squeezed(text: str) -> str:
    """Text without whitespace: a wrapped line in the PDF must still match."""
    return re.sub(r"\s+", "", text)


def qr_texts(page) -> list[str]:
    """What the QR codes drawn on `page` encode, decoded from its images."""
    found = []
    for image in page.images:
        found += [
            code.text for code in zxingcpp.read_barcodes(image.image.convert("L"))
        ]
    return found


def is_a4(page) -> bool:
    box = page.mediabox
    return (
        abs(float(box.width) - A4_POINTS[0]) < 1
        and abs(float(box.height) - A4_POINTS[1]) < 1
    )


def text_of(response) -> str:
    """The visible text of a page, tags removed and entities decoded."""
    html = response.content.decode()
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    html = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
