"""Uploaded photos: bounded, decoded by Pillow, re-encoded without their metadata.

A phone photo carries its EXIF: the GPS position where it was taken, the device, the
time. `clean_photo()` decodes the upload once (size cap first, then Pillow's
decompression-bomb limit), applies the EXIF orientation to the pixels and writes a new
file from the pixels alone, so the original that is stored, and every rendition made
from it, carries no metadata. HEIC from iPhones is read through pillow-heif and stored
as JPEG, which every browser shows.
"""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

try:  # HEIC/HEIF from phones: optional, read when pillow-heif is installed
    from pillow_heif import register_heif_opener
except ImportError:  # pragma: no cover - pillow-heif is a dependency
    HEIF_READABLE = False
else:
    register_heif_opener()
    HEIF_READABLE = True

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# Pillow format → (stored format, extension, save options). Only pixels are written:
# no exif=, icc_profile= or pnginfo= is passed, so no metadata survives.
STORED_FORMATS = {
    "JPEG": ("JPEG", "jpg", {"quality": 88, "optimize": True}),
    "MPO": ("JPEG", "jpg", {"quality": 88, "optimize": True}),  # phone JPEGs
    "PNG": ("PNG", "png", {"optimize": True}),
    "WEBP": ("WEBP", "webp", {"quality": 88}),
    "HEIF": ("JPEG", "jpg", {"quality": 88, "optimize": True}),
}

UNREADABLE = _(
    "The file is not a photo that can be read. Upload a JPEG, PNG, WebP or HEIC image."
)
TOO_LARGE = _("The photo is larger than %(size)s MB. Upload a smaller file.")
TOO_MANY_PIXELS = _(
    "The photo has too many pixels (more than %(pixels)s million) to be processed safely. "
    "Upload a smaller image."
)
WRONG_FORMAT = _(
    "%(format)s images are not accepted. Upload a JPEG, PNG, WebP or HEIC image."
)


def max_upload_bytes() -> int:
    return getattr(settings, "PHOTO_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES)


@dataclass(frozen=True)
class CleanPhoto:
    content: ContentFile
    width: int
    height: int


def _refuse_bomb(image: Image.Image) -> None:
    limit = Image.MAX_IMAGE_PIXELS
    if limit and image.width * image.height > limit:
        raise ValidationError(
            TOO_MANY_PIXELS % {"pixels": limit // 1_000_000}, code="too_many_pixels"
        )


def _decode(upload) -> tuple[Image.Image, str]:
    """The decoded image and its Pillow format; ValidationError when unreadable."""
    upload.seek(0)
    try:
        # Pillow warns past MAX_IMAGE_PIXELS and raises past twice that: both refused.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            fmt = image.format or ""
            if fmt not in STORED_FORMATS:
                raise ValidationError(
                    WRONG_FORMAT % {"format": fmt or "?"}, code="wrong_format"
                )
            _refuse_bomb(image)
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            TOO_MANY_PIXELS % {"pixels": Image.MAX_IMAGE_PIXELS // 1_000_000},
            code="too_many_pixels",
        ) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        # Truncated or corrupt data surfaces as OSError/SyntaxError from the decoders.
        raise ValidationError(UNREADABLE, code="unreadable") from exc
    return image, fmt


def clean_photo(upload) -> CleanPhoto:
    """A metadata-free copy of `upload` ready to store, under a random name (the
    uploaded name may name a person; a served address cannot be guessed);
    ValidationError (in Vietnamese once translated) when too large, not an image,
    or a pixel bomb."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_upload_bytes():
        raise ValidationError(
            TOO_LARGE % {"size": max_upload_bytes() // (1024 * 1024)}, code="too_large"
        )
    image, fmt = _decode(upload)
    stored_format, extension, options = STORED_FORMATS[fmt]
    # Turn the picture as the camera meant, since the orientation tag goes with EXIF.
    image = ImageOps.exif_transpose(image)
    if stored_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        # Palette and other modes: the transparency of a palette is kept as alpha.
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    # A new image from the pixels alone: image.info (exif, icc, xmp, comments) is dropped.
    pixels = Image.new(image.mode, image.size)
    pixels.paste(image)
    buffer = io.BytesIO()
    pixels.save(buffer, format=stored_format, **options)
    return CleanPhoto(
        content=ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{extension}"),
        width=pixels.width,
        height=pixels.height,
    )
