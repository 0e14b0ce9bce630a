"""Good examples (người tốt việc tốt, models, collectives) and the photos of stories and festivals."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit
from simple_history.models import HistoricalRecords

from campaigns.models import querysets
from campaigns.models.base import (
    MAX_YEAR,
    MIN_YEAR,
    RECORD_PERMISSIONS,
    CampaignRecord,
    TimeStampedModel,
)
from campaigns.models.choices import StoryKindChoices, WorkflowStatusChoices
from campaigns.models.fields import YearField
from campaigns.models.images import clean_photo
from campaigns.models.results import AnnualResult
from campaigns.models.units import ResidentialArea, Ward
from campaigns.text import vn_slugify

APPROVED = WorkflowStatusChoices.APPROVED
CONSENT_MISSING = _(
    "This story names a private person: record their consent (who agreed, when, and the "
    "reference of the signed consent) before it is approved."
)


class Story(CampaignRecord):
    """A good example of a ward, told for the public once approved.

    A story that names a private person is published only with that person's
    recorded consent (a database check and the approve transition both hold it).
    """

    kind = models.CharField(_("kind"), max_length=10, choices=StoryKindChoices.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("The address of the story; made from the title when left empty."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown in lists and share previews."),
    )
    body = models.TextField(
        _("story"), help_text=_("Plain text; leave an empty line between paragraphs.")
    )
    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="stories",
        verbose_name=_("ward or commune"),
    )
    residential_area = models.ForeignKey(
        ResidentialArea,
        on_delete=models.PROTECT,
        related_name="stories",
        verbose_name=_("residential area"),
        null=True,
        blank=True,
    )
    year = YearField(_("year"))
    names_private_person = models.BooleanField(
        _("names a private person"),
        default=False,
        help_text=_(
            "Tick when the story names or shows a private person: it can then be "
            "approved only with their consent recorded."
        ),
    )
    consent_given_by = models.CharField(
        _("consent given by"), max_length=200, blank=True
    )
    consent_recorded_at = models.DateField(
        _("consent recorded on"), null=True, blank=True
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    consent_note = models.CharField(
        _("consent reference"),
        max_length=255,
        blank=True,
        help_text=_("Reference of the signed consent form and where it is kept."),
    )

    objects = querysets.YearRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("good example")
        verbose_name_plural = _("good examples")
        default_permissions = RECORD_PERMISSIONS
        ordering = ["-year", "-approved_at", "title"]
        indexes = [
            models.Index(fields=["status", "year"], name="story_status_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
                name="story_year_range",
                violation_error_message=_("The year is out of range."),
            ),
            models.CheckConstraint(
                condition=~Q(status=APPROVED)
                | Q(names_private_person=False)
                | (Q(consent_recorded_at__isnull=False) & ~Q(consent_given_by="")),
                name="story_approved_with_consent",
                violation_error_message=CONSENT_MISSING,
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    @property
    def has_consent(self) -> bool:
        return bool(self.consent_recorded_at and self.consent_given_by.strip())

    def approval_refusal(self):
        """Why this story may not be approved (the workflow asks), or None."""
        if self.names_private_person and not self.has_consent:
            return CONSENT_MISSING
        return None

    def clean(self):
        super().clean()
        if self.residential_area_id and self.ward_id:
            if self.residential_area.ward_id != self.ward_id:
                raise ValidationError(
                    {"residential_area": _("The residential area is not in this ward.")}
                )
        if bool(self.consent_recorded_at) != bool(self.consent_given_by.strip()):
            raise ValidationError(
                _("Record both who gave the consent and the date it was recorded.")
            )
        if self.status == APPROVED and self.approval_refusal():
            raise ValidationError(self.approval_refusal())

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)
        # A photo reaches the gate through its own ward (Photo.ward): keep it in step.
        self.photos.exclude(ward_id=self.ward_id).update(ward_id=self.ward_id)

    def _unique_slug(self) -> str:
        base = (vn_slugify(self.title) or "guong-sang")[:200]
        slug, number = base, 2
        while Story.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug


class PhotoQuerySet(querysets.WardRecordQuerySet):
    """Photos carry no status of their own: public with their story or festival."""

    def published(self):
        """Photos of approved stories and of published yearly results (festivals)."""
        return self.filter(
            Q(story__status=APPROVED)
            | Q(
                annual_result__status=APPROVED,
                annual_result__residential_area__status=APPROVED,
            )
        )

    def approved(self):
        return self.published()


RENDITION = {"format": "JPEG", "options": {"quality": 82, "optimize": True}}


class Photo(TimeStampedModel):
    """A photo of a story or of a festival (one yearly result), stored once without
    its metadata; renditions are made from it by django-imagekit."""

    image = models.ImageField(
        _("photo"),
        upload_to="photos/%Y/",
        # No width_field/height_field: Django would decode every assigned file to
        # measure it, before the size cap and the pixel limit of `clean_photo()`,
        # which records the size itself.
        help_text=_(
            "JPEG, PNG, WebP or HEIC (from phones); location and device data are removed."
        ),
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_(
            "What the photo shows, for people who cannot see it. Never put a figure "
            "only in a photo."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    story = models.ForeignKey(
        Story,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("good example"),
        null=True,
        blank=True,
    )
    annual_result = models.ForeignKey(
        AnnualResult,
        on_delete=models.PROTECT,
        related_name="photos",
        verbose_name=_("yearly result (festival)"),
        null=True,
        blank=True,
    )
    # Copied from the story or the result so that the one gate reaches photos by one
    # path, as every other ward record (restrict, history, scope checks).
    ward = models.ForeignKey(
        Ward,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ward or commune"),
        editable=False,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)

    thumbnail = ImageSpecField(
        source="image", processors=[ResizeToFit(320, 320, upscale=False)], **RENDITION
    )
    page_width = ImageSpecField(
        source="image", processors=[ResizeToFit(960, 1600, upscale=False)], **RENDITION
    )
    share = ImageSpecField(
        source="image", processors=[ResizeToFill(1200, 630)], **RENDITION
    )

    objects = PhotoQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["width", "height"])

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        default_permissions = ("add", "change", "delete", "view")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(story__isnull=False, annual_result__isnull=True)
                | Q(story__isnull=True, annual_result__isnull=False),
                name="photo_of_story_or_festival",
                violation_error_message=_(
                    "A photo belongs to either a good example or a festival, not both."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(alt_text=""),
                name="photo_alt_text_required",
                violation_error_message=_(
                    "Describe the photo in the alternative text."
                ),
            ),
        ]

    def __str__(self):
        return self.alt_text[:60] or str(self.pk)

    def _has(self, name: str) -> bool:
        # An inline form's parent may be set but not saved yet (no id).
        return (
            getattr(self, f"{name}_id") is not None
            or self._state.fields_cache.get(name) is not None
        )

    def parent(self):
        """The record whose workflow governs this photo: its story or yearly result."""
        return self.story if self._has("story") else self.annual_result

    def _copy_ward(self):
        if self._has("story"):
            self.ward_id = self.story.ward_id
        elif self._has("annual_result"):
            self.ward_id = self.annual_result.residential_area.ward_id

    def _clean_image(self):
        """Replace a new upload by its metadata-free copy (once)."""
        file = self.image
        if not file or getattr(file, "_committed", True):
            return
        if getattr(file.file, "photo_cleaned", False):
            return
        cleaned = clean_photo(file.file)
        cleaned.content.photo_cleaned = True
        self.image = cleaned.content
        self.width, self.height = cleaned.width, cleaned.height

    def clean(self):
        super().clean()
        self.alt_text = (self.alt_text or "").strip()
        if not self.alt_text:
            raise ValidationError(
                {"alt_text": _("Describe the photo in the alternative text.")}
            )
        if self._has("story") == self._has("annual_result"):
            raise ValidationError(
                _("A photo belongs to either a good example or a festival, not both.")
            )
        try:
            self._clean_image()
        except ValidationError as exc:
            raise ValidationError({"image": exc.messages}) from exc
        self._copy_ward()

    def save(self, *args, **kwargs):
        # Writes that skip the form (seed_demo, services) are stripped here too.
        self._clean_image()
        self._copy_ward()
        super().save(*args, **kwargs)

    def stored_names(self) -> list[str]:
        """The original and every rendition in the storage (removed with the photo)."""
        if not self.image:
            return []
        return [self.image.name] + [
            spec.name for spec in (self.thumbnail, self.page_width, self.share)
        ]
