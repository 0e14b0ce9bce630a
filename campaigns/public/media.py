"""Uploaded photos and their renditions, served from the default storage.

whitenoise serves static files only. Every stored name is unguessable and never
reused (a random name per upload; renditions named by a hash of it), so a served
file never changes and may be cached for long. Only the folders photos are kept in
are served: nothing else the storage may hold.
"""

import mimetypes

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

SERVED_FOLDERS = ("photos/", "renditions/")
MAX_AGE = 60 * 60 * 24 * 365
IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp"}


@require_GET
def media_file(request, name: str):
    if not name.startswith(SERVED_FOLDERS) or ".." in name.split("/"):
        raise Http404
    content_type, _encoding = mimetypes.guess_type(name)
    if content_type not in IMAGE_TYPES:
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, SuspiciousFileOperation, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}, immutable"
    return response
