"""Photo files follow their rows: a deleted or replaced photo leaves no file behind.

A story withdrawn (consent taken back) must not stay reachable at its photo's
address, so the original and its renditions are removed from the storage once the
deletion commits (a rolled-back deletion keeps them).
"""

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, pre_save

from campaigns.models import Photo


def _remove_files(names: list[str]) -> None:
    def remove():
        for name in names:
            # A missing file is no error: there is nothing left to remove.
            default_storage.delete(name)

    transaction.on_commit(remove, robust=True)


def _photo_deleted(sender, instance, **kwargs):
    _remove_files(instance.stored_names())


def _photo_replaced(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    previous = Photo.objects.filter(pk=instance.pk).first()
    if previous is not None and previous.image.name != instance.image.name:
        _remove_files(previous.stored_names())


def connect() -> None:
    """Connect the receivers (once, from the app's `ready()`)."""
    post_delete.connect(_photo_deleted, sender=Photo, dispatch_uid="photo-files")
    pre_save.connect(_photo_replaced, sender=Photo, dispatch_uid="photo-replaced")
